package dev.crossgrade.router;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CacheTransport} seen through a timeout: every operation returns within the timeout, and
 * a failure or timeout becomes a {@link Outcome#FAILED} result (a miss for reads) and a metric,
 * never an exception.
 */
final class GuardedTransport {
  /** How a write or delete ended. */
  enum Outcome {
    /** Stored, or deleted (also when there was nothing to delete). */
    DONE,
    /** Not stored: {@code add} found a value, or {@code cas} found another value or none. */
    REFUSED,
    /** The store could not be reached in time or answered with an error. */
    FAILED
  }

  /**
   * A read: the bytes (null on a miss), the cas token (0 when not asked for), and whether the read
   * failed (and is a miss for that reason).
   */
  record Fetched(byte @Nullable [] value, long token, boolean failed) {
    static final Fetched MISS = new Fetched(null, 0, false);
    static final Fetched FAILURE = new Fetched(null, 0, true);

    boolean present() {
      return value != null;
    }
  }

  /** A multi-get: the hits and whether the read failed (so every key not found is a miss). */
  record Multi(Map<String, byte[]> found, boolean failed) {}

  private final CacheTransport delegate;
  private final Supplier<Duration> timeout;
  private final CacheMetrics metrics;

  GuardedTransport(CacheTransport delegate, Supplier<Duration> timeout, CacheMetrics metrics) {
    this.delegate = delegate;
    this.timeout = timeout;
    this.metrics = metrics;
  }

  String name() {
    return delegate.name();
  }

  Fetched get(String key) {
    Optional<byte[]> value = await("get", () -> delegate.get(key));
    if (value == null) {
      return Fetched.FAILURE;
    }
    return value.map(bytes -> new Fetched(bytes, 0, false)).orElse(Fetched.MISS);
  }

  Fetched gets(String key) {
    Optional<CacheTransport.CasValue> value = await("gets", () -> delegate.gets(key));
    if (value == null) {
      return Fetched.FAILURE;
    }
    return value.map(cas -> new Fetched(cas.value(), cas.token(), false)).orElse(Fetched.MISS);
  }

  Multi getMulti(Collection<String> keys) {
    if (keys.isEmpty()) {
      return new Multi(Map.of(), false);
    }
    Map<String, byte[]> found = await("get_multi", () -> delegate.getMulti(keys));
    return found == null ? new Multi(Map.of(), true) : new Multi(found, false);
  }

  Outcome set(String key, byte[] value, Duration ttl) {
    return status(await("set", () -> delegate.set(key, value, ttl)));
  }

  Outcome add(String key, byte[] value, Duration ttl) {
    return status(await("add", () -> delegate.add(key, value, ttl)));
  }

  Outcome cas(String key, long token, byte[] value, Duration ttl) {
    return status(await("cas", () -> delegate.cas(key, token, value, ttl)));
  }

  Outcome delete(String key) {
    Boolean deleted = await("delete", () -> delegate.delete(key));
    return deleted == null ? Outcome.FAILED : Outcome.DONE;
  }

  private static Outcome status(@Nullable Boolean stored) {
    if (stored == null) {
      return Outcome.FAILED;
    }
    return stored ? Outcome.DONE : Outcome.REFUSED;
  }

  /** The future's value, or null when it failed or did not finish in time. */
  private <T> @Nullable T await(String op, Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      metrics.transportFailure(delegate.name(), op, "error");
      return null;
    }
    try {
      return future.get(timeout.get().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      metrics.transportFailure(delegate.name(), op, "timeout");
      return null;
    } catch (ExecutionException | RuntimeException e) {
      metrics.transportFailure(delegate.name(), op, "error");
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(false);
      metrics.transportFailure(delegate.name(), op, "interrupted");
      return null;
    }
  }
}
