package dev.crossgrade.transport.lettuce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.CacheTransportProvider;
import dev.crossgrade.router.ItemTooLargeException;
import dev.crossgrade.router.KeyRouter;
import dev.crossgrade.router.RolloutConfig;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The transport SPI's semantics on real Redis, standalone and Cluster: what the router's {@code
 * CacheTransportTest} asserts of the memcached clients, and what is Redis's own (one slot per
 * logical key, the item limit, a server down at start, a paused server).
 */
class LettuceTransportTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String prefix() {
    return "t" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36) + ":";
  }

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void getSetAddCasDeleteBehaveLikeMemcached(RedisStore store) {
    String p = prefix();
    try (CacheTransport transport = store.connect(Duration.ofSeconds(1))) {
      assertThat(transport.name()).isEqualTo(store.label());
      assertThat(transport.get(p + "a").join()).isEmpty();
      assertThat(transport.set(p + "a", bytes("1"), MINUTE).join()).isTrue();
      assertThat(transport.get(p + "a").join())
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("1")));

      assertThat(transport.add(p + "a", bytes("2"), MINUTE).join()).isFalse();
      assertThat(transport.add(p + "b", bytes("2"), MINUTE).join()).isTrue();

      CacheTransport.CasValue cas = transport.gets(p + "a").join().orElseThrow();
      assertThat(cas.value()).isEqualTo(bytes("1"));
      assertThat(transport.cas(p + "a", cas.token(), bytes("3"), MINUTE).join()).isTrue();
      assertThat(transport.cas(p + "a", cas.token(), bytes("4"), MINUTE).join()).isFalse();
      assertThat(transport.cas(p + "missing", cas.token(), bytes("4"), MINUTE).join()).isFalse();
      assertThat(transport.get(p + "a").join())
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("3")));

      Map<String, byte[]> found = transport.getMulti(List.of(p + "a", p + "b", p + "c")).join();
      assertThat(found).containsOnlyKeys(p + "a", p + "b");

      assertThat(transport.delete(p + "a").join()).isTrue();
      assertThat(transport.delete(p + "a").join()).isFalse();
      assertThat(transport.gets(p + "a").join()).isEmpty();
      assertThat(transport.getMulti(List.of()).join()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void bytesComeBackExactly_includingEveryByteValueAndEmpty(RedisStore store) {
    String p = prefix();
    byte[] all = new byte[256 * 40];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    try (CacheTransport transport = store.connect(Duration.ofSeconds(1))) {
      transport.set(p + "all", all, MINUTE).join();
      transport.set(p + "empty", new byte[0], MINUTE).join();
      assertThat(transport.get(p + "all").join())
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(all));
      assertThat(transport.get(p + "empty").join())
          .hasValueSatisfying(v -> assertThat(v).isEmpty());
      CacheTransport.CasValue empty = transport.gets(p + "empty").join().orElseThrow();
      assertThat(transport.cas(p + "empty", empty.token(), all, MINUTE).join()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void entriesExpireAfterTheirTtl_andTheTtlIsSentInMilliseconds(RedisStore store) {
    String key = prefix() + "ttl";
    try (CacheTransport transport = store.connect(Duration.ofSeconds(1))) {
      transport.set(key, bytes("x"), Duration.ofMillis(1500)).join();
      assertThat(transport.get(key).join()).isPresent();
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      Optional<byte[]> value = transport.get(key).join();
      while (value.isPresent() && System.nanoTime() < deadline) {
        RedisServer.sleep(100);
        value = transport.get(key).join();
      }
      assertThat(value).as("expired within 10 s").isEmpty();
      assertThat(transport.add(key, bytes("again"), Duration.ofMillis(600_250)).join()).isTrue();
      long pttl = (Long) serverOf(store, key).command("PTTL", RedisKeys.of(key));
      assertThat(pttl).isBetween(590_000L, 600_250L);
      CacheTransport.CasValue read = transport.gets(key).join().orElseThrow();
      assertThat(transport.cas(key, read.token(), bytes("kept"), Duration.ZERO).join()).isTrue();
      assertThat((Long) serverOf(store, key).command("PTTL", RedisKeys.of(key)))
          .as("no expiry")
          .isEqualTo(-1L);
    }
  }

  private static RedisServer serverOf(RedisStore store, String key) {
    return store == RedisStore.CLUSTER
        ? RedisCluster.shared().nodeOf(RedisKeys.of(key))
        : RedisServer.shared();
  }

  @Test
  void theTtlIsRoundedUpToAMillisecond_noneIsNone_andAHugeOneIsBounded() {
    assertThat(RealLettuceTransport.ttlMillis(Duration.ZERO)).isZero();
    assertThat(RealLettuceTransport.ttlMillis(Duration.ofSeconds(-5))).isZero();
    assertThat(RealLettuceTransport.ttlMillis(Duration.ofNanos(1))).isEqualTo(1);
    assertThat(RealLettuceTransport.ttlMillis(Duration.ofMillis(1500))).isEqualTo(1500);
    assertThat(RealLettuceTransport.ttlMillis(Duration.ofNanos(1_500_001))).isEqualTo(2);
    assertThat(RealLettuceTransport.ttlMillis(Duration.ofSeconds(Long.MAX_VALUE)))
        .isEqualTo(Duration.ofDays(36_500).toMillis());
  }

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void aMultiGetAcrossSlotsFindsEveryKey(RedisStore store) {
    String p = prefix();
    try (CacheTransport transport = store.connect(Duration.ofSeconds(1))) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        keys.add(p + i);
        transport.set(p + i, bytes("v" + i), MINUTE).join();
      }
      keys.add(p + "none");
      Map<String, byte[]> found = transport.getMulti(keys).join();
      assertThat(found).hasSize(100).doesNotContainKey(p + "none");
      for (int i = 0; i < 100; i++) {
        assertThat(found.get(p + i)).as("key %d", i).isEqualTo(bytes("v" + i));
      }
    }
  }

  @Test
  void aClusterSpreadsKeysOverAllThreeMasters_everyGenerationOfAKeyOnOne() {
    RedisCluster cluster = RedisCluster.shared();
    List<Long> before = cluster.keysPerNode();
    KeyRouter router = KeyRouter.withPrefix(prefix().replace(":", ""));
    try (CacheTransport transport = RedisStore.CLUSTER.connect(Duration.ofSeconds(1))) {
      for (int i = 0; i < 300; i++) {
        String k = "{k" + i + "}" + (i % 7 == 0 ? " with space" : "");
        String g1 = router.physicalKey("items", 1, k);
        String g2 = router.physicalKey("items", 2, k);
        if (i % 15 == 0) {
          // The server's own view of the hash tag: one slot for both generations.
          RedisServer any = cluster.nodes().get(i % 3);
          assertThat(any.command("CLUSTER", "KEYSLOT", RedisKeys.of(g1)))
              .isEqualTo(any.command("CLUSTER", "KEYSLOT", RedisKeys.of(g2)));
        }
        List<Boolean> steps =
            transport
                .writeAll(
                    List.of(
                        new CacheTransport.Write(g1, bytes("1"), MINUTE),
                        new CacheTransport.Write(g2, bytes("2"), MINUTE)))
                .stream()
                .map(java.util.concurrent.CompletableFuture::join)
                .toList();
        assertThat(steps).containsExactly(true, true);
      }
      List<Long> after = cluster.keysPerNode();
      for (int i = 0; i < 3; i++) {
        assertThat(after.get(i) - before.get(i)).as("keys on master %d", i).isGreaterThan(100);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void writeAllKeepsTheOrderOfItsSteps(RedisStore store) {
    String p = prefix();
    try (CacheTransport transport = store.connect(Duration.ofSeconds(1))) {
      for (int round = 0; round < 50; round++) {
        String g1 = p + "items:g1:k" + round;
        String g2 = p + "items:g2:k" + round;
        List<CacheTransport.Write> writes =
            List.of(
                new CacheTransport.Write(g2, bytes("first"), MINUTE),
                CacheTransport.Write.delete(g1),
                CacheTransport.Write.delete(g2),
                new CacheTransport.Write(g2, bytes("last"), MINUTE));
        List<Boolean> answers =
            transport.writeAll(writes).stream()
                .map(java.util.concurrent.CompletableFuture::join)
                .toList();
        assertThat(answers).containsExactly(true, false, true, true);
        assertThat(transport.get(g2).join())
            .hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("last")));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void valuesOverTheLargestAreRefusedBeforeTheyAreSent(RedisStore store) {
    String key = prefix() + "big";
    try (CacheTransport transport = store.connect(Duration.ofSeconds(2))) {
      assertThat(
              transport.set(key, new byte[LettuceTransport.DEFAULT_MAX_VALUE_BYTES], MINUTE).join())
          .isTrue();
      assertThat(transport.set(key, new byte[LettuceTransport.DEFAULT_MAX_VALUE_BYTES + 1], MINUTE))
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableThat()
          .havingCause()
          .isInstanceOf(ItemTooLargeException.class)
          .withMessageContaining("nothing was sent")
          .withMessageContaining("LettuceTransport.Builder.maximumValueSize");
      assertThat(transport.get(key).join())
          .hasValueSatisfying(v -> assertThat(v).hasSize(LettuceTransport.DEFAULT_MAX_VALUE_BYTES));
      assertThat(transport.delete(key).join()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void keysThatNoKeyRouterMakes_areRefusedWithATypedException(RedisStore store) {
    try (CacheTransport transport = store.connect(Duration.ofSeconds(1))) {
      for (String bad : List.of("", "a b", "k\r\nFLUSHALL", "é", "x".repeat(251))) {
        assertThat(transport.get(bad))
            .as("'%s'", bad)
            .failsWithin(Duration.ofSeconds(1))
            .withThrowableThat()
            .havingCause()
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(transport.getMulti(List.of("ok", bad)))
            .failsWithin(Duration.ofSeconds(1))
            .withThrowableThat()
            .havingCause()
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void aConfigFilesTransportSectionBuildsTheTransport(RedisStore store) {
    assertThat(CacheTransportProvider.names()).contains("lettuce", "lettuce-cluster");
    String yaml =
        """
        version: 1
        prefix: p
        transport: {client: %s, servers: [%s], timeout: 300ms}
        runtimes: [{name: a, generation: 1}]
        keyspaces: [{name: k, to: a, phase: UNIFIED, ttl: 1m}]
        """
            .formatted(store.label(), String.join(", ", store.hostPorts()));
    RolloutConfig config = RolloutConfig.parse(yaml, "t.yaml");
    try (CacheTransport transport = CacheTransport.fromConfig(config.transport())) {
      assertThat(transport.name()).isEqualTo(store.label());
      String key = prefix() + "k";
      assertThat(transport.set(key, bytes("v"), MINUTE).join()).isTrue();
      assertThat(transport.get(key).join()).isPresent();
    }
  }

  @Test
  void clientLettuceWithSeveralServers_saysToUseTheClusterClient() {
    String yaml =
        """
        version: 1
        prefix: p
        transport: {client: lettuce, servers: [127.0.0.1:7000, 127.0.0.1:7001]}
        runtimes: [{name: a, generation: 1}]
        keyspaces: [{name: k, to: a, phase: UNIFIED, ttl: 1m}]
        """;
    RolloutConfig config = RolloutConfig.parse(yaml, "t.yaml");
    assertThatThrownBy(() -> CacheTransport.fromConfig(config.transport()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("use client: lettuce-cluster");
  }

  @Test
  void builderChecksItsSettings() {
    assertThatThrownBy(() -> LettuceTransport.newBuilder().build())
        .hasMessageContaining("no server");
    assertThatThrownBy(
            () ->
                LettuceTransport.newBuilder()
                    .server(new InetSocketAddress("127.0.0.1", 1))
                    .server(new InetSocketAddress("127.0.0.1", 2))
                    .build())
        .hasMessageContaining("topology(Topology.CLUSTER)");
    assertThatThrownBy(() -> LettuceTransport.newBuilder().operationTimeout(Duration.ZERO))
        .hasMessageContaining("operationTimeout must be over 0");
    assertThatThrownBy(() -> LettuceTransport.newBuilder().maximumValueSize(100))
        .hasMessageContaining("maximumValueSize must be 1 KiB to 512 MiB");
    assertThatThrownBy(
            () ->
                LettuceTransport.newBuilder()
                    .topology(LettuceTransport.Topology.CLUSTER)
                    .topology(LettuceTransport.Topology.CLUSTER))
        .hasMessageContaining("already set");
  }

  @Test
  void aServerDownAtStart_failsFast_thenIsConnectedInTheBackground() {
    try (RedisServer server = RedisServer.start()) {
      server.stop();
      try (CacheTransport transport =
          LettuceTransport.newBuilder()
              .server(server.address())
              .operationTimeout(Duration.ofSeconds(1))
              .connectTimeout(Duration.ofMillis(300))
              .build()) {
        long start = System.nanoTime();
        assertThat(transport.get("k"))
            .failsWithin(Duration.ofSeconds(1))
            .withThrowableThat()
            .havingCause()
            .isInstanceOf(LettuceTransportException.class)
            .withMessageContaining("not connected");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        server.restart();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        boolean stored = false;
        while (!stored && System.nanoTime() < deadline) {
          stored = transport.set("k", bytes("v"), MINUTE).exceptionally(e -> false).join();
          RedisServer.sleep(100);
        }
        assertThat(stored).as("connected within 20 s").isTrue();
      }
    }
  }

  @Test
  void aPausedServer_isATimeout_notAnotherFailure() {
    try (RedisServer server = RedisServer.start();
        CacheTransport transport =
            RedisStore.connect(
                LettuceTransport.Topology.STANDALONE, List.of(server), Duration.ofMillis(300))) {
      assertThat(transport.set("k", bytes("v"), MINUTE).join()).isTrue();
      server.pause();
      try {
        assertThat(transport.get("k"))
            .failsWithin(Duration.ofSeconds(10))
            .withThrowableThat()
            .havingCause()
            .isInstanceOf(TimeoutException.class)
            .withMessageContaining("no answer within 300 ms");
      } finally {
        server.resume();
      }
      assertThat(transport.get("k").join()).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void manyConcurrentCasOnOneKey_exactlyOneWinsEachRound(RedisStore store) throws Exception {
    String key = prefix() + "race";
    try (CacheTransport a = store.connect(Duration.ofSeconds(1));
        CacheTransport b = store.connect(Duration.ofSeconds(1))) {
      for (int round = 0; round < 20; round++) {
        a.set(key, bytes("lease-" + round), MINUTE).join();
        CacheTransport.CasValue seenA = a.gets(key).join().orElseThrow();
        CacheTransport.CasValue seenB = b.gets(key).join().orElseThrow();
        var first = a.cas(key, seenA.token(), bytes("a" + round), MINUTE);
        var second = b.cas(key, seenB.token(), bytes("b" + round), MINUTE);
        Set<Boolean> outcomes = new HashSet<>(List.of(first.join(), second.join()));
        assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder(true, false);
      }
    }
  }
}
