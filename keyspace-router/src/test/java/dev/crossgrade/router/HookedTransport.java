package dev.crossgrade.router;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A forwarding transport that runs a test's action right after one kind of operation completes, to
 * put another writer's operation exactly into a race window.
 */
final class HookedTransport implements CacheTransport {
  private final CacheTransport delegate;
  private volatile String op = "";
  private volatile Runnable action = () -> {};
  private volatile java.util.function.Predicate<String> stalled = call -> false;
  private final java.util.Queue<String> calls = new java.util.concurrent.ConcurrentLinkedQueue<>();

  HookedTransport(CacheTransport delegate) {
    this.delegate = delegate;
  }

  /** Runs {@code then} once, right after the next {@code operation} ("add", "get", ...). */
  void after(String operation, Runnable then) {
    this.action = then;
    this.op = operation;
  }

  /**
   * Runs {@code then} once, right after the next write or delete ("set", "add", "cas", "delete"),
   * whichever comes first: the moment between the first and the second step of an update.
   */
  void afterFirstWrite(Runnable then) {
    this.action = then;
    this.op = WRITE;
  }

  private static final String WRITE = "set|add|cas|delete";

  /** From now on, every operation returns a future that never completes, as a frozen server. */
  void stall() {
    stalled = call -> true;
  }

  /**
   * From now on, the calls {@code calls} accepts (given as {@code "op key"}, such as {@code "set
   * shop:items:g2:k"}) never complete; others do.
   */
  void stall(java.util.function.Predicate<String> calls) {
    stalled = calls;
  }

  /** Every call so far, as {@code op key thread}, in order. */
  java.util.List<String> calls() {
    return java.util.List.copyOf(calls);
  }

  private boolean stalled(String op, String key) {
    calls.add(op + " " + key + " " + Thread.currentThread().getName());
    return stalled.test(op + " " + key);
  }

  private void fire(String operation) {
    if (op.equals(operation) || (op.equals(WRITE) && WRITE.contains(operation))) {
      op = "";
      action.run();
    }
  }

  @Override
  public String name() {
    return "hooked-" + delegate.name();
  }

  @Override
  public CompletableFuture<Optional<byte[]>> get(String key) {
    if (stalled("get", key)) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Optional<byte[]>> result =
        CompletableFuture.completedFuture(delegate.get(key).join());
    fire("get");
    return result;
  }

  @Override
  public CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys) {
    if (stalled("getMulti", String.valueOf(keys))) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Map<String, byte[]>> result =
        CompletableFuture.completedFuture(delegate.getMulti(keys).join());
    fire("getMulti");
    return result;
  }

  @Override
  public CompletableFuture<Optional<CasValue>> gets(String key) {
    if (stalled("gets", key)) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Optional<CasValue>> result =
        CompletableFuture.completedFuture(delegate.gets(key).join());
    fire("gets");
    return result;
  }

  @Override
  public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl) {
    if (stalled("set", key)) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Boolean> result =
        CompletableFuture.completedFuture(delegate.set(key, value, ttl).join());
    fire("set");
    return result;
  }

  @Override
  public CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl) {
    if (stalled("add", key)) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Boolean> result =
        CompletableFuture.completedFuture(delegate.add(key, value, ttl).join());
    fire("add");
    return result;
  }

  @Override
  public CompletableFuture<Boolean> cas(String key, long token, byte[] value, Duration ttl) {
    if (stalled("cas", key)) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Boolean> result =
        CompletableFuture.completedFuture(delegate.cas(key, token, value, ttl).join());
    fire("cas");
    return result;
  }

  @Override
  public CompletableFuture<Boolean> delete(String key) {
    if (stalled("delete", key)) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Boolean> result =
        CompletableFuture.completedFuture(delegate.delete(key).join());
    fire("delete");
    return result;
  }

  @Override
  public void invalidate(String key) {
    if (stalled("invalidate", key)) {
      return;
    }
    delegate.invalidate(key);
  }

  @Override
  public void close() {}
}
