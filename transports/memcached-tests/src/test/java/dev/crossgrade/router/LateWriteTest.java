package dev.crossgrade.router;

import static dev.crossgrade.router.TwoRuntimes.G2;
import static dev.crossgrade.router.TwoRuntimes.v2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.RealVersionedCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A write that timed out can still land, after a write that returned true. Regression (11.3):
 * process A's path was slowed to 1.5 s, its set(v2) timed out, B's set(v3) returned true, then A's
 * v2 arrived and B served it for 0.5 to 3 s: A invalidated only from its retry loop, which also
 * stopped at the first key it could not reach.
 */
class LateWriteTest {
  private static final Duration TIMEOUT = Duration.ofMillis(250);

  /** The delete behind a timed-out write is sent by the writer itself, before set returns. */
  @Test
  void aTimedOutWrite_isInvalidatedBehindItBeforeSetReturns() {
    try (TwoRuntimes t =
        TwoRuntimes.on(
            Backend.EMBEDDED,
            TwoRuntimes.yaml(TwoRuntimes.randomPrefix(), Phase.SPLIT, 100, "key")
                .replace("timeout: 500ms", "timeout: 100ms"),
            Duration.ofMillis(100),
            b -> b)) {
      HookedTransport hooked = new HookedTransport(t.newTransport);
      VersionedCache<String, ItemV2> writer = t.newInstance(hooked);
      String g2 = t.physical(G2, "k");
      hooked.stall(call -> call.equals("set " + g2));

      assertThat(writer.set("k", v2("k", 1, "late"))).isFalse();

      // What the writer had sent when set returned (its retry loop runs only every 500 ms).
      List<String> calls =
          hooked.calls().stream().map(c -> c.substring(0, c.lastIndexOf(' '))).toList();
      int set = calls.indexOf("set " + g2);
      assertThat(set).as("the set was sent").isNotNegative();
      assertThat(calls.subList(set + 1, calls.size()))
          .as("calls after the timed-out set, before set returned")
          .contains("invalidate " + g2);
      assertThat(writer.get("k")).as("the writer does not serve the key meanwhile").isEmpty();
    }
  }

  /** The retry round sends every owed delete at once: one unreachable key holds back no other. */
  @Test
  void oneUnreachableKey_doesNotHoldBackTheRetriesOfTheOthers() {
    try (TwoRuntimes t =
        TwoRuntimes.on(
            Backend.EMBEDDED,
            TwoRuntimes.yaml(TwoRuntimes.randomPrefix(), Phase.SPLIT, 100, "key")
                .replace("timeout: 500ms", "timeout: 50ms"),
            Duration.ofMillis(50),
            b -> b)) {
      HookedTransport hooked = new HookedTransport(t.newTransport);
      VersionedCache<String, ItemV2> writer = t.newInstance(hooked);
      RealVersionedCache<?, ?> real = (RealVersionedCache<?, ?>) writer;
      hooked.stall(call -> call.startsWith("delete "));
      for (int i = 0; i < 40; i++) {
        assertThat(writer.delete((i % 2 == 0 ? "down-" : "up-") + i)).isFalse();
      }
      assertThat(real.pendingInvalidations()).isEqualTo(80); // both generations of 40 keys
      // The "down" keys stay unreachable; the "up" keys answer again.
      hooked.stall(call -> call.startsWith("delete ") && call.contains(":down-"));
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (real.pendingInvalidations() > 40 && System.nanoTime() < deadline) {
        MemcachedServer.sleep(20);
      }
      assertThat(real.pendingInvalidations())
          .as("owed after the reachable keys' retries (two rounds of 500 ms)")
          .isEqualTo(40);
      assertThat(writer.get("up-1")).isEmpty();
    }
  }

  /**
   * On real memcached through a proxy that holds A's bytes 1.5 s: A's timed-out v2 lands after B's
   * confirmed v3, and the delete A sent behind it lands right after. B can see v2 only in between:
   * at most about one operation timeout (the gap between A's set and its delete), never after. A
   * keyspace with one generation, so the set is A's first and only step (with two, A's first step
   * is the old generation's invalidation, and a timeout there stops A before it writes anything).
   */
  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "XMEMCACHED"})
  void aLateWrite_isVisibleToAnotherProcessForAtMostAboutOneTimeout(Backend backend)
      throws Exception {
    MemcachedServer server = MemcachedServer.shared();
    String yaml =
        """
        version: 1
        prefix: %s
        transport: {timeout: %dms}
        codecs: [{name: test-old, id: 0x80}, {name: test-new, id: 0x81}]
        runtimes: [{name: shop-v2, generation: 2}]
        keyspaces:
          - {name: items, to: shop-v2, phase: UNIFIED, ttl: 10m}
        """
            .formatted(TwoRuntimes.randomPrefix(), TIMEOUT.toMillis());
    try (DelayProxy proxy = new DelayProxy(server.ipAddress());
        Rollout rollout = Rollout.of(RolloutConfig.parse(yaml, "late.yaml"));
        CacheTransport slow = connect(backend, proxy.address());
        CacheTransport direct = connect(backend, server.ipAddress());
        HookedTransport hooked = new HookedTransport(slow);
        VersionedCache<String, ItemV2> a = cache(rollout, hooked);
        VersionedCache<String, ItemV2> b = cache(rollout, direct)) {
      assertThat(a.set("k", v2("k", 1, "first"))).isTrue();
      // A already owes invalidations it cannot deliver (their deletes never complete): a retry
      // loop that stops at the first key it cannot reach never gets to k.
      hooked.stall(call -> call.startsWith("delete ") && call.contains(":blocker-"));
      List<Thread> blockers = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String key = "blocker-" + i;
        Thread blocker = new Thread(() -> a.delete(key));
        blocker.start();
        blockers.add(blocker);
      }
      for (Thread blocker : blockers) {
        blocker.join();
      }

      proxy.delay(1500);
      long start = System.nanoTime();
      assertThat(a.set("k", v2("k", 2, "late"))).as("A's set times out").isFalse();
      assertThat(b.set("k", v2("k", 3, "confirmed"))).as("B's set").isTrue();
      long confirmed = System.nanoTime();

      List<Long> lateSeen = new ArrayList<>();
      while (System.nanoTime() - start < Duration.ofMillis(3000).toNanos()) {
        Optional<ItemV2> seen = b.get("k");
        if (seen.isPresent() && seen.get().version() == 2) {
          lateSeen.add((System.nanoTime() - start) / 1_000_000);
        }
        MemcachedServer.sleep(2);
      }
      long first = lateSeen.isEmpty() ? -1 : lateSeen.get(0);
      long last = lateSeen.isEmpty() ? -1 : lateSeen.get(lateSeen.size() - 1);
      System.out.printf(
          Locale.ROOT,
          "LATE-WRITE-FIGURE %s confirmed-after=%d ms late-value-seen=%d times from %d ms to %d"
              + " ms (window %d ms, timeout %d ms)%n",
          backend.name().toLowerCase(Locale.ROOT),
          (confirmed - start) / 1_000_000,
          lateSeen.size(),
          first,
          last,
          lateSeen.isEmpty() ? 0 : last - first,
          TIMEOUT.toMillis());
      if (!lateSeen.isEmpty()) {
        assertThat(first).as("the late write lands with the delay").isGreaterThanOrEqualTo(1400);
        assertThat(last - first)
            .as("the late value is visible for about one timeout at most")
            .isLessThanOrEqualTo(TIMEOUT.toMillis() + 250);
      }
      assertThat(b.get("k").map(ItemV2::version)).as("at the end").isNotEqualTo(Optional.of(2L));
    }
  }

  private static VersionedCache<String, ItemV2> cache(Rollout rollout, CacheTransport transport) {
    return VersionedCache.<String, ItemV2>newBuilder()
        .keyspace(TwoRuntimes.KEYSPACE)
        .runtime(TestFormats.NEW_RUNTIME)
        .registry(TestFormats.newRegistry())
        .transport(transport)
        .rollout(rollout)
        .meterRegistry(new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
        .build();
  }

  private static CacheTransport connect(Backend backend, java.net.InetSocketAddress server) {
    return (backend == Backend.SPYMEMCACHED
            ? MemcachedClient.SPYMEMCACHED
            : MemcachedClient.XMEMCACHED)
        .newBuilder()
        .operationTimeout(TIMEOUT)
        .server(server)
        .build();
  }
}
