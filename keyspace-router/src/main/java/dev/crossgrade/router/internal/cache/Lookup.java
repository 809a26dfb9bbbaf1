package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.VersionedCache;
import dev.crossgrade.router.internal.cache.CacheMetrics.Op;
import dev.crossgrade.router.internal.cache.CacheMetrics.Outcome;
import dev.crossgrade.router.internal.cache.CacheMetrics.Reason;
import dev.crossgrade.router.internal.cache.GuardedTransport.Fetched;
import dev.crossgrade.router.internal.cache.GuardedTransport.Multi;
import dev.crossgrade.router.internal.cache.GuardedTransport.Status;
import dev.crossgrade.router.internal.cache.RolloutPlan.Fallback;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read path of one cache: the plan's first generation, then its fallback (the new runtime's
 * READ_FALLBACK, the old runtime's own generation in UNIFIED) or its shadow read, and the back-fill
 * of a value found in the old generation. Every future completes normally, on the thread that
 * completed the last transport answer.
 *
 * <p>The back-fill never makes an old value visible after an update of its key completed: a
 * placeholder is added first (readers see a miss), the source is re-read, and only if it is
 * unchanged is the placeholder replaced by {@code cas}. Every update writes or deletes the source
 * before it writes the target, so either the re-read sees it, or the update's write to the target
 * comes after the placeholder (the cas then fails) or after the value (which was visible only while
 * the update was still running). That holds also when the update's fresh value in the target was
 * evicted in between: the update had already changed the source.
 *
 * @param <V> the value type
 */
public final class Lookup<V> {
  private static final Logger LOG = LoggerFactory.getLogger(VersionedCache.class);
  private static final long SAMPLE_LOG_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final Keys keys;
  private final Codecs<V> codecs;
  private final GuardedTransport transport;
  private final CacheMetrics metrics;
  private final Function<? super V, ?> canonical;
  private final AtomicLong lastShadowLog = new AtomicLong(System.nanoTime() - SAMPLE_LOG_NANOS);

  Lookup(
      Keys keys,
      Codecs<V> codecs,
      GuardedTransport transport,
      CacheMetrics metrics,
      Function<? super V, ?> canonical) {
    this.keys = keys;
    this.codecs = codecs;
    this.transport = transport;
    this.metrics = metrics;
    this.canonical = canonical;
  }

  /** Whether the home generation may hold formats this runtime does not read. */
  private static boolean foreignHome(RolloutPlan plan) {
    return plan.fallback() == Fallback.ON_FOREIGN_FORMAT;
  }

  /**
   * One key, per the plan. Generations whose entry this runtime cannot use are added to {@code
   * unusable}, when given (a load then replaces them).
   */
  CompletableFuture<Read<V>> find(
      CacheState s, String logical, Op op, @Nullable List<Integer> unusable) {
    RolloutPlan plan = s.plan();
    int home = plan.readGeneration();
    String homeKey = keys.key(home, logical);
    if (plan.shadow()) {
      int g = plan.fallbackGeneration();
      String sourceKey = keys.key(g, logical);
      return transport
          .getMulti(List.of(homeKey, sourceKey))
          .thenCompose(
              both -> {
                Read<V> mine =
                    note(
                        read(fetched(both, homeKey), home, op, Outcome.HIT, false), home, unusable);
                Read<V> source =
                    note(
                        read(fetched(both, sourceKey), g, op, Outcome.SHADOW_READ, false),
                        g,
                        unusable);
                if (mine.hit() && source.hit()) {
                  compare(s, logical, mine, source);
                }
                if (mine.hit() || !source.hit()) {
                  return CompletableFuture.completedFuture(mine);
                }
                metrics.count(op, g, Outcome.FALLBACK_HIT);
                return backfill(s, logical, sourceKey, source).thenApply(done -> source);
              });
    }
    return transport
        .get(homeKey)
        .thenCompose(
            fetched -> {
              Read<V> mine =
                  note(read(fetched, home, op, Outcome.HIT, foreignHome(plan)), home, unusable);
              return second(s, logical, op, mine, transport::get, unusable);
            });
  }

  /** Many keys: one multi-get of the first generation, one of the second for those that need it. */
  CompletableFuture<Map<String, V>> findAll(CacheState s, List<String> logicals, Op op) {
    RolloutPlan plan = s.plan();
    if (plan.shadow()) {
      return findEach(s, logicals, op);
    }
    int home = plan.readGeneration();
    Map<String, String> homeKeys = new LinkedHashMap<>();
    logicals.forEach(logical -> homeKeys.put(keys.key(home, logical), logical));
    return transport
        .getMulti(homeKeys.keySet())
        .thenCompose(
            mine -> {
              Map<String, V> result = new LinkedHashMap<>();
              Map<String, Read<V>> misses = new LinkedHashMap<>();
              homeKeys.forEach(
                  (physical, logical) -> {
                    Read<V> read =
                        read(fetched(mine, physical), home, op, Outcome.HIT, foreignHome(plan));
                    if (read.hit()) {
                      result.put(logical, Objects.requireNonNull(read.value()));
                    } else if (needsSecond(plan, read)) {
                      misses.put(logical, read);
                    }
                  });
              if (misses.isEmpty()) {
                return CompletableFuture.completedFuture(result);
              }
              List<String> sourceKeys = new ArrayList<>();
              misses.keySet().forEach(l -> sourceKeys.add(keys.key(plan.fallbackGeneration(), l)));
              return transport
                  .getMulti(sourceKeys)
                  .thenCompose(
                      source -> {
                        List<CompletableFuture<Void>> backfills = new ArrayList<>();
                        misses.forEach(
                            (logical, read) ->
                                backfills.add(
                                    second(
                                            s,
                                            logical,
                                            op,
                                            read,
                                            k ->
                                                CompletableFuture.completedFuture(
                                                    fetched(source, k)),
                                            null)
                                        .thenAccept(
                                            found -> {
                                              if (found.hit()) {
                                                synchronized (result) {
                                                  result.put(
                                                      logical,
                                                      Objects.requireNonNull(found.value()));
                                                }
                                              }
                                            })));
                        return CompletableFuture.allOf(
                                backfills.toArray(new CompletableFuture<?>[0]))
                            .thenApply(done -> ordered(logicals, result));
                      });
            });
  }

  /** SHADOW reads two generations per key anyway: key by key, stopping at a server that hangs. */
  private CompletableFuture<Map<String, V>> findEach(CacheState s, List<String> logicals, Op op) {
    Map<String, V> result = new LinkedHashMap<>();
    CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
    for (String logical : logicals) {
      chain =
          chain.thenCompose(
              go -> {
                if (!go) {
                  return CompletableFuture.completedFuture(false);
                }
                return find(s, logical, op, null)
                    .thenApply(
                        read -> {
                          if (read.hit()) {
                            result.put(logical, Objects.requireNonNull(read.value()));
                          }
                          // No answer in time: the other keys would each wait a timeout too.
                          return read.kind() != Read.Kind.FAILED;
                        });
              });
    }
    return chain.thenApply(done -> result);
  }

  private static <V> Map<String, V> ordered(List<String> logicals, Map<String, V> found) {
    Map<String, V> result = new LinkedHashMap<>();
    for (String logical : logicals) {
      V value = found.get(logical);
      if (value != null) {
        result.put(logical, value);
      }
    }
    return result;
  }

  private Read<V> read(Fetched fetched, int g, Op op, Outcome hit, boolean foreignExpected) {
    return codecs.decode(fetched, g, op, hit, foreignExpected);
  }

  private static <V> Read<V> note(Read<V> read, int g, @Nullable List<Integer> unusable) {
    if (unusable != null && read.replaceable()) {
      unusable.add(g);
    }
    return read;
  }

  private static Fetched fetched(Multi multi, String key) {
    if (multi.failed()) {
      return Fetched.FAILURE;
    }
    byte[] value = multi.found().get(key);
    return value == null ? Fetched.MISS : new Fetched(value, 0, false);
  }

  /** Whether the plan reads its second generation after {@code mine} in the first. */
  static boolean needsSecond(RolloutPlan plan, Read<?> mine) {
    // After a failed read the caller has waited one timeout already: a miss, not a second wait.
    return switch (plan.fallback()) {
      case NONE -> false;
      case ON_MISS -> !mine.hit() && mine.kind() != Read.Kind.FAILED;
      case ON_FOREIGN_FORMAT -> mine.kind() == Read.Kind.FOREIGN;
    };
  }

  /** The second read of the plan, if the first one calls for it, and its back-fill. */
  private CompletableFuture<Read<V>> second(
      CacheState s,
      String logical,
      Op op,
      Read<V> mine,
      Function<String, CompletableFuture<Fetched>> fetch,
      @Nullable List<Integer> unusable) {
    RolloutPlan plan = s.plan();
    if (!needsSecond(plan, mine)) {
      return CompletableFuture.completedFuture(mine);
    }
    int g = plan.fallbackGeneration();
    String sourceKey = keys.key(g, logical);
    // The second generation is the old runtime's own: a format it does not read there is damage.
    return fetch
        .apply(sourceKey)
        .thenCompose(
            fetched -> {
              Read<V> source = note(read(fetched, g, op, Outcome.FALLBACK_HIT, false), g, unusable);
              if (!source.hit()) {
                return CompletableFuture.completedFuture(mine);
              }
              if (plan.fallback() != Fallback.ON_MISS) {
                return CompletableFuture.completedFuture(source);
              }
              return backfill(s, logical, sourceKey, source).thenApply(done -> source);
            });
  }

  /**
   * Copies {@code source}, read from the old generation, into the new one (see class doc): its
   * bytes as they are, not the value re-encoded. Every runtime that reads the new generation reads
   * the old format, and a value upcast from it stays an upcast there: if the pair later proves
   * lossy ({@link DowncastCheck}), the copy is distrusted like the original. (Regression:
   * re-encoding stored an upcaster's guess, EUR where the database said USD, as a current-format
   * value that no distrust reached.)
   */
  private CompletableFuture<Void> backfill(
      CacheState s, String logical, String sourceKey, Read<V> source) {
    int target = s.plan().readGeneration();
    byte[] bytes = Objects.requireNonNull(source.bytes());
    String targetKey = keys.key(target, logical);
    byte[] placeholder = Codecs.newLease();
    return transport
        .add(targetKey, placeholder, s.config().leaseTtl())
        .thenCompose(
            added -> {
              if (added != Status.DONE) {
                // A fresher value, another filler's placeholder, or no answer: leave it.
                metrics.count(Op.BACKFILL, target, CacheMetrics.outcome(added));
                return CompletableFuture.completedFuture(null);
              }
              return transport
                  .get(sourceKey)
                  .thenCompose(
                      again -> {
                        if (again.failed() || !Arrays.equals(again.value(), source.bytes())) {
                          metrics.count(Op.BACKFILL, target, Outcome.BACKFILL_UNDONE);
                          // Only a placeholder or a newer value can be there: a miss.
                          return transport.delete(targetKey).thenApply(d -> (Void) null);
                        }
                        return transport
                            .gets(targetKey)
                            .thenCompose(
                                mine -> {
                                  if (!mine.present()
                                      || !Arrays.equals(mine.value(), placeholder)) {
                                    metrics.count(Op.BACKFILL, target, Outcome.NOT_STORED);
                                    return CompletableFuture.completedFuture(null);
                                  }
                                  return transport
                                      .cas(targetKey, mine.token(), bytes, s.spec().ttl())
                                      .thenAccept(
                                          stored ->
                                              metrics.count(
                                                  Op.BACKFILL,
                                                  target,
                                                  CacheMetrics.outcome(stored)));
                                });
                      });
            });
  }

  private void compare(CacheState s, String logical, Read<V> home, Read<V> source) {
    boolean same;
    Reason reason = Reason.NONE;
    try {
      same =
          Objects.deepEquals(
              canonical.apply(Objects.requireNonNull(home.value())),
              canonical.apply(Objects.requireNonNull(source.value())));
    } catch (RuntimeException e) {
      same = false;
      reason = Reason.CANONICAL_FORM_ERROR;
    }
    int g = s.plan().fallbackGeneration();
    metrics.count(Op.SHADOW, g, same ? Outcome.SHADOW_MATCH : Outcome.SHADOW_MISMATCH, reason);
    if (!same) {
      long now = System.nanoTime();
      long last = lastShadowLog.get();
      if (now - last >= SAMPLE_LOG_NANOS && lastShadowLog.compareAndSet(last, now)) {
        LOG.warn(
            "shadow mismatch in keyspace {} for key {}: g{} holds {} but g{} holds {}",
            keys.keyspace(),
            abbreviate(logical),
            s.plan().readGeneration(),
            abbreviate(String.valueOf(home.value())),
            g,
            abbreviate(String.valueOf(source.value())));
      }
    }
  }

  static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
