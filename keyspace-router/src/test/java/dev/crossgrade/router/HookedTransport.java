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
  private volatile boolean stalled;

  HookedTransport(CacheTransport delegate) {
    this.delegate = delegate;
  }

  /** Runs {@code then} once, right after the next {@code operation} ("add", "get", ...). */
  void after(String operation, Runnable then) {
    this.action = then;
    this.op = operation;
  }

  /** From now on, every operation returns a future that never completes, as a frozen server. */
  void stall() {
    stalled = true;
  }

  private void fire(String operation) {
    if (op.equals(operation)) {
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
    if (stalled) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Optional<byte[]>> result =
        CompletableFuture.completedFuture(delegate.get(key).join());
    fire("get");
    return result;
  }

  @Override
  public CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys) {
    if (stalled) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Map<String, byte[]>> result =
        CompletableFuture.completedFuture(delegate.getMulti(keys).join());
    fire("getMulti");
    return result;
  }

  @Override
  public CompletableFuture<Optional<CasValue>> gets(String key) {
    if (stalled) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Optional<CasValue>> result =
        CompletableFuture.completedFuture(delegate.gets(key).join());
    fire("gets");
    return result;
  }

  @Override
  public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl) {
    if (stalled) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Boolean> result =
        CompletableFuture.completedFuture(delegate.set(key, value, ttl).join());
    fire("set");
    return result;
  }

  @Override
  public CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl) {
    if (stalled) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Boolean> result =
        CompletableFuture.completedFuture(delegate.add(key, value, ttl).join());
    fire("add");
    return result;
  }

  @Override
  public CompletableFuture<Boolean> cas(String key, long token, byte[] value, Duration ttl) {
    if (stalled) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Boolean> result =
        CompletableFuture.completedFuture(delegate.cas(key, token, value, ttl).join());
    fire("cas");
    return result;
  }

  @Override
  public CompletableFuture<Boolean> delete(String key) {
    if (stalled) {
      return new CompletableFuture<>();
    }
    CompletableFuture<Boolean> result =
        CompletableFuture.completedFuture(delegate.delete(key).join());
    fire("delete");
    return result;
  }

  @Override
  public void close() {}
}
