package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV1;
import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import dev.crossgrade.router.internal.cache.RealVersionedCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads on one {@link VersionedCache} per runtime while the rollout config file is rewritten
 * under them: the old and the new runtime each watch the file (polling every 20 ms, and reloaded
 * explicitly at different moments, as two processes would), the file walks through every phase and
 * writer percentage and back, and between good versions it is replaced by bad ones (unknown phase,
 * percentage 140, a YAML syntax error, a dropped keyspace, a changed generation) and sometimes
 * rewritten in place, so that a poll may read it half written. Every value read by any thread is
 * checked against the versioned source of truth: no stale value after a completed update or delete,
 * no value of another key, no torn or mixed content.
 */
class ReloadUnderLoadTest {
  private static final int KEYS = 200;
  private static final int READERS_NEW = 6;
  private static final int READERS_OLD = 3;

  private record Step(Phase phase, int percent, String stickiness) {}

  private static final List<Step> STEPS =
      List.of(
          new Step(Phase.SPLIT, 0, "key"),
          new Step(Phase.READ_FALLBACK, 0, "key"),
          new Step(Phase.DUAL_WRITE, 0, "key"),
          new Step(Phase.DUAL_WRITE, 30, "key"),
          new Step(Phase.DUAL_WRITE, 70, "bucket"),
          new Step(Phase.SHADOW, 100, "key"),
          new Step(Phase.DUAL_WRITE, 100, "key"),
          new Step(Phase.UNIFIED, 100, "key"),
          new Step(Phase.SHADOW, 100, "key"),
          new Step(Phase.DUAL_WRITE, 50, "key"),
          new Step(Phase.READ_FALLBACK, 0, "key"),
          new Step(Phase.SPLIT, 0, "key"),
          new Step(Phase.DUAL_WRITE, 100, "key"),
          new Step(Phase.UNIFIED, 100, "key"));

  @TempDir Path dir;

  private final SimpleMeterRegistry oldMeters = new SimpleMeterRegistry();
  private final SimpleMeterRegistry newMeters = new SimpleMeterRegistry();

  private static String bad(int i, String good) {
    return switch (i % 5) {
      case 0 -> good.replaceFirst("phase: \\w+", "phase: HALFWAY");
      case 1 -> good.replaceFirst("percent: \\d+", "percent: 140");
      case 2 -> good.replace("keyspaces:", "keyspaces: [");
      case 3 -> good.replace("- name: items", "- name: carts");
      default -> good.replace("generation: 2", "generation: 3");
    };
  }

  private void write(Path file, String yaml, boolean inPlace) {
    try {
      if (inPlace) {
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
      } else {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, yaml, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double reloads(SimpleMeterRegistry meters, String outcome) {
    return meters.get("crossgrade.rollout.reloads").tag("outcome", outcome).counter().count();
  }

  /** On the embedded store; the transport modules run it on their servers. */
  @Test
  void configReloadsUnderLoad_serveNoErrorAndNoStaleOrWrongValue() throws Exception {
    CacheTransport embedded = CacheTransport.embedded();
    run(dir, "embedded", embedded, embedded);
  }

  /**
   * The whole run in {@code dir}, the old runtime on {@code oldTransport} and the new one on {@code
   * newTransport} (500 ms timeouts; the same one for a store in this process), which it closes;
   * also for a transport module's own stores.
   */
  void run(Path dir, String label, CacheTransport oldTransport, CacheTransport newTransport)
      throws Exception {
    String prefix = TwoRuntimes.randomPrefix();
    Path file = dir.resolve("rollout.yaml");
    write(file, TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key"), false);
    SourceOfTruth truth = new SourceOfTruth(KEYS);
    Queue<String> violations = new ConcurrentLinkedQueue<>();
    Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
    AtomicLong checked = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    Duration poll = Duration.ofMillis(20);
    try (Rollout oldRollout =
            Rollout.newBuilder().watch(file).pollInterval(poll).meterRegistry(oldMeters).build();
        Rollout newRollout =
            Rollout.newBuilder().watch(file).pollInterval(poll).meterRegistry(newMeters).build();
        VersionedCache<String, ItemV1> old =
            VersionedCache.<String, ItemV1>newBuilder()
                .keyspace(TwoRuntimes.KEYSPACE)
                .runtime(TestFormats.OLD_RUNTIME)
                .registry(TestFormats.oldRegistry())
                .transport(oldTransport)
                .rollout(oldRollout)
                .meterRegistry(oldMeters)
                .build();
        VersionedCache<String, ItemV2> neu =
            VersionedCache.<String, ItemV2>newBuilder()
                .keyspace(TwoRuntimes.KEYSPACE)
                .runtime(TestFormats.NEW_RUNTIME)
                .registry(TestFormats.newRegistry())
                .compatibleRegistry(TestFormats.compatibleRegistry())
                .transport(newTransport)
                .rollout(newRollout)
                .meterRegistry(newMeters)
                .bucketFunction(key -> key.hashCode())
                .build()) {
      ((RealVersionedCache<?, ?>) old).refreshCapabilities();
      ((RealVersionedCache<?, ?>) neu).refreshCapabilities();
      ((RealVersionedCache<?, ?>) old).refreshCapabilities();

      List<Thread> threads = new ArrayList<>();
      for (int n = 0; n < READERS_NEW; n++) {
        threads.add(
            thread(running, errors, () -> read(old, neu, false, truth, violations, checked)));
      }
      for (int n = 0; n < READERS_OLD; n++) {
        threads.add(
            thread(running, errors, () -> read(old, neu, true, truth, violations, checked)));
      }
      for (int n = 0; n < 2; n++) {
        threads.add(thread(running, errors, () -> write(old, neu, false, truth)));
        threads.add(thread(running, errors, () -> write(old, neu, true, truth)));
      }
      threads.forEach(Thread::start);

      int badWritten = 0;
      int i = 0;
      for (Step step : STEPS) {
        String good = TwoRuntimes.yaml(prefix, step.phase(), step.percent(), step.stickiness());
        write(file, bad(i, good), i % 3 == 0);
        badWritten++;
        Rollout first = i % 2 == 0 ? oldRollout : newRollout;
        Rollout second = i % 2 == 0 ? newRollout : oldRollout;
        assertThat(first.reloadNow().valid()).as("bad file %d accepted", i).isFalse();
        MemcachedServer.sleep(30);
        write(file, good, i % 3 == 1);
        first.reloadNow();
        MemcachedServer.sleep(10 + ThreadLocalRandom.current().nextInt(40));
        second.reloadNow();
        assertThat(first.config().keyspace(TwoRuntimes.KEYSPACE).orElseThrow().phase())
            .isEqualTo(step.phase());
        assertThat(second.config().keyspace(TwoRuntimes.KEYSPACE).orElseThrow().phase())
            .isEqualTo(step.phase());
        MemcachedServer.sleep(200);
        i++;
      }
      running.set(false);
      for (Thread thread : threads) {
        thread.join(30_000);
      }

      System.out.printf(
          Locale.ROOT,
          "RELOAD-FIGURE %s checked=%d applied(old/new)=%.0f/%.0f rejected(old/new)=%.0f/%.0f"
              + " badFilesWritten=%d fallbackHits=%.0f shadowMismatches=%.0f loads=%.0f%n",
          label,
          checked.get(),
          reloads(oldMeters, "applied"),
          reloads(newMeters, "applied"),
          reloads(oldMeters, "rejected"),
          reloads(newMeters, "rejected"),
          badWritten,
          TwoRuntimes.count(newMeters, CacheMetrics.FALLBACK_HIT),
          TwoRuntimes.count(newMeters, CacheMetrics.SHADOW_MISMATCH),
          TwoRuntimes.count(newMeters, CacheMetrics.LOADED)
              + TwoRuntimes.count(oldMeters, CacheMetrics.LOADED));

      assertThat(errors).as("exceptions that reached a caller").isEmpty();
      assertThat(violations).as("stale, torn or wrong values served").isEmpty();
      assertThat(checked.get()).as("reads checked").isGreaterThan(2_000);
      assertThat(reloads(newMeters, "applied") + reloads(oldMeters, "applied"))
          .as("file changes applied")
          .isGreaterThanOrEqualTo(2.0 * STEPS.size() - 2);
      assertThat(Math.min(reloads(newMeters, "rejected"), reloads(oldMeters, "rejected")))
          .as("bad files rejected by each runtime")
          .isGreaterThanOrEqualTo(badWritten / 2.0);
      assertThat(newRollout.config().keyspace(TwoRuntimes.KEYSPACE).orElseThrow().phase())
          .isEqualTo(Phase.UNIFIED);
    } finally {
      oldTransport.close();
      if (newTransport != oldTransport) {
        newTransport.close();
      }
    }
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
    return (int) (KEYS * r * r);
  }

  private static @Nullable ItemV2 up(@Nullable ItemV1 value) {
    return value == null ? null : TestFormats.up(value);
  }

  private static void read(
      VersionedCache<String, ItemV1> old,
      VersionedCache<String, ItemV2> neu,
      boolean oldRuntime,
      SourceOfTruth truth,
      Queue<String> violations,
      AtomicLong checked) {
    int index = pick();
    String key = SourceOfTruth.key(index);
    long before = truth.completed(index);
    int kind = ThreadLocalRandom.current().nextInt(10);
    if (kind < 6) {
      ItemV2 value =
          oldRuntime
              ? up(old.getOrLoad(key, k -> truth.loadV1(index)))
              : neu.getOrLoad(key, k -> truth.loadV2(index));
      record(violations, checked, truth.check(index, before, value), oldRuntime, "getOrLoad");
    } else if (kind < 9) {
      ItemV2 value = oldRuntime ? up(old.get(key).orElse(null)) : neu.get(key).orElse(null);
      if (value != null) {
        record(violations, checked, truth.check(index, before, value), oldRuntime, "get");
      }
    } else {
      int other = pick();
      long otherBefore = truth.completed(other);
      List<String> keys = List.of(key, SourceOfTruth.key(other));
      Map<String, ?> found = oldRuntime ? old.getAll(keys) : neu.getAll(keys);
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

  private static void write(
      VersionedCache<String, ItemV1> old,
      VersionedCache<String, ItemV2> neu,
      boolean oldRuntime,
      SourceOfTruth truth) {
    int index = pick();
    String key = SourceOfTruth.key(index);
    boolean useSet = ThreadLocalRandom.current().nextBoolean();
    truth.update(
        index,
        (version, words) -> {
          if (words == null || !useSet) {
            if (oldRuntime) {
              old.delete(key);
            } else {
              neu.delete(key);
            }
          } else if (oldRuntime) {
            old.set(key, TestFormats.down(new ItemV2(key, version, words)));
          } else {
            neu.set(key, new ItemV2(key, version, words));
          }
        });
    MemcachedServer.sleep(2);
  }
}
