package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV1;
import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The whole rollout with traffic: the old and the new runtime (incompatible formats) share one
 * store, each with reader threads (getOrLoad, get, getAll) and a writer thread (set or delete after
 * updating the source of truth), while the rollout goes SPLIT, READ_FALLBACK, DUAL_WRITE with the
 * writer percentage stepping 0, 50, 100, UNIFIED, then rolls back to DUAL_WRITE, READ_FALLBACK and
 * SPLIT, and forward again to UNIFIED. Each phase change reaches the two runtimes at different
 * moments, as a config reload would. Every value read is checked against the source of truth.
 */
class TwoRuntimeRolloutTest {
  private static final int KEYS = 300;
  private static final long STEP_MILLIS = 250;

  private record Step(Phase phase, int percent) {}

  private static final List<Step> STEPS =
      List.of(
          new Step(Phase.SPLIT, 100),
          new Step(Phase.READ_FALLBACK, 100),
          new Step(Phase.DUAL_WRITE, 0),
          new Step(Phase.DUAL_WRITE, 50),
          new Step(Phase.DUAL_WRITE, 100),
          new Step(Phase.UNIFIED, 100),
          new Step(Phase.DUAL_WRITE, 100),
          new Step(Phase.READ_FALLBACK, 100),
          new Step(Phase.SPLIT, 100),
          new Step(Phase.READ_FALLBACK, 100),
          new Step(Phase.DUAL_WRITE, 100),
          new Step(Phase.UNIFIED, 100));

  /** On the embedded store; the transport modules run it on their servers. */
  @Test
  void fullRolloutAndRollback_servesNoErrorAndNoStaleOrWrongValue() throws Exception {
    try (TwoRuntimes t = TwoRuntimes.on(Backend.EMBEDDED, Phase.SPLIT, 100)) {
      fullRolloutAndRollback(t);
    }
  }

  /**
   * The whole run on {@code t}, which starts in SPLIT; also for a transport module's own stores.
   */
  static void fullRolloutAndRollback(TwoRuntimes t) throws InterruptedException {
    SourceOfTruth truth = new SourceOfTruth(KEYS);
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicLong checked = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < 2; r++) {
      boolean oldRuntime = r == 0;
      for (int n = 0; n < 3; n++) {
        threads.add(thread(running, errors, () -> read(t, oldRuntime, truth, violations, checked)));
      }
      threads.add(thread(running, errors, () -> write(t, oldRuntime, truth)));
    }
    threads.forEach(Thread::start);
    int i = 0;
    for (Step step : STEPS) {
      // One runtime sees the change first, the other a little later, alternating.
      Rollout first = i % 2 == 0 ? t.oldRollout : t.newRollout;
      Rollout second = i % 2 == 0 ? t.newRollout : t.oldRollout;
      for (Rollout rollout : List.of(first, second)) {
        rollout.setWriterPercent(TwoRuntimes.KEYSPACE, step.percent());
        rollout.setPhase(TwoRuntimes.KEYSPACE, step.phase());
        MemcachedServer.sleep(15);
      }
      MemcachedServer.sleep(STEP_MILLIS);
      i++;
    }
    running.set(false);
    for (Thread thread : threads) {
      thread.join(30_000);
    }

    double oldReads =
        TwoRuntimes.count(t.oldMeters, CacheMetrics.HIT)
            + TwoRuntimes.count(t.oldMeters, CacheMetrics.MISS);
    System.out.printf(
        Locale.ROOT,
        "ROLLOUT-FIGURE %s checked=%d newHits=%.0f newFallbackHits=%.0f newUpcasts=%.0f loads=%.0f"
            + " decodeFailuresAbsorbed=%.0f holdBacks=%.0f backfillsUndone=%.0f oldGets=%.0f"
            + " transportFailures=%.0f%n",
        t.label,
        checked.get(),
        TwoRuntimes.count(t.newMeters, CacheMetrics.HIT),
        TwoRuntimes.count(t.newMeters, CacheMetrics.FALLBACK_HIT),
        TwoRuntimes.count(t.newMeters, CacheMetrics.UPCAST),
        TwoRuntimes.count(t.newMeters, CacheMetrics.LOADED)
            + TwoRuntimes.count(t.oldMeters, CacheMetrics.LOADED),
        TwoRuntimes.count(t.newMeters, CacheMetrics.DECODE_FAILURE)
            + TwoRuntimes.count(t.oldMeters, CacheMetrics.DECODE_FAILURE),
        TwoRuntimes.count(t.newMeters, CacheMetrics.HOLD_BACK),
        TwoRuntimes.count(t.newMeters, CacheMetrics.BACKFILL_UNDONE),
        oldReads,
        transportFailures(t.oldMeters) + transportFailures(t.newMeters));

    assertThat(errors).as("exceptions that reached a caller").isEmpty();
    assertThat(violations).as("stale or wrong values served").isEmpty();
    assertThat(checked.get()).as("reads checked").isGreaterThan(1000);
    assertThat(TwoRuntimes.count(t.newMeters, CacheMetrics.FALLBACK_HIT))
        .as("fallback hits")
        .isPositive();
    assertThat(TwoRuntimes.count(t.newMeters, CacheMetrics.UPCAST)).as("upcasts").isPositive();
    assertThat(TwoRuntimes.count(t.oldMeters, CacheMetrics.HIT))
        .as("old runtime hits")
        .isPositive();
  }

  private static double transportFailures(io.micrometer.core.instrument.MeterRegistry meters) {
    return io.micrometer.core.instrument.search.Search.in(meters)
        .name(CacheMetrics.TRANSPORT_FAILURES)
        .counters()
        .stream()
        .mapToDouble(io.micrometer.core.instrument.Counter::count)
        .sum();
  }

  private static Thread thread(AtomicBoolean running, Queue<Throwable> errors, Runnable body) {
    Thread thread =
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  body.run();
                } catch (RuntimeException | Error e) {
                  errors.add(e);
                  return;
                }
              }
            });
    thread.setDaemon(true);
    return thread;
  }

  /** A skewed key: low indexes are hot. */
  private static int pick() {
    double r = ThreadLocalRandom.current().nextDouble();
    return (int) (KEYS * r * r * r);
  }

  private static void read(
      TwoRuntimes t,
      boolean oldRuntime,
      SourceOfTruth truth,
      Queue<String> violations,
      AtomicLong checked) {
    int index = pick();
    String key = SourceOfTruth.key(index);
    long before = truth.completed(index);
    int kind = ThreadLocalRandom.current().nextInt(10);
    if (kind < 7) {
      ItemV2 value =
          oldRuntime
              ? up(t.old.getOrLoad(key, k -> truth.loadV1(index)))
              : t.neu.getOrLoad(key, k -> truth.loadV2(index));
      record(violations, checked, truth.check(index, before, value), oldRuntime, "getOrLoad");
    } else if (kind < 9) {
      ItemV2 value = oldRuntime ? up(t.old.get(key).orElse(null)) : t.neu.get(key).orElse(null);
      if (value != null) {
        record(violations, checked, truth.check(index, before, value), oldRuntime, "get");
      }
    } else {
      int other = pick();
      long otherBefore = truth.completed(other);
      List<String> keys = List.of(key, SourceOfTruth.key(other));
      Map<String, ?> found = oldRuntime ? t.old.getAll(keys) : t.neu.getAll(keys);
      for (Map.Entry<String, ?> entry : found.entrySet()) {
        boolean first = entry.getKey().equals(key);
        ItemV2 value =
            entry.getValue() instanceof ItemV1 v1 ? TestFormats.up(v1) : (ItemV2) entry.getValue();
        record(
            violations,
            checked,
            truth.check(first ? index : other, first ? before : otherBefore, value),
            oldRuntime,
            "getAll");
      }
    }
  }

  private static @Nullable ItemV2 up(@Nullable ItemV1 value) {
    return value == null ? null : TestFormats.up(value);
  }

  private static void record(
      Queue<String> violations,
      AtomicLong checked,
      @Nullable String violation,
      boolean oldRuntime,
      String op) {
    checked.incrementAndGet();
    if (violation != null && violations.size() < 20) {
      violations.add((oldRuntime ? "old " : "new ") + op + ": " + violation);
    }
  }

  private static void write(TwoRuntimes t, boolean oldRuntime, SourceOfTruth truth) {
    int index = pick();
    String key = SourceOfTruth.key(index);
    boolean useSet = ThreadLocalRandom.current().nextBoolean();
    truth.update(
        index,
        (version, words) -> {
          if (words == null || !useSet) {
            if (oldRuntime) {
              t.old.delete(key);
            } else {
              t.neu.delete(key);
            }
          } else if (oldRuntime) {
            t.old.set(key, TestFormats.down(new ItemV2(key, version, words)));
          } else {
            t.neu.set(key, new ItemV2(key, version, words));
          }
        });
    MemcachedServer.sleep(2);
  }
}
