package dev.crossgrade.router;

import static dev.crossgrade.router.TwoRuntimes.G2;
import static dev.crossgrade.router.TwoRuntimes.count;
import static dev.crossgrade.router.TwoRuntimes.v1;
import static dev.crossgrade.router.TwoRuntimes.v2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV1;
import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import dev.crossgrade.router.internal.cache.RealVersionedCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Interleavings that an independent harness forced and the rollout let through, each now forced
 * here deterministically (a transport that runs another runtime's step at a chosen call, records
 * removed as a flush removes them, phases that differ between the runtimes).
 */
class RolloutInterleavingTest {

  /**
   * Regression (11.2): the new runtime's set wrote g2 and only then deleted g1. A back-fill that
   * ran between the two steps, after the fresh g2 value was evicted, found g1 unchanged and put the
   * old value into g2, where it stayed after the set returned true (20 of 20 reads stale).
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aBackFillAfterTheFreshValueWasEvicted_neverRestoresTheOldValue(Backend backend) {
    try (TwoRuntimes t = TwoRuntimes.on(backend, Phase.READ_FALLBACK, 100)) {
      HookedTransport hooked = new HookedTransport(t.newTransport);
      VersionedCache<String, ItemV2> writer = t.newInstance(hooked);
      t.old.set("k", v1("k", 1, "old"));
      List<Optional<ItemV2>> seenDuringTheSet = new ArrayList<>();
      hooked.afterFirstWrite(
          () -> {
            // Between the writer's first and second step: whatever g2 holds is evicted, and a
            // reader of the new runtime misses there and falls back to g1.
            t.evict(G2, "k");
            seenDuringTheSet.add(t.neu.get("k"));
          });

      assertThat(writer.set("k", v2("k", 2, "new"))).isTrue();

      assertThat(seenDuringTheSet).hasSize(1);
      for (int i = 0; i < 20; i++) {
        assertThat(t.neu.get("k"))
            .as("read %d after the set returned", i)
            .isNotEqualTo(Optional.of(v2("k", 1, "old")));
      }
      assertThat(t.neu.get("k")).contains(v2("k", 2, "new"));
      assertThat(t.old.get("k")).isEmpty();
    }
  }

  /**
   * Regression (11.4): the writer decided who reads a generation from its own phase. With the old
   * runtime in UNIFIED and the new one in DUAL_WRITE, the new one wrote test-new into g2, which the
   * old one then read: decode failures. Every mix of the two runtimes' phases, with the capability
   * records a refresh behind and then current: no decode failure, no stale or wrong value.
   */
  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"EMBEDDED", "SPYMEMCACHED", "XMEMCACHED_CLUSTER"})
  void everyMixOfPhases_neitherRuntimeMeetsAFormatItCannotRead(Backend backend) {
    try (TwoRuntimes t = TwoRuntimes.on(backend, Phase.SPLIT, 100)) {
      long version = 0;
      int key = 0;
      for (boolean recordsCurrent : new boolean[] {false, true}) {
        for (Phase oldPhase : Phase.values()) {
          for (Phase newPhase : Phase.values()) {
            t.oldRollout.setPhase(TwoRuntimes.KEYSPACE, oldPhase);
            t.newRollout.setPhase(TwoRuntimes.KEYSPACE, newPhase);
            if (recordsCurrent) {
              t.refresh();
            }
            String k = "k" + key++;
            String where = "old in " + oldPhase + ", new in " + newPhase;
            // Warm both generations the way each runtime's phase does, then update through each.
            long first = ++version;
            assertThat(t.old.getOrLoad(k, x -> v1(x, first, "w" + first)).version())
                .isEqualTo(first);
            assertThat(t.neu.getOrLoad(k, x -> v2(x, first, "w" + first)).version())
                .as(where)
                .isEqualTo(first);
            long second = ++version;
            assertThat(t.neu.set(k, v2(k, second, "w" + second))).isTrue();
            expect(t, k, second, where + ", after the new runtime's set");
            long third = ++version;
            assertThat(t.old.set(k, v1(k, third, "w" + third))).isTrue();
            expect(t, k, third, where + ", after the old runtime's set");
            assertThat(t.neu.delete(k)).isTrue();
            assertThat(t.old.get(k)).as(where + ", after delete").isEmpty();
            assertThat(t.neu.get(k)).as(where + ", after delete").isEmpty();
          }
        }
      }
      assertThat(count(t.oldMeters, CacheMetrics.DECODE_FAILURE))
          .as("old runtime decode failures")
          .isZero();
      assertThat(count(t.newMeters, CacheMetrics.DECODE_FAILURE))
          .as("new runtime decode failures")
          .isZero();
    }
  }

  /** Each runtime, reading k after an update to {@code version}: that version, or a miss. */
  private static void expect(TwoRuntimes t, String k, long version, String where) {
    Optional<ItemV1> old = t.old.get(k);
    Optional<ItemV2> neu = t.neu.get(k);
    old.ifPresent(
        v -> assertThat(v).as(where + ": old get").isEqualTo(v1(k, version, "w" + version)));
    neu.ifPresent(
        v -> assertThat(v).as(where + ": new get").isEqualTo(v2(k, version, "w" + version)));
    assertThat(t.old.getOrLoad(k, x -> v1(x, version, "w" + version)))
        .as(where + ": old getOrLoad")
        .isEqualTo(v1(k, version, "w" + version));
    assertThat(t.neu.getOrLoad(k, x -> v2(x, version, "w" + version)))
        .as(where + ": new getOrLoad")
        .isEqualTo(v2(k, version, "w" + version));
  }

  /**
   * Regression (11.5): the capability record is an ordinary cache entry. After a flush_all or a
   * memcached restart the new runtime took the old one for gone and wrote test-new where the live
   * old runtime reads (131 and 651 unreadable writes). A vanished record is remembered for a TTL.
   */
  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "XMEMCACHED"})
  void afterAFlushOrARestart_theNewRuntimeStillWritesWhatTheLiveOldRuntimeReads(Backend backend)
      throws Exception {
    try (MemcachedServer server = MemcachedServer.start();
        TwoRuntimes t =
            TwoRuntimes.onServers(
                backend, List.of(server), Phase.UNIFIED, Duration.ofMillis(500))) {
      t.refresh();
      assertThat(t.neu.status().otherRuntimeLive()).isTrue();

      server.flushAll();
      ((RealVersionedCache<?, ?>) t.neu).refreshCapabilities(); // finds no record
      assertThat(t.neu.set("a", v2("a", 1, "x"))).isTrue();
      assertThat(t.formatAt(G2, "a")).as("after flush_all").isEqualTo("test-old");
      assertThat(t.old.get("a")).contains(v1("a", 1, "x"));

      server.restart();
      awaitSet(t, "b");
      ((RealVersionedCache<?, ?>) t.neu).refreshCapabilities();
      assertThat(t.formatAt(G2, "b")).as("after a restart").isEqualTo("test-old");
      assertThat(t.old.get("b")).contains(v1("b", 1, "x"));

      // A new process of the new runtime starts while the record is still missing: it has never
      // seen one, and writes only the compatible format where the old runtime may read.
      server.flushAll();
      try (CacheTransport fresh = backend.connect(List.of(server), Duration.ofMillis(500))) {
        VersionedCache<String, ItemV2> started = t.newInstance(fresh);
        assertThat(started.set("c", v2("c", 1, "x"))).isTrue();
        assertThat(t.formatAt(G2, "c"))
            .as("by a process that never saw the record")
            .isEqualTo("test-old");
        started.close();
      }
      assertThat(count(t.oldMeters, CacheMetrics.DECODE_FAILURE)).isZero();
    }
  }

  /**
   * Regression (11.5): the old runtime rejoining after the new one took it for gone read test-new
   * in g2 (62 unreadable values). It now meets such an entry as the newer runtime's format, a miss
   * that falls back to its own generation, and the new runtime honours it within a second.
   */
  @Test
  void anOldRuntimeThatRejoins_meetsNoDecodeFailureAndIsHonouredAgain() {
    try (TwoRuntimes t = TwoRuntimes.on(Backend.EMBEDDED, Phase.UNIFIED, 100)) {
      t.refresh();
      t.old.close();
      t.oldTransport
          .delete(t.router.capabilityKey(TwoRuntimes.KEYSPACE, TestFormats.OLD_RUNTIME))
          .join();
      t.advance(Duration.ofSeconds(31)); // one capability TTL without a record: gone
      ((RealVersionedCache<?, ?>) t.neu).refreshCapabilities();
      assertThat(t.neu.status().otherRuntimeLive()).isFalse();
      assertThat(t.neu.set("k", v2("k", 1, "new"))).isTrue();
      assertThat(t.formatAt(G2, "k")).isEqualTo("test-new");

      VersionedCache<String, ItemV1> rejoined = t.oldInstance(t.oldTransport);
      assertThat(rejoined.get("k")).isEmpty();
      assertThat(rejoined.getOrLoad("k", x -> v1(x, 1, "new"))).isEqualTo(v1("k", 1, "new"));
      assertThat(rejoined.get("k")).as("cached in its own generation").contains(v1("k", 1, "new"));
      assertThat(count(t.oldMeters, CacheMetrics.DECODE_FAILURE)).isZero();
      assertThat(count(t.oldMeters, CacheMetrics.MISS, "newer-format")).isPositive();

      ((RealVersionedCache<?, ?>) t.neu).refreshCapabilities();
      assertThat(t.neu.set("k", v2("k", 2, "newer"))).isTrue();
      assertThat(t.formatAt(G2, "k")).isEqualTo("test-old");
      assertThat(rejoined.get("k")).contains(v1("k", 2, "newer"));
    }
  }

  private static void awaitSet(TwoRuntimes t, String key) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!t.neu.set(key, v2(key, 1, "x"))) {
      assertThat(System.nanoTime()).as("reconnected within 10 s").isLessThan(deadline);
      MemcachedServer.sleep(50);
    }
  }
}
