package dev.crossgrade.router;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A forwarding transport that forces an interleaving: it runs a test's action right after one kind
 * of operation completes (to put another writer's operation exactly into a race window), stalls
 * chosen calls forever (a frozen server, for those calls), and records every call. Calls without a
 * hook pass through untouched, with the delegate's own futures.
 */
final class HookedTransport implements CacheTransport {
  private static final String WRITE = "set|add|cas|delete";

  private final CacheTransport delegate;
  private volatile String op = "";
  private volatile Runnable action = () -> {};
  private volatile Predicate<String> stalled = call -> false;
  private final Queue<String> calls = new ConcurrentLinkedQueue<>();

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

  /** From now on, every operation returns a future that never completes, as a frozen server. */
  void stall() {
    stalled = call -> true;
  }

  /**
   * From now on, the calls {@code calls} accepts (given as {@code "op key"}, such as {@code "set
   * shop:items:g2:k"}) never complete; others do.
   */
  void stall(Predicate<String> calls) {
    stalled = calls;
  }

  /** Every call so far, as {@code op key thread}, in order. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  private boolean armed(String operation) {
    String hook = op;
    return hook.equals(operation) || (hook.equals(WRITE) && WRITE.contains(operation));
  }

  /**
   * One call: stalled, or forwarded and, when a hook waits for it, answered only after the hook
   * ran. The hook runs on a thread of its own, never on the client's I/O thread that completed the
   * call: it may use the store itself, and blocking that thread would stall the client.
   */
  private <T> CompletableFuture<T> call(
      String operation, String key, Supplier<CompletableFuture<T>> forward) {
    calls.add(operation + " " + key + " " + Thread.currentThread().getName());
    if (stalled.test(operation + " " + key)) {
      return new CompletableFuture<>();
    }
    CompletableFuture<T> result = forward.get();
    if (!armed(operation)) {
      return result;
    }
    op = "";
    Runnable hook = action;
    CompletableFuture<T> hooked = new CompletableFuture<>();
    result.whenComplete(
        (value, failure) -> {
          Thread thread =
              new Thread(
                  () -> {
                    try {
                      hook.run();
                    } finally {
                      if (failure != null) {
                        hooked.completeExceptionally(failure);
                      } else {
                        hooked.complete(value);
                      }
                    }
                  },
                  "hooked-transport-hook");
          thread.setDaemon(true);
          thread.start();
        });
    return hooked;
  }

  @Override
  public String name() {
    return "hooked-" + delegate.name();
  }

  @Override
  public CompletableFuture<Optional<byte[]>> get(String key) {
    return call("get", key, () -> delegate.get(key));
  }

  @Override
  public CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys) {
    return call("getMulti", String.valueOf(keys), () -> delegate.getMulti(keys));
  }

  @Override
  public CompletableFuture<Optional<CasValue>> gets(String key) {
    return call("gets", key, () -> delegate.gets(key));
  }

  @Override
  public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl) {
    return call("set", key, () -> delegate.set(key, value, ttl));
  }

  @Override
  public CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl) {
    return call("add", key, () -> delegate.add(key, value, ttl));
  }

  @Override
  public CompletableFuture<Boolean> cas(String key, long token, byte[] value, Duration ttl) {
    return call("cas", key, () -> delegate.cas(key, token, value, ttl));
  }

  @Override
  public CompletableFuture<Boolean> delete(String key) {
    return call("delete", key, () -> delegate.delete(key));
  }

  @Override
  public void invalidate(String key) {
    calls.add("invalidate " + key + " " + Thread.currentThread().getName());
    if (!stalled.test("invalidate " + key)) {
      delegate.invalidate(key);
    }
  }

  @Override
  public void close() {}
}
