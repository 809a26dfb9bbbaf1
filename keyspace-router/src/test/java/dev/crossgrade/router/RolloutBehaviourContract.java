package dev.crossgrade.router;

import static dev.crossgrade.router.TwoRuntimes.G1;
import static dev.crossgrade.router.TwoRuntimes.G2;
import static dev.crossgrade.router.TwoRuntimes.count;
import static dev.crossgrade.router.TwoRuntimes.v1;
import static dev.crossgrade.router.TwoRuntimes.v2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV1;
import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import dev.crossgrade.router.internal.cache.RealVersionedCache;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every phase, transition and rollback does, asserted on the stored entries themselves, with
 * the old and the new runtime sharing one store. Each backend runs the same contract.
 */
abstract class RolloutBehaviourContract {
  private final List<AutoCloseable> open = new ArrayList<>();

  /** Both runtimes on the store under test, under a fresh prefix. */
  abstract TwoRuntimes open(Phase phase, int percent);

  TwoRuntimes runtimes(Phase phase, int percent) {
    TwoRuntimes runtimes = open(phase, percent);
    open.add(runtimes);
    return runtimes;
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
    open.clear();
  }

  @Test
  void split_eachRuntimeReadsAndWritesOnlyItsOwnGeneration() {
    TwoRuntimes t = runtimes(Phase.SPLIT, 100);
    t.old.set("a", v1("a", 1, "x y"));
    t.neu.set("b", v2("b", 1, "p", "q"));

    assertThat(t.formatAt(G1, "a")).isEqualTo("test-old");
    assertThat(t.formatAt(G2, "a")).isNull();
    assertThat(t.formatAt(G2, "b")).isEqualTo("test-new");
    assertThat(t.formatAt(G1, "b")).isNull();
    assertThat(t.neu.get("a")).isEmpty();
    assertThat(t.old.get("b")).isEmpty();
    assertThat(t.old.get("a")).contains(v1("a", 1, "x y"));
    assertThat(t.neu.get("b")).contains(v2("b", 1, "p", "q"));
    assertThat(count(t.oldMeters, CacheMetrics.DECODE_FAILURE)).isZero();
  }

  @Test
  void split_aWriteInvalidatesTheOtherRuntimesCopy() {
    TwoRuntimes t = runtimes(Phase.SPLIT, 100);
    t.neu.set("k", v2("k", 1, "old"));
    t.old.set("k", v1("k", 2, "new"));

    assertThat(t.raw(G2, "k")).isNull();
    assertThat(t.neu.get("k")).isEmpty();
    t.neu.set("k", v2("k", 3, "newer"));
    assertThat(t.raw(G1, "k")).isNull();
    assertThat(t.old.get("k")).isEmpty();
  }

  @Test
  void readFallback_newRuntimeReadsTheOldGenerationUpcastsAndBackFills() {
    TwoRuntimes t = runtimes(Phase.READ_FALLBACK, 100);
    t.old.set("k", v1("k", 1, "red green"));

    assertThat(t.neu.get("k")).contains(v2("k", 1, "red", "green"));
    // The back-fill copies the old bytes: an upcast stays an upcast (see LossyPairTest).
    assertThat(t.formatAt(G2, "k")).isEqualTo("test-old");
    assertThat(t.decodedAt(G2, "k")).isEqualTo(v2("k", 1, "red", "green"));
    assertThat(count(t.newMeters, CacheMetrics.FALLBACK_HIT)).isEqualTo(1);
    assertThat(count(t.newMeters, CacheMetrics.UPCAST)).isEqualTo(1);

    assertThat(t.neu.get("k")).contains(v2("k", 1, "red", "green"));
    assertThat(count(t.newMeters, CacheMetrics.FALLBACK_HIT)).isEqualTo(1);
    assertThat(count(t.newMeters, CacheMetrics.HIT)).isEqualTo(1);
    assertThat(count(t.newMeters, CacheMetrics.UPCAST)).isEqualTo(2);
  }

  @Test
  void readFallback_theOldRuntimeNeverReadsTheNewGeneration() {
    TwoRuntimes t = runtimes(Phase.READ_FALLBACK, 100);
    t.neu.set("k", v2("k", 1, "a"));

    assertThat(t.old.get("k")).isEmpty();
    assertThat(count(t.oldMeters, CacheMetrics.DECODE_FAILURE)).isZero();
  }

  @Test
  void readFallback_backFillUsesAddSoItNeverOverwritesAFresherValue() {
    TwoRuntimes t = runtimes(Phase.READ_FALLBACK, 100);
    HookedTransport hooked = new HookedTransport(t.newTransport);
    VersionedCache<String, ItemV2> racing = secondNewInstance(t, hooked);
    t.old.set("k", v1("k", 1, "stale"));
    // Right after the fallback read of g1, another new-runtime instance stores a fresher value.
    hooked.after("get", () -> {});
    hooked.after("get", () -> hooked.after("get", () -> t.neu.set("k", v2("k", 2, "fresh"))));

    assertThat(racing.get("k")).contains(v2("k", 1, "stale"));
    assertThat(t.decodedAt(G2, "k")).isEqualTo(v2("k", 2, "fresh"));
    assertThat(t.neu.get("k")).contains(v2("k", 2, "fresh"));
  }

  @Test
  void readFallback_backFillIsUndoneWhenTheSourceChangedMeanwhile() {
    TwoRuntimes t = runtimes(Phase.READ_FALLBACK, 100);
    HookedTransport hooked = new HookedTransport(t.newTransport);
    VersionedCache<String, ItemV2> racing = secondNewInstance(t, hooked);
    t.old.set("k", v1("k", 1, "stale"));
    // Between the back-fill's add and its re-check, g1 changes without touching g2.
    byte[] fresher = TestFormats.oldRegistry().encode(v1("k", 2, "fresh"));
    hooked.after("add", () -> t.rawSet(G1, "k", fresher));

    racing.get("k");

    assertThat(t.raw(G2, "k")).isNull();
    assertThat(count(t.newMeters, CacheMetrics.BACKFILL_UNDONE)).isEqualTo(1);
    assertThat(t.neu.get("k")).contains(v2("k", 2, "fresh"));
  }

  @Test
  void readFallback_aBackFillIsNeverVisibleAfterAnUpdateOfItsKeyCompleted() {
    // Regression: found by TwoRuntimeRolloutTest. A back-filler read g1, an update of the key then
    // completed (g1 set, g2 deleted), and the back-filler's add put the old value into the emptied
    // g2, where a reader saw it before the re-check undid it.
    TwoRuntimes t = runtimes(Phase.READ_FALLBACK, 100);
    HookedTransport hooked = new HookedTransport(t.newTransport);
    VersionedCache<String, ItemV2> racing = secondNewInstance(t, hooked);
    t.old.set("k", v1("k", 1, "old"));
    List<java.util.Optional<ItemV2>> seenAfterTheUpdate = new ArrayList<>();
    hooked.after(
        "get",
        () ->
            hooked.after(
                "get",
                () -> {
                  t.old.set("k", v1("k", 2, "new"));
                  hooked.after("add", () -> seenAfterTheUpdate.add(t.neu.get("k")));
                }));

    assertThat(racing.get("k")).contains(v2("k", 1, "old"));

    assertThat(seenAfterTheUpdate).containsExactly(java.util.Optional.of(v2("k", 2, "new")));
    assertThat(t.neu.get("k")).contains(v2("k", 2, "new"));
  }

  @Test
  void dualWrite_writesBothGenerationsInFormatsTheirReadersRead() {
    TwoRuntimes t = runtimes(Phase.DUAL_WRITE, 100);
    t.neu.set("n", v2("n", 1, "a", "b"));
    t.old.set("o", v1("o", 1, "c d"));

    assertThat(t.formatAt(G1, "n")).isEqualTo("test-old");
    assertThat(t.formatAt(G2, "n")).isEqualTo("test-new");
    assertThat(t.old.get("n")).contains(v1("n", 1, "a b"));
    assertThat(t.formatAt(G1, "o")).isEqualTo("test-old");
    assertThat(t.formatAt(G2, "o")).isEqualTo("test-old");
    assertThat(t.neu.get("o")).contains(v2("o", 1, "c", "d"));
    assertThat(count(t.newMeters, CacheMetrics.UPCAST)).isEqualTo(1);
  }

  @Test
  void dualWrite_getOrLoadFillsBothGenerations() {
    TwoRuntimes t = runtimes(Phase.DUAL_WRITE, 100);
    assertThat(t.neu.getOrLoad("k", key -> v2(key, 7, "loaded"))).isEqualTo(v2("k", 7, "loaded"));

    assertThat(t.formatAt(G1, "k")).isEqualTo("test-old");
    assertThat(t.formatAt(G2, "k")).isEqualTo("test-new");
    assertThat(t.old.getOrLoad("k", key -> v1(key, -1, "must not load")))
        .isEqualTo(v1("k", 7, "loaded"));
  }

  @Test
  void shadow_servesTheNewGenerationAndCountsMismatches() {
    TwoRuntimes t = runtimes(Phase.SHADOW, 100);
    t.neu.set("k", v2("k", 1, "same"));
    assertThat(t.neu.get("k")).contains(v2("k", 1, "same"));
    assertThat(count(t.newMeters, CacheMetrics.SHADOW_MATCH)).isEqualTo(1);
    assertThat(count(t.newMeters, CacheMetrics.SHADOW_MISMATCH)).isZero();

    t.rawSet(G1, "k", TestFormats.oldRegistry().encode(v1("k", 1, "different")));
    assertThat(t.neu.get("k")).contains(v2("k", 1, "same"));
    assertThat(count(t.newMeters, CacheMetrics.SHADOW_MISMATCH)).isEqualTo(1);
  }

  @Test
  void unified_bothShareTheNewGenerationAndTheWriterHoldsBackForTheLiveOldRuntime() {
    TwoRuntimes t = runtimes(Phase.UNIFIED, 100);
    t.neu.set("k", v2("k", 1, "a"));

    assertThat(t.formatAt(G2, "k")).isEqualTo("test-old");
    assertThat(t.raw(G1, "k")).isNull();
    assertThat(t.old.get("k")).contains(v1("k", 1, "a"));
    assertThat(t.neu.status().holdBacks())
        .singleElement()
        .asString()
        .contains("shop-v1", "test-new@v2", "g2");
    assertThat(count(t.newMeters, CacheMetrics.HOLD_BACK)).isEqualTo(1);

    // The old runtime's record vanishes (a flush, a restart): the writer still holds back, since
    // the old runtime may well run (11.5: 131 unreadable writes after a memcached restart).
    t.old.close();
    t.oldTransport
        .delete(t.router.capabilityKey(TwoRuntimes.KEYSPACE, TestFormats.OLD_RUNTIME))
        .join();
    TwoRuntimes.real(t.neu).refreshCapabilities();
    t.neu.set("k", v2("k", 2, "b"));
    assertThat(t.formatAt(G2, "k")).isEqualTo("test-old");
    assertThat(t.neu.status().otherRuntimeLive()).isTrue();

    // No record for a whole capability TTL: the old runtime is gone, the writer moves on.
    t.advance(java.time.Duration.ofSeconds(31));
    TwoRuntimes.real(t.neu).refreshCapabilities();
    t.neu.set("k", v2("k", 3, "b"));

    assertThat(t.neu.status().otherRuntimeLive()).isFalse();
    assertThat(t.neu.status().holdBacks()).isEmpty();
    assertThat(t.formatAt(G2, "k")).isEqualTo("test-new");
  }

  @Test
  void deleteReachesEveryLiveGeneration_inEveryPhase_fromEitherRuntime() {
    TwoRuntimes t = runtimes(Phase.SPLIT, 100);
    byte[] oldBytes = TestFormats.oldRegistry().encode(v1("k", 1, "x"));
    for (Phase phase : Phase.values()) {
      t.phase(phase);
      for (VersionedCache<String, ?> cache : List.of(t.old, t.neu)) {
        t.rawSet(G1, "k", oldBytes);
        t.rawSet(G2, "k", oldBytes);
        assertThat(cache.delete("k")).isTrue();
        assertThat(t.raw(G1, "k")).as("g1 after delete in %s", phase).isNull();
        assertThat(t.raw(G2, "k")).as("g2 after delete in %s", phase).isNull();
      }
    }
  }

  @Test
  void everyTransitionAndRollback_neverServesAReplacedValue() {
    TwoRuntimes t = runtimes(Phase.SPLIT, 100);
    AtomicLong truth = new AtomicLong();
    Map<String, Long> current = new HashMap<>();
    int round = 0;
    for (Phase from : Phase.values()) {
      for (Phase to : Phase.values()) {
        String key = "k" + round++;
        t.phase(from);
        long first = truth.incrementAndGet();
        current.put(key, first);
        // Fill in phase 'from' through both runtimes (loads, back-fills, dual writes).
        assertThat(t.old.getOrLoad(key, k -> v1(k, first, "w" + first)).version()).isEqualTo(first);
        assertThat(t.neu.getOrLoad(key, k -> v2(k, first, "w" + first)).version()).isEqualTo(first);
        t.phase(to);
        // Update once through each runtime; every read after each update must see it.
        for (int writer = 0; writer < 2; writer++) {
          long next = truth.incrementAndGet();
          current.put(key, next);
          if (writer == 0) {
            t.old.set(key, v1(key, next, "w" + next));
          } else {
            t.neu.set(key, v2(key, next, "w" + next));
          }
          ItemV1 seenOld = t.old.getOrLoad(key, k -> v1(k, current.get(k), "w" + current.get(k)));
          ItemV2 seenNew = t.neu.getOrLoad(key, k -> v2(k, current.get(k), "w" + current.get(k)));
          assertThat(seenOld)
              .as("old runtime, %s -> %s", from, to)
              .isEqualTo(v1(key, next, "w" + next));
          assertThat(seenNew)
              .as("new runtime, %s -> %s", from, to)
              .isEqualTo(v2(key, next, "w" + next));
        }
        // And after a delete through the old runtime, nobody serves the last value.
        t.old.delete(key);
        assertThat(t.neu.get(key)).as("new after delete, %s -> %s", from, to).isEmpty();
        assertThat(t.old.get(key)).as("old after delete, %s -> %s", from, to).isEmpty();
      }
    }
    assertThat(
            count(t.newMeters, CacheMetrics.DECODE_FAILURE)
                + count(t.oldMeters, CacheMetrics.DECODE_FAILURE))
        .as("the writer never wrote what a reader could not read")
        .isZero();
  }

  @Test
  void rollbackFromUnified_findsNoStaleValueInTheRetiredGeneration() {
    TwoRuntimes t = runtimes(Phase.DUAL_WRITE, 100);
    t.neu.set("k", v2("k", 1, "before"));
    assertThat(t.formatAt(G1, "k")).isEqualTo("test-old");
    t.phase(Phase.UNIFIED);
    t.neu.set("k", v2("k", 2, "during"));
    t.phase(Phase.DUAL_WRITE);

    assertThat(t.old.get("k")).isNotEqualTo(java.util.Optional.of(v1("k", 1, "before")));
    assertThat(t.old.getOrLoad("k", k -> v1(k, 2, "during"))).isEqualTo(v1("k", 2, "during"));
    t.phase(Phase.SPLIT);
    assertThat(t.old.get("k")).contains(v1("k", 2, "during"));
  }

  @Test
  void writerPercent_isStickyPerKeyAndOnlyGrowsTheRolledOutSet() {
    TwoRuntimes t = runtimes(Phase.SPLIT, 30);
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      keys.add("key-" + i);
    }
    Set<String> at30 = newFormatKeys(t, keys);
    assertThat(newFormatKeys(t, keys)).as("same percent, same keys").isEqualTo(at30);
    t.percent(60);
    Set<String> at60 = newFormatKeys(t, keys);
    t.percent(0);
    Set<String> at0 = newFormatKeys(t, keys);
    t.percent(100);
    Set<String> at100 = newFormatKeys(t, keys);

    assertThat(at30.size()).isBetween(30, 90);
    assertThat(at60).containsAll(at30);
    assertThat(at60.size()).isBetween(90, 150);
    assertThat(at0).isEmpty();
    assertThat(at100).hasSize(200);
  }

  private static Set<String> newFormatKeys(TwoRuntimes t, List<String> keys) {
    Set<String> rolledOut = new HashSet<>();
    for (String key : keys) {
      t.neu.set(key, v2(key, 1, "x"));
      if ("test-new".equals(t.formatAt(G2, key))) {
        rolledOut.add(key);
      }
    }
    return rolledOut;
  }

  @Test
  void undecodableEntries_areMissesAndGetReplaced_neverErrors() {
    TwoRuntimes t = runtimes(Phase.SPLIT, 100);
    t.rawSet(G1, "k", "garbage that is no envelope".getBytes(StandardCharsets.UTF_8));
    t.rawSet(G2, "k", TestFormats.newRegistry().encode(v2("k", 1, "n")));
    t.phase(Phase.UNIFIED);

    // The new runtime's format in g2 is no damage to the old runtime: it is a miss there, and the
    // old runtime's own generation is read instead, where the garbage is a decode failure.
    assertThat(t.old.get("k")).isEmpty();
    assertThat(count(t.oldMeters, CacheMetrics.MISS, "newer-format")).isEqualTo(1);
    assertThat(count(t.oldMeters, CacheMetrics.DECODE_FAILURE, "unknown-codec")).isZero();
    assertThat(count(t.oldMeters, CacheMetrics.DECODE_FAILURE, "legacy-payload")).isEqualTo(1);
    assertThat(t.old.getOrLoad("k", k -> v1(k, 2, "loaded"))).isEqualTo(v1("k", 2, "loaded"));
    // The garbage in g1 is replaced; the new runtime's entry in g2 is not (the new runtime reads
    // it, and an update of the key replaces it everywhere).
    assertThat(t.formatAt(G1, "k")).isEqualTo("test-old");
    assertThat(t.formatAt(G2, "k")).isEqualTo("test-new");
    assertThat(t.old.get("k")).contains(v1("k", 2, "loaded"));

    t.phase(Phase.SPLIT);
    assertThat(t.old.get("k")).contains(v1("k", 2, "loaded"));
    t.rawSet(G1, "k", "garbage that is no envelope".getBytes(StandardCharsets.UTF_8));
    assertThat(t.old.get("k")).isEmpty();
    // Once by get, once by getOrLoad's read, once now.
    assertThat(count(t.oldMeters, CacheMetrics.DECODE_FAILURE, "legacy-payload")).isEqualTo(3);
  }

  @Test
  void aFillLosesToADeleteOrASetDuringTheLoad() {
    TwoRuntimes t = runtimes(Phase.READ_FALLBACK, 100);
    ItemV2 loaded =
        t.neu.getOrLoad(
            "d",
            k -> {
              t.old.delete(k);
              return v2(k, 1, "loaded-before-delete");
            });
    assertThat(loaded).isEqualTo(v2("d", 1, "loaded-before-delete"));
    assertThat(t.raw(G2, "d")).isNull();

    t.neu.getOrLoad(
        "s",
        k -> {
          t.old.set(k, v1(k, 2, "set during load"));
          return v2(k, 1, "loaded");
        });
    assertThat(t.raw(G2, "s")).isNull();
    assertThat(t.neu.get("s")).contains(v2("s", 2, "set", "during", "load"));
  }

  @Test
  void getAll_combinesHitsAndFallbackHits() {
    TwoRuntimes t = runtimes(Phase.READ_FALLBACK, 100);
    t.neu.set("a", v2("a", 1, "own"));
    t.old.set("b", v1("b", 1, "old"));

    Map<String, ItemV2> all = t.neu.getAll(List.of("a", "b", "c"));

    assertThat(all)
        .containsOnly(Map.entry("a", v2("a", 1, "own")), Map.entry("b", v2("b", 1, "old")));
    assertThat(t.formatAt(G2, "b")).as("back-filled as it was").isEqualTo("test-old");
    assertThat(t.old.getAll(List.of("a", "b"))).containsOnlyKeys("b");
  }

  private static VersionedCache<String, ItemV2> secondNewInstance(
      TwoRuntimes t, CacheTransport transport) {
    VersionedCache<String, ItemV2> cache =
        VersionedCache.<String, ItemV2>newBuilder()
            .keyspace(TwoRuntimes.KEYSPACE)
            .runtime(TestFormats.NEW_RUNTIME)
            .registry(TestFormats.newRegistry())
            .compatibleRegistry(TestFormats.compatibleRegistry())
            .transport(transport)
            .rollout(t.newRollout)
            .meterRegistry(t.newMeters)
            .build();
    ((RealVersionedCache<?, ?>) cache).refreshCapabilities();
    return cache;
  }
}
