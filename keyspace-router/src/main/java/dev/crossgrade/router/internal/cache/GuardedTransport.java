package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.ItemTooLargeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A {@link CacheTransport} seen through a timeout: every operation's future completes within the
 * timeout and never exceptionally. A failure becomes {@link Status#FAILED}, no answer in time
 * {@link Status#TIMED_OUT} (a miss for reads), and a metric. The futures complete on the thread
 * that completes the client's future (its I/O thread), or on the timer thread at a timeout.
 */
public final class GuardedTransport {
  /** How a write or delete ended. */
  enum Status {
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
  record Multi(Map<String, byte[]> found, boolean failed) {
    static final Multi FAILURE = new Multi(Map.of(), true);
    static final Multi NONE = new Multi(Map.of(), false);
  }

  private static final CompletableFuture<Fetched> FETCH_FAILED =
      CompletableFuture.completedFuture(Fetched.FAILURE);

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

  CompletableFuture<Fetched> get(String key) {
    return guard(
        CacheMetrics.Op.GET,
        () -> delegate.get(key),
        value -> value.map(bytes -> new Fetched(bytes, 0, false)).orElse(Fetched.MISS),
        outcome -> Fetched.FAILURE);
  }

  CompletableFuture<Fetched> gets(String key) {
    return guard(
        CacheMetrics.Op.GET,
        () -> delegate.gets(key),
        value ->
            value.map(cas -> new Fetched(cas.value(), cas.token(), false)).orElse(Fetched.MISS),
        outcome -> Fetched.FAILURE);
  }

  CompletableFuture<Multi> getMulti(Collection<String> keys) {
    if (keys.isEmpty()) {
      return CompletableFuture.completedFuture(Multi.NONE);
    }
    return guard(
        CacheMetrics.Op.GET_ALL,
        () -> delegate.getMulti(keys),
        found -> new Multi(found, false),
        outcome -> Multi.FAILURE);
  }

  CompletableFuture<Status> set(String key, byte[] value, Duration ttl) {
    return stored(CacheMetrics.Op.SET, () -> delegate.set(key, value, ttl));
  }

  CompletableFuture<Status> add(String key, byte[] value, Duration ttl) {
    return stored(CacheMetrics.Op.FILL, () -> delegate.add(key, value, ttl));
  }

  CompletableFuture<Status> cas(String key, long token, byte[] value, Duration ttl) {
    return stored(CacheMetrics.Op.FILL, () -> delegate.cas(key, token, value, ttl));
  }

  CompletableFuture<Status> delete(String key) {
    return guard(
        CacheMetrics.Op.DELETE, () -> delegate.delete(key), deleted -> Status.DONE, o -> o);
  }

  /**
   * Every step of {@code writes} in order, sent together where the client can (see {@link
   * CacheTransport#writeAll}); one timeout for all of them.
   */
  List<CompletableFuture<Status>> writeAll(List<CacheTransport.Write> writes) {
    List<CompletableFuture<Boolean>> steps;
    try {
      steps = delegate.writeAll(writes);
    } catch (RuntimeException e) {
      metrics.transportFailure(CacheMetrics.Op.SET, "error");
      steps = new ArrayList<>();
      for (int i = 0; i < writes.size(); i++) {
        steps.add(CompletableFuture.failedFuture(e));
      }
    }
    long nanos = timeout.get().toNanos();
    List<CompletableFuture<Status>> outcomes = new ArrayList<>(steps.size());
    for (int i = 0; i < steps.size(); i++) {
      CompletableFuture<Boolean> step = steps.get(i);
      boolean delete = writes.get(i).value() == null;
      CacheMetrics.Op op = delete ? CacheMetrics.Op.DELETE : CacheMetrics.Op.SET;
      outcomes.add(
          within(
              op,
              step,
              nanos,
              answer -> delete || Boolean.TRUE.equals(answer) ? Status.DONE : Status.REFUSED,
              o -> o));
    }
    return outcomes;
  }

  /** Deletes {@code key} without waiting (see {@link CacheTransport#invalidate}); never throws. */
  void invalidate(String key) {
    try {
      delegate.invalidate(key);
    } catch (RuntimeException e) {
      metrics.transportFailure(CacheMetrics.Op.INVALIDATE, "error");
    }
  }

  /** Deletes every key of {@code keys} at once, one timeout in all: each one's outcome. */
  CompletableFuture<List<Status>> deleteAll(List<String> keys) {
    List<CompletableFuture<Status>> deletes = new ArrayList<>(keys.size());
    for (String key : keys) {
      deletes.add(delete(key));
    }
    return CompletableFuture.allOf(deletes.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            done -> {
              List<Status> outcomes = new ArrayList<>(deletes.size());
              deletes.forEach(delete -> outcomes.add(delete.join()));
              return outcomes;
            });
  }

  private CompletableFuture<Status> stored(
      CacheMetrics.Op op, Supplier<CompletableFuture<Boolean>> call) {
    return guard(
        op, call, stored -> Boolean.TRUE.equals(stored) ? Status.DONE : Status.REFUSED, o -> o);
  }

  /** The client's call, guarded: its value mapped, or its failure or timeout mapped. */
  private <T, R> CompletableFuture<R> guard(
      CacheMetrics.Op op,
      Supplier<CompletableFuture<T>> call,
      Function<T, R> value,
      Function<Status, R> failure) {
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      metrics.transportFailure(op, "error");
      return CompletableFuture.completedFuture(failure.apply(Status.FAILED));
    }
    return within(op, future, timeout.get().toNanos(), value, failure);
  }

  private <T, R> CompletableFuture<R> within(
      CacheMetrics.Op op,
      CompletableFuture<T> future,
      long nanos,
      Function<T, R> value,
      Function<Status, R> failure) {
    if (future.isDone()) {
      // The embedded store and xmemcached answer before returning: no timer, no extra future.
      return CompletableFuture.completedFuture(settle(op, future, value, failure));
    }
    CompletableFuture<R> result = new CompletableFuture<>();
    future.whenComplete(
        (answer, thrown) ->
            result.complete(
                thrown == null
                    ? mapValue(op, answer, value, failure)
                    : failed(op, thrown, failure)));
    Deadlines.watch(
        result,
        nanos,
        () -> {
          if (result.complete(failure.apply(Status.TIMED_OUT))) {
            metrics.transportFailure(op, "timeout");
            future.cancel(false); // a client that has not sent it yet does not send it
          }
        });
    return result;
  }

  private <T, R> R settle(
      CacheMetrics.Op op, CompletableFuture<T> done, Function<T, R> value, Function<Status, R> f) {
    try {
      return mapValue(op, done.join(), value, f);
    } catch (CompletionException | CancellationException e) {
      return failed(op, e, f);
    }
  }

  private <T, R> R mapValue(
      CacheMetrics.Op op, @Nullable T answer, Function<T, R> value, Function<Status, R> failure) {
    if (answer == null) {
      metrics.transportFailure(op, "error");
      return failure.apply(Status.FAILED);
    }
    try {
      return value.apply(answer);
    } catch (RuntimeException e) {
      metrics.transportFailure(op, "error");
      return failure.apply(Status.FAILED);
    }
  }

  /**
   * The failure inside a future's wrapping ({@code CompletionException}, {@code
   * ExecutionException}).
   */
  static Throwable unwrap(Throwable thrown) {
    Throwable cause = thrown;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private <R> R failed(CacheMetrics.Op op, Throwable thrown, Function<Status, R> failure) {
    Throwable cause = unwrap(thrown);
    if (cause instanceof TimeoutException || cause.getCause() instanceof TimeoutException) {
      // A client that waits by itself (xmemcached, Lettuce) reports its own timeout.
      metrics.transportFailure(op, "timeout");
      return failure.apply(Status.TIMED_OUT);
    }
    if (cause instanceof ItemTooLargeException) {
      // Refused before it was sent: nothing in flight, and no fault of the server.
      metrics.transportFailure(op, "too_large");
      return failure.apply(Status.FAILED);
    }
    if (cause instanceof InterruptedException) {
      metrics.transportFailure(op, "interrupted");
      return failure.apply(Status.TIMED_OUT);
    }
    metrics.transportFailure(op, "error");
    return failure.apply(Status.FAILED);
  }

  static CompletableFuture<Fetched> failedFetch() {
    return FETCH_FAILED;
  }
}
