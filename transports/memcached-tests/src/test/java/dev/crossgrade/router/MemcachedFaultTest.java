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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A memcached that is killed, restarted, paused or loses one node of three: callers get misses (and
 * loads) instead of exceptions, never a value that a delete during the outage should have removed,
 * and service comes back by itself. The timings are printed, not asserted.
 */
class MemcachedFaultTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void figure(Backend backend, String name, long millis) {
    System.out.printf(
        Locale.ROOT,
        "FAULT-FIGURE %s %s %d ms%n",
        backend.name().toLowerCase(Locale.ROOT),
        name,
        millis);
  }

  /**
   * Polls until a value set through {@code cache} reads back, up to 20 s; the wait in ms, or -1.
   */
  private static long recover(VersionedCache<String, ItemV2> cache) {
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(20).toNanos();
    ItemV2 probe = v2("probe", 1, "back");
    while (System.nanoTime() < deadline) {
      cache.set("probe", probe);
      if (cache.get("probe").equals(Optional.of(probe))) {
        return millisSince(start);
      }
      MemcachedServer.sleep(50);
    }
    return -1;
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "XMEMCACHED"})
  void aKilledServerIsMissesUntilItIsRestarted(Backend backend) {
    try (MemcachedServer server = MemcachedServer.start();
        TwoRuntimes t =
            TwoRuntimes.onServers(backend, List.of(server), Phase.DUAL_WRITE, TIMEOUT)) {
      t.neu.set("k", v2("k", 1, "cached"));
      assertThat(t.old.get("k")).isPresent();

      server.kill();
      long start = System.nanoTime();
      Optional<ItemV2> whileDown = t.neu.get("k");
      figure(backend, "get-while-killed", millisSince(start));
      assertThat(whileDown).isEmpty();
      AtomicInteger loads = new AtomicInteger();
      assertThat(
              t.neu.getOrLoad(
                  "k",
                  k -> {
                    loads.incrementAndGet();
                    return v2(k, 2, "loaded");
                  }))
          .isEqualTo(v2("k", 2, "loaded"));
      assertThat(loads).hasValue(1);
      t.neu.set("other", v2("other", 1, "x"));
      assertThat(t.old.delete("k")).isFalse();
      assertThat(TwoRuntimes.count(t.newMeters, CacheMetrics.FAILED)).isPositive();

      server.restart();
      long recovered = recover(t.neu);
      figure(backend, "recover-after-restart", recovered);
      assertThat(recovered).as("recovered within 20 s").isNotNegative();
      assertThat(t.old.get("k"))
          .as("deleted while down, and the restarted server is empty")
          .isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "XMEMCACHED"})
  void aPausedServerTimesOut_andADeleteDuringThePauseStillWins(Backend backend) {
    try (MemcachedServer server = MemcachedServer.start();
        TwoRuntimes t =
            TwoRuntimes.onServers(backend, List.of(server), Phase.DUAL_WRITE, TIMEOUT)) {
      ItemV2 stale = v2("k", 1, "stale");
      t.neu.set("k", stale);
      assertThat(t.neu.get("k")).contains(stale);

      server.pause();
      try {
        long start = System.nanoTime();
        Optional<ItemV2> whilePaused = t.neu.get("k");
        figure(backend, "get-while-paused", millisSince(start));
        assertThat(whilePaused).isEmpty();
        start = System.nanoTime();
        boolean confirmed = t.old.delete("k");
        figure(backend, "delete-while-paused", millisSince(start));
        assertThat(confirmed).isFalse();
        assertThat(t.old.get("k")).as("the runtime that deleted does not serve the key").isEmpty();
      } finally {
        server.resume();
      }

      // The old runtime retries its delete in the background; until it lands it serves no value
      // for the key, and once it lands neither generation holds the stale value.
      long start = System.nanoTime();
      long deadline = start + Duration.ofSeconds(20).toNanos();
      List<Optional<ItemV2>> seenByOld = new ArrayList<>();
      while ((t.raw(G1, "k") != null || t.raw(G2, "k") != null) && System.nanoTime() < deadline) {
        seenByOld.add(t.old.get("k").map(TestFormats::up));
        MemcachedServer.sleep(50);
      }
      figure(backend, "retried-delete-landed", millisSince(start));
      assertThat(t.raw(G1, "k")).isNull();
      assertThat(t.raw(G2, "k")).isNull();
      assertThat(seenByOld).doesNotContain(Optional.of(stale));
      assertThat(t.neu.get("k")).isEmpty();
      assertThat(recover(t.neu)).isNotNegative();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED_CLUSTER", "XMEMCACHED_CLUSTER"})
  void oneNodeOfThreeGoneLosesOnlyItsKeys(Backend backend) {
    List<MemcachedServer> nodes =
        List.of(MemcachedServer.start(), MemcachedServer.start(), MemcachedServer.start());
    try (TwoRuntimes t = TwoRuntimes.onServers(backend, nodes, Phase.SPLIT, TIMEOUT)) {
      for (int i = 0; i < 90; i++) {
        t.neu.set("k" + i, v2("k" + i, i, "v"));
      }
      nodes.get(1).kill();
      long start = System.nanoTime();
      int hits = 0;
      for (int i = 0; i < 90; i++) {
        Optional<ItemV2> value = t.neu.get("k" + i);
        if (value.isPresent()) {
          assertThat(value).contains(v2("k" + i, i, "v"));
          hits++;
        }
      }
      figure(backend, "90-gets-with-a-node-down", millisSince(start));
      assertThat(hits).as("keys on the two live nodes").isBetween(20, 85);
      assertThat(t.neu.getAll(List.of("k1", "k2", "k3", "k4", "k5", "k6")).size())
          .isLessThanOrEqualTo(6);

      nodes.get(1).restart();
      long recovered = System.nanoTime();
      long deadline = recovered + Duration.ofSeconds(20).toNanos();
      int back = 0;
      while (back < 90 && System.nanoTime() < deadline) {
        back = 0;
        for (int i = 0; i < 90; i++) {
          t.neu.getOrLoad("k" + i, k -> v2(k, Long.parseLong(k.substring(1)), "v"));
        }
        for (int i = 0; i < 90; i++) {
          back += t.neu.get("k" + i).isPresent() ? 1 : 0;
        }
      }
      figure(backend, "cluster-recovered", millisSince(recovered));
      assertThat(back).isEqualTo(90);
    } finally {
      nodes.forEach(MemcachedServer::close);
    }
  }
}
