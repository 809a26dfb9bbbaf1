package dev.crossgrade.router;

import static dev.crossgrade.router.TwoRuntimes.G1;
import static dev.crossgrade.router.TwoRuntimes.G2;
import static dev.crossgrade.router.TwoRuntimes.v2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import dev.crossgrade.transport.lettuce.LettuceTransport.Topology;
import dev.crossgrade.transport.lettuce.RedisCluster;
import dev.crossgrade.transport.lettuce.RedisServer;
import dev.crossgrade.transport.lettuce.RedisStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A Redis that is killed, restarted, paused, or a Cluster that loses one master of three: callers
 * get misses (and loads) instead of exceptions, never a value that a delete during the outage
 * should have removed, and service comes back by itself. The timings are printed, not asserted.
 */
class RedisFaultTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void figure(String store, String name, long millis) {
    System.out.printf(Locale.ROOT, "FAULT-FIGURE %s %s %d ms%n", store, name, millis);
  }

  private static TwoRuntimes on(Topology topology, List<RedisServer> servers, Phase phase) {
    return TwoRuntimes.over(
        topology.clientName(),
        timeout -> RedisStore.connect(topology, servers, timeout),
        phase,
        TIMEOUT);
  }

  /** Polls until a value set through {@code cache} reads back, up to 20 s; the wait, or -1. */
  private static long recover(VersionedCache<String, ItemV2> cache) {
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(20).toNanos();
    ItemV2 probe = v2("probe", 1, "back");
    while (System.nanoTime() < deadline) {
      cache.set("probe", probe);
      if (cache.get("probe").equals(Optional.of(probe))) {
        return millisSince(start);
      }
      RedisServer.sleep(50);
    }
    return -1;
  }

  @Test
  void aKilledServerIsMissesUntilItIsRestarted() {
    try (RedisServer server = RedisServer.start();
        TwoRuntimes t = on(Topology.STANDALONE, List.of(server), Phase.DUAL_WRITE)) {
      t.neu.set("k", v2("k", 1, "cached"));
      assertThat(t.old.get("k")).isPresent();

      server.kill();
      long start = System.nanoTime();
      Optional<ItemV2> whileDown = t.neu.get("k");
      figure("lettuce", "get-while-killed", millisSince(start));
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
      assertThat(t.old.delete("k")).isFalse();
      assertThat(TwoRuntimes.count(t.newMeters, CacheMetrics.FAILED)).isPositive();

      server.restart();
      long recovered = recover(t.neu);
      figure("lettuce", "recover-after-restart", recovered);
      assertThat(recovered).as("recovered within 20 s").isNotNegative();
      assertThat(t.old.get("k")).as("deleted while down; the restarted server is empty").isEmpty();
    }
  }

  @Test
  void aPausedServerTimesOut_andADeleteDuringThePauseStillWins() {
    try (RedisServer server = RedisServer.start();
        TwoRuntimes t = on(Topology.STANDALONE, List.of(server), Phase.DUAL_WRITE)) {
      ItemV2 stale = v2("k", 1, "stale");
      t.neu.set("k", stale);
      assertThat(t.neu.get("k")).contains(stale);

      server.pause();
      try {
        long start = System.nanoTime();
        Optional<ItemV2> whilePaused = t.neu.get("k");
        figure("lettuce", "get-while-paused", millisSince(start));
        assertThat(whilePaused).isEmpty();
        start = System.nanoTime();
        boolean confirmed = t.old.delete("k");
        figure("lettuce", "delete-while-paused", millisSince(start));
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
        RedisServer.sleep(50);
      }
      figure("lettuce", "retried-delete-landed", millisSince(start));
      assertThat(t.raw(G1, "k")).isNull();
      assertThat(t.raw(G2, "k")).isNull();
      assertThat(seenByOld).doesNotContain(Optional.of(stale));
      assertThat(t.neu.get("k")).isEmpty();
      assertThat(recover(t.neu)).isNotNegative();
    }
  }

  @Test
  void oneClusterMasterOfThreeLost_losesOnlyItsKeys_andADeleteMeanwhileStillWins() {
    try (RedisCluster cluster = RedisCluster.start();
        TwoRuntimes t = on(Topology.CLUSTER, cluster.nodes(), Phase.DUAL_WRITE)) {
      for (int i = 0; i < 90; i++) {
        t.neu.set("k" + i, v2("k" + i, i, "v"));
      }
      RedisServer lost = cluster.nodes().get(1);
      lost.kill();
      long start = System.nanoTime();
      int hits = 0;
      List<Integer> deleted = new ArrayList<>();
      for (int i = 0; i < 90; i++) {
        Optional<ItemV2> value = t.neu.get("k" + i);
        if (value.isPresent()) {
          assertThat(value).contains(v2("k" + i, i, "v"));
          hits++;
        } else if (deleted.size() < 5) {
          // A key of the lost master: its delete fails now and is retried until it lands.
          assertThat(t.old.delete("k" + i)).isFalse();
          deleted.add(i);
        }
      }
      figure("lettuce-cluster", "90-gets-with-a-master-down", millisSince(start));
      assertThat(hits).as("keys on the two live masters").isBetween(20, 85);
      assertThat(deleted).isNotEmpty();
      assertThat(t.neu.getAll(List.of("k1", "k2", "k3", "k4", "k5", "k6")).size())
          .isLessThanOrEqualTo(6);

      lost.restart();
      cluster.awaitHealthy();
      long recovered = System.nanoTime();
      long deadline = recovered + Duration.ofSeconds(20).toNanos();
      int back = 0;
      while (back < 90 && System.nanoTime() < deadline) {
        back = 0;
        for (int i = 0; i < 90; i++) {
          int n = i;
          t.neu.getOrLoad("k" + i, k -> v2(k, deleted.contains(n) ? 1000 + n : n, "v"));
        }
        for (int i = 0; i < 90; i++) {
          back += t.neu.get("k" + i).isPresent() ? 1 : 0;
        }
      }
      figure("lettuce-cluster", "cluster-recovered", millisSince(recovered));
      assertThat(back).isEqualTo(90);
      for (int i : deleted) {
        assertThat(t.old.get("k" + i).map(TestFormats::up))
            .as("deleted while its master was down")
            .isNotEqualTo(Optional.of(v2("k" + i, i, "v")));
      }
    }
  }
}
