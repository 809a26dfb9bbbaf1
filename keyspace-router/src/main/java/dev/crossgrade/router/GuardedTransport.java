package dev.crossgrade.router;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
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
 * a failure or timeout becomes a {@link Outcome#FAILED} or {@link Outcome#TIMED_OUT} result (a miss
 * for reads) and a metric, never an exception.
 */
final class GuardedTransport {
  /** How a write or delete ended. */
  enum Outcome {
    /** Stored, or deleted (also when there was nothing to delete). */
    DONE,
    /** Not stored: {@code add} found a value, or {@code cas} found another value or none. */
    REFUSED,
    /** The store answered with an error or could not be reached: nothing is in flight. */
    FAILED,
    /** No answer in time: the operation may still reach the store, later. */
    TIMED_OUT;

    boolean failed() {
      return this == FAILED || this == TIMED_OUT;
    }
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

  /** What a future gave: its value, or how it failed. */
  private record Answer<T>(@Nullable T value, @Nullable Outcome failure) {}

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
    Answer<Optional<byte[]>> answer = await("get", () -> delegate.get(key));
    if (answer.failure() != null) {
      return Fetched.FAILURE;
    }
    return answer.value().map(bytes -> new Fetched(bytes, 0, false)).orElse(Fetched.MISS);
  }

  Fetched gets(String key) {
    Answer<Optional<CacheTransport.CasValue>> answer = await("gets", () -> delegate.gets(key));
    if (answer.failure() != null) {
      return Fetched.FAILURE;
    }
    return answer
        .value()
        .map(cas -> new Fetched(cas.value(), cas.token(), false))
        .orElse(Fetched.MISS);
  }

  Multi getMulti(Collection<String> keys) {
    if (keys.isEmpty()) {
      return new Multi(Map.of(), false);
    }
    Answer<Map<String, byte[]>> answer = await("get_multi", () -> delegate.getMulti(keys));
    return answer.failure() != null ? new Multi(Map.of(), true) : new Multi(answer.value(), false);
  }

  Outcome set(String key, byte[] value, Duration ttl) {
    return stored(await("set", () -> delegate.set(key, value, ttl)));
  }

  Outcome add(String key, byte[] value, Duration ttl) {
    return stored(await("add", () -> delegate.add(key, value, ttl)));
  }

  Outcome cas(String key, long token, byte[] value, Duration ttl) {
    return stored(await("cas", () -> delegate.cas(key, token, value, ttl)));
  }

  Outcome delete(String key) {
    Answer<Boolean> answer = await("delete", () -> delegate.delete(key));
    return answer.failure() != null ? answer.failure() : Outcome.DONE;
  }

  /** Deletes {@code key} without waiting (see {@link CacheTransport#invalidate}); never throws. */
  void invalidate(String key) {
    try {
      delegate.invalidate(key);
    } catch (RuntimeException e) {
      metrics.transportFailure(delegate.name(), "invalidate", "error");
    }
  }

  /**
   * Deletes every key of {@code keys} at once and waits one timeout in all (not one per key): the
   * outcome of each, in the order given.
   */
  List<Outcome> deleteAll(List<String> keys) {
    List<CompletableFuture<Boolean>> futures = new ArrayList<>(keys.size());
    for (String key : keys) {
      CompletableFuture<Boolean> future;
      try {
        future = delegate.delete(key);
      } catch (RuntimeException e) {
        future = CompletableFuture.failedFuture(e);
      }
      futures.add(future);
    }
    long deadline = System.nanoTime() + timeout.get().toNanos();
    List<Outcome> outcomes = new ArrayList<>(keys.size());
    for (CompletableFuture<Boolean> future : futures) {
      Answer<Boolean> answer = awaitUntil("delete", future, deadline);
      outcomes.add(answer.failure() != null ? answer.failure() : Outcome.DONE);
    }
    return outcomes;
  }

  private static Outcome stored(Answer<Boolean> answer) {
    if (answer.failure() != null) {
      return answer.failure();
    }
    return Boolean.TRUE.equals(answer.value()) ? Outcome.DONE : Outcome.REFUSED;
  }

  /** The future's value, or how it failed or did not finish in time. */
  private <T> Answer<T> await(String op, Supplier<CompletableFuture<T>> call) {
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      metrics.transportFailure(delegate.name(), op, "error");
      return new Answer<>(null, Outcome.FAILED);
    }
    return awaitUntil(op, future, System.nanoTime() + timeout.get().toNanos());
  }

  private <T> Answer<T> awaitUntil(String op, CompletableFuture<T> future, long deadline) {
    try {
      return new Answer<>(
          future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS), null);
    } catch (TimeoutException e) {
      future.cancel(false);
      metrics.transportFailure(delegate.name(), op, "timeout");
      return new Answer<>(null, Outcome.TIMED_OUT);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        // A client that waits by itself (xmemcached) reports its own timeout as a failure.
        metrics.transportFailure(delegate.name(), op, "timeout");
        return new Answer<>(null, Outcome.TIMED_OUT);
      }
      metrics.transportFailure(delegate.name(), op, "error");
      return new Answer<>(null, Outcome.FAILED);
    } catch (RuntimeException e) {
      metrics.transportFailure(delegate.name(), op, "error");
      return new Answer<>(null, Outcome.FAILED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(false);
      metrics.transportFailure(delegate.name(), op, "interrupted");
      return new Answer<>(null, Outcome.TIMED_OUT);
    }
  }
}
