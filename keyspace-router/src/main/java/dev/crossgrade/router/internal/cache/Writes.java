package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.internal.cache.CacheMetrics.Op;
import dev.crossgrade.router.internal.cache.CacheMetrics.Outcome;
import dev.crossgrade.router.internal.cache.CacheMetrics.Reason;
import dev.crossgrade.router.internal.cache.GuardedTransport.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The write path of one cache: a {@code set} writes or deletes the key in every live generation, a
 * {@code delete} deletes it in every one, always the old generation first (the order a back-fill's
 * re-read relies on), sent together as one batch ({@link CacheTransport#writeAll}: one round trip
 * where the client keeps a connection's order) and waited for with one timeout in all. What does
 * not land is owed to {@link PendingInvalidations}.
 *
 * @param <V> the value type
 */
public final class Writes<V> {
  private final Keys keys;
  private final Codecs<V> codecs;
  private final GuardedTransport transport;
  private final CacheMetrics metrics;
  private final PendingInvalidations pending;

  Writes(
      Keys keys,
      Codecs<V> codecs,
      GuardedTransport transport,
      CacheMetrics metrics,
      PendingInvalidations pending) {
    this.keys = keys;
    this.codecs = codecs;
    this.transport = transport;
    this.metrics = metrics;
    this.pending = pending;
  }

  /**
   * Stores {@code value} for {@code logical} as the plan says, with {@code ttl}.
   *
   * @return true when every generation the plan writes got the value and every other one the
   *     delete; false otherwise (then nothing stale stays readable: see class doc)
   */
  CompletableFuture<Boolean> set(
      CacheState s, String logical, boolean rolled, V value, Duration ttl) {
    List<Integer> live = s.plan().liveGenerations();
    List<CacheTransport.Write> steps = new ArrayList<>(live.size());
    boolean everyWriteEncoded = true;
    Codecs.Memo memo = new Codecs.Memo();
    for (int g : live) {
      String physical = keys.key(g, logical);
      byte[] bytes = s.plan().writes(g) ? codecs.encode(s, g, rolled, value, Op.SET, memo) : null;
      if (bytes == null) {
        // Invalidated: by the plan, or because nothing this runtime writes fits there.
        everyWriteEncoded &= !s.plan().writes(g);
        steps.add(CacheTransport.Write.delete(physical));
      } else {
        steps.add(new CacheTransport.Write(physical, bytes, ttl));
      }
    }
    boolean encoded = everyWriteEncoded;
    return run(s, live, steps, Op.SET, ttl).thenApply(landed -> landed && encoded);
  }

  /** Deletes {@code logical} in every live generation. */
  CompletableFuture<Boolean> delete(CacheState s, String logical) {
    List<Integer> live = s.plan().liveGenerations();
    List<CacheTransport.Write> steps = new ArrayList<>(live.size());
    for (int g : live) {
      steps.add(CacheTransport.Write.delete(keys.key(g, logical)));
    }
    return run(s, live, steps, Op.DELETE, s.spec().ttl());
  }

  private CompletableFuture<Boolean> run(
      CacheState s, List<Integer> live, List<CacheTransport.Write> steps, Op op, Duration ttl) {
    List<CompletableFuture<Status>> answers = transport.writeAll(steps);
    Duration owedFor = longer(ttl, s.spec().ttl());
    List<CompletableFuture<Boolean>> settled = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      int g = live.get(i);
      CacheTransport.Write step = steps.get(i);
      settled.add(answers.get(i).thenCompose(status -> settle(s, g, step, status, op, owedFor)));
    }
    return CompletableFuture.allOf(settled.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            done -> {
              for (CompletableFuture<Boolean> one : settled) {
                if (!one.join()) {
                  return false;
                }
              }
              return true;
            });
  }

  /** One step's answer: counted, and what did not land owed. True when it landed. */
  private CompletableFuture<Boolean> settle(
      CacheState s, int g, CacheTransport.Write step, Status status, Op op, Duration owedFor) {
    String physical = step.key();
    if (step.value() == null) {
      if (status.failed()) {
        metrics.count(op, g, Outcome.FAILED, Reason.INVALIDATION);
        pending.deleteFailed(physical, owedFor);
        return CompletableFuture.completedFuture(false);
      }
      metrics.count(op, g, Outcome.DELETED);
      pending.confirmed(physical);
      return CompletableFuture.completedFuture(true);
    }
    metrics.count(op, g, CacheMetrics.outcome(status));
    return switch (status) {
      case DONE -> {
        pending.confirmed(physical);
        yield CompletableFuture.completedFuture(true);
      }
      case TIMED_OUT -> {
        // No answer in time: the write may still land, after a later one. Invalidate behind it.
        pending.writeFailed(physical, owedFor, landingWindow(s));
        yield CompletableFuture.completedFuture(false);
      }
      case REFUSED, FAILED ->
          // Not stored (a full server, an error): the previous value must not stay readable there.
          transport
              .delete(physical)
              .thenApply(
                  deleted -> {
                    if (deleted.failed()) {
                      metrics.count(op, g, Outcome.FAILED, Reason.INVALIDATION);
                      pending.deleteFailed(physical, owedFor);
                    } else {
                      metrics.count(op, g, Outcome.DELETED);
                      pending.confirmed(physical);
                    }
                    return false;
                  });
    };
  }

  /**
   * How long after a write timed out it may still land by another route than its connection (a
   * reconnect): the second invalidation waits that long.
   */
  static Duration landingWindow(CacheState s) {
    Duration four = s.config().transport().timeout().multipliedBy(4);
    return four.compareTo(Duration.ofSeconds(1)) > 0 ? four : Duration.ofSeconds(1);
  }

  private static Duration longer(Duration a, @Nullable Duration b) {
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }
}
