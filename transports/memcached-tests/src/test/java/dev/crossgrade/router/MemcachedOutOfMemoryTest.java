package dev.crossgrade.router;

import static dev.crossgrade.router.TwoRuntimes.G1;
import static dev.crossgrade.router.TwoRuntimes.G2;
import static dev.crossgrade.router.TwoRuntimes.v2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A memcached out of memory, against real processes with both clients: one with 4 MiB that must
 * evict while readers, writers and a filler work on it (reads miss or hit the latest value, never a
 * wrong or stale one), and one started with {@code -M} that refuses stores instead (a refused set
 * is reported, not thrown, and the runtime that made it never serves the value it replaced). The
 * timings are printed as {@code FAULT-FIGURE} lines, not asserted.
 */
class MemcachedOutOfMemoryTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final int KEYS = 120;
  private static final String PADDING = "p".repeat(8_000);

  private static void figure(Backend backend, String name, String value) {
    System.out.printf(
        Locale.ROOT,
        "FAULT-FIGURE %s %s %s%n",
        backend.name().toLowerCase(Locale.ROOT),
        name,
        value);
  }

  private static long stat(MemcachedServer server, String name) {
    return Long.parseLong(server.stats().getOrDefault(name, "0"));
  }

  private static Thread worker(AtomicBoolean running, Queue<Throwable> errors, Runnable body) {
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

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "XMEMCACHED"})
  void aFullServerEvicts_readsMissOrHitTheLatestValue_neverAWrongOne(Backend backend)
      throws InterruptedException {
    try (MemcachedServer server = MemcachedServer.start("-m", "4");
        TwoRuntimes t =
            TwoRuntimes.onServers(backend, List.of(server), Phase.DUAL_WRITE, TIMEOUT)) {
      SourceOfTruth truth = new SourceOfTruth(KEYS);
      Queue<String> violations = new ConcurrentLinkedQueue<>();
      Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
      AtomicLong checked = new AtomicLong();
      AtomicLong hits = new AtomicLong();
      AtomicLong misses = new AtomicLong();
      AtomicLong missNanos = new AtomicLong();
      AtomicLong slowestMiss = new AtomicLong();
      AtomicLong filled = new AtomicLong();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> threads = new ArrayList<>();
      for (int r = 0; r < 3; r++) {
        boolean oldRuntime = r == 0;
        threads.add(
            worker(
                running,
                errors,
                () -> {
                  int index = ThreadLocalRandom.current().nextInt(KEYS);
                  long before = truth.completed(index);
                  long start = System.nanoTime();
                  ItemV2 value =
                      oldRuntime
                          ? t.old.get(SourceOfTruth.key(index)).map(TestFormats::up).orElse(null)
                          : t.neu.get(SourceOfTruth.key(index)).orElse(null);
                  long took = System.nanoTime() - start;
                  checked.incrementAndGet();
                  if (value == null) {
                    misses.incrementAndGet();
                    missNanos.addAndGet(took);
                    slowestMiss.accumulateAndGet(took, Math::max);
                    return;
                  }
                  hits.incrementAndGet();
                  String violation = truth.check(index, before, value);
                  if (violation != null && violations.size() < 20) {
                    violations.add(violation);
                  }
                }));
      }
      threads.add(
          worker(
              running,
              errors,
              () -> {
                int index = ThreadLocalRandom.current().nextInt(KEYS);
                String key = SourceOfTruth.key(index);
                truth.update(
                    index,
                    (version, words) -> {
                      if (words == null) {
                        t.neu.delete(key);
                      } else {
                        t.neu.set(key, new ItemV2(key, version, words));
                      }
                    });
              }));
      threads.add(
          worker(
              running,
              errors,
              () -> {
                long n = filled.incrementAndGet();
                t.neu.set("filler-" + n, v2("filler-" + n, n, PADDING));
              }));
      threads.forEach(Thread::start);
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (stat(server, "evictions") < 3_000 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      Thread.sleep(500);
      running.set(false);
      for (Thread thread : threads) {
        thread.join(10_000);
      }

      long start = System.nanoTime();
      ItemV2 probe = v2("probe", 1, "after", "evictions");
      boolean stored = t.neu.set("probe", probe);
      Optional<ItemV2> read = t.neu.get("probe");
      long recovered = (System.nanoTime() - start) / 1_000;

      long evictions = stat(server, "evictions");
      figure(backend, "evictions", Long.toString(evictions));
      figure(backend, "reads-checked", Long.toString(checked.get()));
      figure(backend, "read-hits", Long.toString(hits.get()));
      figure(backend, "read-misses", Long.toString(misses.get()));
      figure(
          backend,
          "miss-latency-avg",
          String.format(
              Locale.ROOT,
              "%.2f ms",
              misses.get() == 0 ? 0 : missNanos.get() / 1e6 / misses.get()));
      figure(
          backend,
          "miss-latency-max",
          String.format(Locale.ROOT, "%.2f ms", slowestMiss.get() / 1e6));
      figure(backend, "set-get-after-filling", recovered + " us");
      figure(backend, "errors-reaching-callers", Integer.toString(errors.size()));
      figure(
          backend,
          "transport-failures",
          String.format(
              Locale.ROOT,
              "%.0f",
              TwoRuntimes.count(t.newMeters, CacheMetrics.FAILED)
                  + TwoRuntimes.count(t.oldMeters, CacheMetrics.FAILED)));

      assertThat(errors).as("exceptions that reached a caller").isEmpty();
      assertThat(violations).as("stale or wrong values served").isEmpty();
      assertThat(evictions).as("the server evicted").isGreaterThan(1_000);
      assertThat(misses.get()).as("evicted entries read as misses").isPositive();
      assertThat(hits.get()).as("entries still cached read as hits").isPositive();
      assertThat(stored).isTrue();
      assertThat(read).contains(probe);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "XMEMCACHED"})
  void aServerThatRefusesStores_reportsTheSetAndNeverServesTheReplacedValue(Backend backend) {
    try (MemcachedServer server = MemcachedServer.start("-m", "2", "-M");
        TwoRuntimes t =
            TwoRuntimes.onServers(backend, List.of(server), Phase.DUAL_WRITE, TIMEOUT)) {
      ItemV2 first = v2("k", 1, "first");
      assertThat(t.neu.set("k", first)).isTrue();
      assertThat(t.old.get("k").map(TestFormats::up)).contains(first);

      int stored = 0;
      int refused = 0;
      int n = 0;
      while (refused < 20 && n < 5_000) {
        n++;
        if (t.neu.set("filler-" + n, v2("filler-" + n, n, PADDING))) {
          stored++;
        } else {
          refused++;
        }
      }
      figure(backend, "oom-fillers-stored-before-refusal", Integer.toString(stored));
      assertThat(refused).as("sets refused by a full server").isEqualTo(20);
      assertThat(stat(server, "evictions")).as("-M never evicts").isZero();

      // Replace k while the server refuses stores: the set is reported as unconfirmed, and the old
      // value must go: the runtime that set it never serves it, the other one only until the
      // retried invalidation lands.
      ItemV2 second = v2("k", 2, PADDING, "second");
      long start = System.nanoTime();
      boolean confirmed = t.neu.set("k", second);
      figure(backend, "oom-refused-set", (System.nanoTime() - start) / 1_000 + " us");
      assertThat(confirmed).as("a refused set is not confirmed").isFalse();
      assertThat(t.neu.get("k")).as("the runtime that set k does not serve the old k").isEmpty();

      long deadline = start + Duration.ofSeconds(10).toNanos();
      List<@Nullable ItemV2> seenByOld = new ArrayList<>();
      while ((t.raw(G1, "k") != null || t.raw(G2, "k") != null) && System.nanoTime() < deadline) {
        seenByOld.add(t.old.get("k").map(TestFormats::up).orElse(null));
        MemcachedServer.sleep(10);
      }
      long gone = (System.nanoTime() - start) / 1_000_000;
      figure(backend, "oom-replaced-value-invalidated-after", gone + " ms");
      figure(
          backend,
          "oom-stale-reads-by-the-other-runtime",
          Long.toString(seenByOld.stream().filter(first::equals).count()));
      assertThat(t.raw(G1, "k")).isNull();
      assertThat(t.raw(G2, "k")).isNull();
      assertThat(t.neu.get("k")).isEmpty();
      assertThat(t.old.get("k")).isEmpty();

      // Deleting frees memory; stores succeed again.
      start = System.nanoTime();
      for (int i = 1; i <= n; i++) {
        t.neu.delete("filler-" + i);
      }
      boolean back = t.neu.set("k", second);
      figure(
          backend, "oom-recovered-after-deletes", (System.nanoTime() - start) / 1_000_000 + " ms");
      assertThat(back).isTrue();
      assertThat(t.neu.get("k")).contains(second);
      assertThat(t.old.get("k").map(TestFormats::up)).contains(second);
    }
  }
}
