package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import dev.crossgrade.transport.memcached.ItemLimit;
import dev.crossgrade.transport.memcached.MemcachedTransport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Values at memcached's item size, on real servers with both clients: a value that fits with its
 * key and the item header is stored; one byte more is refused before anything is sent, so the
 * server never answers {@code SERVER_ERROR object too large for cache} and no connection drops.
 */
class ItemSizeTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final int MIB = 1 << 20;

  private static MemcachedServer standard;
  private static MemcachedServer twoMib;

  @BeforeAll
  static void startServers() {
    standard = MemcachedServer.start();
    twoMib = MemcachedServer.start("-I", "2m", "-m", "128");
  }

  @AfterAll
  static void stopServers() {
    standard.close();
    twoMib.close();
  }

  private static CacheTransport connect(
      MemcachedClient client, MemcachedServer server, int itemSizeMax) {
    MemcachedTransport.Builder builder =
        client.newBuilder().server(server.address()).operationTimeout(Duration.ofSeconds(2));
    if (itemSizeMax > 0) {
      builder.itemSizeMax(itemSizeMax);
    }
    return builder.build();
  }

  private static long connections(Map<String, String> stats) {
    return Long.parseLong(stats.get("total_connections"));
  }

  private static Throwable failure(CompletableFuture<Boolean> future) throws Exception {
    try {
      future.get(5, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected the write to be refused");
  }

  @ParameterizedTest
  @EnumSource(MemcachedClient.class)
  void aValueAtTheLimitIsStored_oneByteMoreIsRefusedBeforeItIsSent(MemcachedClient client)
      throws Exception {
    String key = TwoRuntimes.randomPrefix() + ":at-the-limit";
    int limit = MIB - ItemLimit.ITEM_OVERHEAD - key.length();
    byte[] atLimit = new byte[limit];
    Arrays.fill(atLimit, (byte) 'a');
    try (CacheTransport transport = connect(client, standard, 0)) {
      assertThat(transport.set(key, atLimit, MINUTE).get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(transport.get(key).join())
          .hasValueSatisfying(v -> assertThat(v).isEqualTo(atLimit));

      Map<String, String> before = standard.stats();
      byte[] over = Arrays.copyOf(atLimit, limit + 1);
      CacheTransport.CasValue cas = transport.gets(key).join().orElseThrow();
      for (CompletableFuture<Boolean> write :
          List.of(
              transport.set(key, over, MINUTE),
              transport.add(key.substring(0, key.length() - 1) + "X", over, MINUTE),
              transport.cas(key, cas.token(), over, MINUTE))) {
        assertThat(failure(write))
            .isInstanceOfSatisfying(
                ItemTooLargeException.class,
                e -> {
                  assertThat(e.valueBytes()).isEqualTo(limit + 1);
                  assertThat(e.maxValueBytes()).isEqualTo(limit);
                  assertThat(e.getMessage())
                      .contains("item_size_max 1048576 from the server's stats settings")
                      .contains("nothing was sent");
                });
      }
      // The connection is the same one, and it works at once.
      assertThat(transport.get(key).join()).hasValueSatisfying(v -> assertThat(v).hasSize(limit));
      Map<String, String> after = standard.stats();
      assertThat(after.get("cmd_set")).as("nothing was sent").isEqualTo(before.get("cmd_set"));
      assertThat(connections(after))
          .as("no reconnect: the only new connection is the one that read these stats")
          .isEqualTo(connections(before) + 1);
    }
  }

  @Test
  void theLimitIsTheServersOwn_oneByteMoreThanOursIsWhatTheServerRefuses() throws Exception {
    // Our arithmetic against the server's: send one byte over our limit by hand (text protocol).
    String key = TwoRuntimes.randomPrefix() + ":raw";
    int limit = MIB - ItemLimit.ITEM_OVERHEAD - key.length();
    assertThat(RawMemcached.set(standard, key, limit)).isEqualTo("STORED");
    assertThat(RawMemcached.set(standard, key, limit + 1))
        .isEqualTo("SERVER_ERROR object too large for cache");
  }

  @ParameterizedTest
  @EnumSource(MemcachedClient.class)
  void theItemSizeIsReadFromTheServer_aLargerOneStoresLargerValues(MemcachedClient client)
      throws Exception {
    String key = TwoRuntimes.randomPrefix() + ":two-mib";
    int limit = 2 * MIB - ItemLimit.ITEM_OVERHEAD - key.length();
    try (CacheTransport transport = connect(client, twoMib, 0)) {
      assertThat(transport.set(key, new byte[limit], MINUTE).get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(transport.get(key).join()).hasValueSatisfying(v -> assertThat(v).hasSize(limit));
      assertThat(failure(transport.set(key, new byte[limit + 1], MINUTE)))
          .isInstanceOf(ItemTooLargeException.class)
          .hasMessageContaining("item_size_max 2097152");
    }
  }

  @ParameterizedTest
  @EnumSource(MemcachedClient.class)
  void anItemSizeSetInTheBuilderIsTheOnlyOneThatApplies(MemcachedClient client) throws Exception {
    String key = TwoRuntimes.randomPrefix() + ":set";
    int limit = 256 * 1024 - ItemLimit.ITEM_OVERHEAD - key.length();
    try (CacheTransport transport = connect(client, standard, 256 * 1024)) {
      assertThat(transport.set(key, new byte[limit], MINUTE).get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(failure(transport.set(key, new byte[limit + 1], MINUTE)))
          .isInstanceOf(ItemTooLargeException.class)
          .hasMessageContaining("set by MemcachedTransport.Builder.itemSizeMax");
    }
  }

  @ParameterizedTest
  @EnumSource(MemcachedClient.class)
  void setIsFalseWheneverNothingWasStored_overTheItemSizeOrOverTheCodecsLimit(
      MemcachedClient client) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    String yaml = TwoRuntimes.yaml(TwoRuntimes.randomPrefix(), Phase.SPLIT, 100, "key");
    CodecRegistry<ItemV2> registry = TestFormats.newRegistry();
    try (CacheTransport transport = connect(client, standard, 0);
        Rollout rollout = Rollout.of(RolloutConfig.parse(yaml, "t.yaml"));
        VersionedCache<String, ItemV2> cache =
            VersionedCache.<String, ItemV2>newBuilder()
                .keyspace(TwoRuntimes.KEYSPACE)
                .runtime(TestFormats.NEW_RUNTIME)
                .registry(registry)
                .transport(transport)
                .rollout(rollout)
                .meterRegistry(meters)
                .build()) {
      // A payload under the codec's 1 MiB limit, but too large for an item with its key.
      ItemV2 nearlyOneMib = sized(registry, MIB - 20);
      assertThat(cache.set("k", TwoRuntimes.v2("k", 1, "small"))).isTrue();
      long connections = connections(standard.stats());
      assertThat(cache.set("k", nearlyOneMib)).isFalse();
      assertThat(cache.get("k")).as("the old value is not served").isEmpty();
      assertThat(transportFailures(meters, "too_large")).isEqualTo(1);
      assertThat(connections(standard.stats())).isEqualTo(connections + 1);

      // Over the codec's own limit: nothing is encoded, nothing stored, and set says so.
      ItemV2 overOneMib = sized(registry, MIB + 100);
      assertThat(cache.set("k", overOneMib)).isFalse();
      assertThat(cache.get("k")).isEmpty();
      assertThat(TwoRuntimes.count(meters, "encode_failure")).isEqualTo(1);
    }
  }

  /** A value whose payload in {@code registry} is about {@code bytes} long. */
  private static ItemV2 sized(CodecRegistry<ItemV2> registry, int bytes) {
    int overhead = registry.encode(TwoRuntimes.v2("k", 1, "")).length;
    ItemV2 value = TwoRuntimes.v2("k", 1, "x".repeat(bytes - overhead));
    assertThat(registry.encode(new ItemV2("k", 1, List.of("x"))).length).isPositive();
    return value;
  }

  private static double transportFailures(SimpleMeterRegistry meters, String kind) {
    return Search.in(meters)
        .name(CacheMetrics.TRANSPORT_FAILURES)
        .tag("kind", kind)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
