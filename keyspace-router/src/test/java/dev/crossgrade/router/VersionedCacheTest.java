package dev.crossgrade.router;

import static dev.crossgrade.router.TwoRuntimes.G2;
import static dev.crossgrade.router.TwoRuntimes.count;
import static dev.crossgrade.router.TwoRuntimes.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The facade's settings, its behaviour when the store is gone, and caller-bucket stickiness. */
class VersionedCacheTest {

  private static RolloutConfig config(Phase phase, int percent, String stickiness) {
    return RolloutConfig.parse(
        TwoRuntimes.yaml(TwoRuntimes.randomPrefix(), phase, percent, stickiness), "t.yaml");
  }

  private static VersionedCache.Builder<String, ItemV2> newRuntime(
      Rollout rollout, CacheTransport transport) {
    return VersionedCache.<String, ItemV2>newBuilder()
        .keyspace(TwoRuntimes.KEYSPACE)
        .runtime(TestFormats.NEW_RUNTIME)
        .registry(TestFormats.newRegistry())
        .compatibleRegistry(TestFormats.compatibleRegistry())
        .transport(transport)
        .rollout(rollout)
        .meterRegistry(new SimpleMeterRegistry());
  }

  @Test
  void theBuilderNamesWhatIsMissingOrWrong() {
    try (Rollout rollout = Rollout.of(config(Phase.SPLIT, 0, "key"));
        CacheTransport transport = CacheTransport.embedded()) {
      assertThatThrownBy(
              () -> VersionedCache.<String, ItemV2>newBuilder().keyspace("items").build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("missing runtime registry transport rollout");
      assertThatThrownBy(() -> VersionedCache.newBuilder().keyspace("items").keyspace("x"))
          .hasMessageContaining("keyspace was already set");
      assertThatThrownBy(() -> VersionedCache.newBuilder().keyspace("bad key"))
          .hasMessageContaining("keyspace must be");
      assertThatThrownBy(
              () ->
                  VersionedCache.<String, ItemV2>newBuilder()
                      .keyspace("orders")
                      .runtime(TestFormats.NEW_RUNTIME)
                      .registry(TestFormats.newRegistry())
                      .transport(transport)
                      .rollout(rollout)
                      .build())
          .hasMessageContaining("keyspace 'orders' is not in the rollout config");
      assertThatThrownBy(
              () ->
                  VersionedCache.<String, ItemV2>newBuilder()
                      .keyspace("items")
                      .runtime("shop-v9")
                      .registry(TestFormats.newRegistry())
                      .transport(transport)
                      .rollout(rollout)
                      .build())
          .hasMessageContaining("neither 'from' (shop-v1) nor 'to' (shop-v2)");
      CodecRegistry<String> strings =
          CodecRegistry.newBuilder(String.class).writer(new StringCodec()).build();
      assertThatThrownBy(
              () ->
                  VersionedCache.<String, Object>newBuilder()
                      .registry(erased(TestFormats.newRegistry()))
                      .compatibleRegistry(erased(strings))
                      .keyspace("items")
                      .runtime(TestFormats.NEW_RUNTIME)
                      .transport(transport)
                      .rollout(rollout)
                      .build())
          .hasMessageContaining("compatibleRegistry is for java.lang.String");
    }
  }

  @SuppressWarnings("unchecked") // Only to hand the builder two registries of different types.
  private static CodecRegistry<Object> erased(CodecRegistry<?> registry) {
    return (CodecRegistry<Object>) registry;
  }

  @Test
  void aStoreThatIsGoneIsMissesAndLoads_neverExceptions() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    CacheTransport transport = CacheTransport.embedded();
    try (Rollout rollout = Rollout.of(config(Phase.DUAL_WRITE, 100, "key"));
        VersionedCache<String, ItemV2> cache =
            VersionedCache.<String, ItemV2>newBuilder()
                .keyspace(TwoRuntimes.KEYSPACE)
                .runtime(TestFormats.NEW_RUNTIME)
                .registry(TestFormats.newRegistry())
                .compatibleRegistry(TestFormats.compatibleRegistry())
                .transport(transport)
                .rollout(rollout)
                .meterRegistry(meters)
                .build()) {
      assertThat(cache.set("k", v2("k", 1, "a"))).isTrue();
      transport.close();

      assertThat(cache.get("k")).isEmpty();
      assertThat(cache.getAll(List.of("k", "j"))).isEmpty();
      assertThat(cache.set("k", v2("k", 2, "b"))).isFalse();
      assertThat(cache.delete("k")).isFalse();
      AtomicInteger loads = new AtomicInteger();
      assertThat(
              cache.getOrLoad(
                  "k",
                  k -> {
                    loads.incrementAndGet();
                    return v2(k, 3, "c");
                  }))
          .isEqualTo(v2("k", 3, "c"));
      assertThat(cache.getOrLoad("k", k -> null)).isNull();
      assertThat(loads).hasValue(1);
      assertThat(meters.get(CacheMetrics.TRANSPORT_FAILURES).counters()).isNotEmpty();
      assertThat(count(meters, CacheMetrics.MISS, "pending-invalidation")).isPositive();
      assertThat(meters.get(CacheMetrics.LATENCY).tag("op", "get").timer().count()).isEqualTo(1);
    }
  }

  @Test
  void bucketStickinessFollowsTheCallersBucket() {
    try (Rollout rollout = Rollout.of(config(Phase.SPLIT, 50, "bucket"));
        CacheTransport transport = CacheTransport.embedded();
        VersionedCache<String, ItemV2> cache =
            newRuntime(rollout, transport)
                .bucketFunction(key -> key.startsWith("tenantA/") ? 10 : 90)
                .build()) {
      KeyRouter router = KeyRouter.withPrefix(rollout.config().prefix());
      Set<String> formats = new HashSet<>();
      for (int i = 0; i < 20; i++) {
        cache.set("tenantA/" + i, v2("a" + i, 1, "x"));
        cache.set("tenantB/" + i, v2("b" + i, 1, "x"));
        formats.add("A:" + codecAt(transport, router, "tenantA/" + i));
        formats.add("B:" + codecAt(transport, router, "tenantB/" + i));
      }
      assertThat(formats).containsExactlyInAnyOrder("A:129", "B:128");
    }
  }

  private static int codecAt(CacheTransport transport, KeyRouter router, String key) {
    byte[] bytes =
        transport.get(router.physicalKey(TwoRuntimes.KEYSPACE, G2, key)).join().orElseThrow();
    return dev.crossgrade.codec.PayloadHeader.read(bytes).codecId();
  }

  @Test
  void statusDescribesThePhase() {
    try (Rollout rollout = Rollout.of(config(Phase.DUAL_WRITE, 30, "key"));
        CacheTransport transport = CacheTransport.embedded();
        VersionedCache<String, ItemV2> cache = newRuntime(rollout, transport).build()) {
      VersionedCache.Status status = cache.status();
      assertThat(status.phase()).isEqualTo(Phase.DUAL_WRITE);
      assertThat(status.readGeneration()).isEqualTo(2);
      assertThat(status.writeGenerations()).containsExactly(1, 2);
      assertThat(status.liveGenerations()).containsExactly(1, 2);
      assertThat(status.writerPercent()).isEqualTo(30);
      assertThat(status.writerFormats().get(2))
          .isEqualTo(
              "rolled-out keys: test-new@v2, other keys: test-old@v1 where it reads back"
                  + " exactly, else test-new@v2");
      assertThat(status.writerFormats().get(1))
          .isEqualTo("rolled-out keys: test-old@v1, other keys: test-old@v1");
      assertThat(status.otherRuntimeLive()).isFalse();

      rollout.setPhase(TwoRuntimes.KEYSPACE, Phase.UNIFIED);
      assertThat(cache.status().writeGenerations()).containsExactly(2);
      assertThat(cache.status().liveGenerations()).containsExactly(1, 2);
    }
  }

  @Test
  void aSlowStoreIsBoundedByTheTimeout() {
    // A store that never answers: every operation is a miss once the configured timeout passes.
    HookedTransport silent = new HookedTransport(CacheTransport.embedded());
    String yaml =
        TwoRuntimes.yaml(TwoRuntimes.randomPrefix(), Phase.SPLIT, 100, "key")
            .replace("timeout: 500ms", "timeout: 50ms");
    try (Rollout rollout = Rollout.of(RolloutConfig.parse(yaml, "t.yaml"));
        VersionedCache<String, ItemV2> cache = newRuntime(rollout, silent).build()) {
      cache.set("k", v2("k", 0, "cached"));
      silent.stall();
      assertThat(cache.get("k")).isEmpty();
      assertThat(cache.delete("k")).isFalse();
      assertThat(cache.getOrLoad("k", k -> v2(k, 1, "loaded"))).isEqualTo(v2("k", 1, "loaded"));
    }
  }

  /** A codec of another value type, to give the builder mismatched registries. */
  private static final class StringCodec implements dev.crossgrade.codec.Codec<String> {
    @Override
    public dev.crossgrade.codec.CodecDescriptor descriptor() {
      return dev.crossgrade.codec.CodecDescriptor.of(0x90, "test-string", "test-string", 1);
    }

    @Override
    public Class<String> valueType() {
      return String.class;
    }

    @Override
    public void encode(
        String value, dev.crossgrade.codec.PayloadBuffer out, dev.crossgrade.codec.Limits limits) {
      byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
    }

    @Override
    public String decode(byte[] bytes, int offset, int length, dev.crossgrade.codec.Limits limits) {
      return new String(bytes, offset, length, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
