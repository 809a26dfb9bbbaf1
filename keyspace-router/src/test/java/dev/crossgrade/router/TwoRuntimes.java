package dev.crossgrade.router;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.router.TestFormats.ItemV1;
import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import dev.crossgrade.router.internal.cache.RealVersionedCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The old runtime (shop-v1, generation 1, test-old only) and the new runtime (shop-v2, generation
 * 2, test-new with a compatible test-old writer) sharing one store under a fresh prefix, each with
 * its own rollout, client and metrics, as two processes would. The store is a {@link Backend}, or
 * (for a transport module's tests, in this package on the class path) any store a function connects
 * to.
 */
final class TwoRuntimes implements AutoCloseable {
  static final String KEYSPACE = "items";
  static final int G1 = 1;
  static final int G2 = 2;

  final String label;
  final String prefix;
  final CacheTransport oldTransport;
  final CacheTransport newTransport;
  final Rollout oldRollout;
  final Rollout newRollout;
  final SimpleMeterRegistry oldMeters = new SimpleMeterRegistry();
  final SimpleMeterRegistry newMeters = new SimpleMeterRegistry();

  /** The runtimes' caches: the real ones, or {@link AsyncOnly} views after {@link #async()}. */
  VersionedCache<String, ItemV1> old;

  VersionedCache<String, ItemV2> neu;
  private boolean async;
  final KeyRouter router;
  private final CodecRegistry<ItemV2> reader = TestFormats.newRegistry();
  private final List<VersionedCache<?, ?>> extra = new CopyOnWriteArrayList<>();
  private final AtomicLong skew = new AtomicLong();

  private TwoRuntimes(
      String label,
      @Nullable Function<Duration, CacheTransport> connect,
      String yaml,
      Duration timeout,
      UnaryOperator<VersionedCache.Builder<String, ItemV2>> newCustomizer) {
    this.label = label;
    RolloutConfig config = RolloutConfig.parse(yaml, "test.yaml");
    this.prefix = config.prefix();
    this.router = KeyRouter.withPrefix(prefix);
    if (connect != null) {
      this.oldTransport = connect.apply(timeout);
      this.newTransport = connect.apply(timeout);
    } else {
      this.oldTransport = CacheTransport.embedded();
      this.newTransport = oldTransport;
    }
    this.oldRollout = Rollout.newBuilder().config(config).meterRegistry(oldMeters).build();
    this.newRollout = Rollout.newBuilder().config(config).meterRegistry(newMeters).build();
    this.old =
        VersionedCache.<String, ItemV1>newBuilder()
            .keyspace(KEYSPACE)
            .runtime(TestFormats.OLD_RUNTIME)
            .registry(TestFormats.oldRegistry())
            .transport(oldTransport)
            .rollout(oldRollout)
            .meterRegistry(oldMeters)
            .clock(this::now)
            .build();
    this.neu =
        newCustomizer
            .apply(
                VersionedCache.<String, ItemV2>newBuilder()
                    .keyspace(KEYSPACE)
                    .runtime(TestFormats.NEW_RUNTIME)
                    .registry(TestFormats.newRegistry())
                    .compatibleRegistry(TestFormats.compatibleRegistry())
                    .transport(newTransport)
                    .rollout(newRollout)
                    .meterRegistry(newMeters)
                    .clock(this::now))
            .build();
    refresh();
  }

  static TwoRuntimes on(Backend backend, Phase phase, int percent) {
    return new TwoRuntimes(
        label(backend),
        connector(backend, backend.servers()),
        yaml(randomPrefix(), phase, percent, "key"),
        Duration.ofMillis(500),
        b -> b);
  }

  /**
   * Both runtimes on a store that {@code connect} reaches with a new client per runtime, given the
   * operation timeout: how a transport module (Redis) runs the rollout tests on its own servers.
   */
  static TwoRuntimes over(
      String label, Function<Duration, CacheTransport> connect, Phase phase, Duration timeout) {
    String yaml =
        yaml(randomPrefix(), phase, 100, "key")
            .replace("timeout: 500ms", "timeout: " + timeout.toMillis() + "ms");
    return new TwoRuntimes(label, connect, yaml, timeout, b -> b);
  }

  /** As {@link #over(String, Function, Phase, Duration)}, with a writer percentage, 500 ms. */
  static TwoRuntimes over(
      String label, Function<Duration, CacheTransport> connect, Phase phase, int percent) {
    return new TwoRuntimes(
        label,
        connect,
        yaml(randomPrefix(), phase, percent, "key"),
        Duration.ofMillis(500),
        b -> b);
  }

  private static String label(Backend backend) {
    return backend.name().toLowerCase(Locale.ROOT);
  }

  private static @Nullable Function<Duration, CacheTransport> connector(
      Backend backend, List<MemcachedServer> servers) {
    return backend.real() ? timeout -> backend.connect(servers, timeout) : null;
  }

  static TwoRuntimes on(
      Backend backend,
      String yaml,
      Duration timeout,
      UnaryOperator<VersionedCache.Builder<String, ItemV2>> customizer) {
    return new TwoRuntimes(
        label(backend), connector(backend, backend.servers()), yaml, timeout, customizer);
  }

  /** Both runtimes on the given servers (a test's own, which it may kill or pause). */
  static TwoRuntimes onServers(
      Backend backend, List<MemcachedServer> servers, Phase phase, Duration timeout) {
    String yaml =
        yaml(randomPrefix(), phase, 100, "key")
            .replace("timeout: 500ms", "timeout: " + timeout.toMillis() + "ms");
    return new TwoRuntimes(label(backend), connector(backend, servers), yaml, timeout, b -> b);
  }

  static String randomPrefix() {
    return "t" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
  }

  static String yaml(String prefix, Phase phase, int percent, String stickiness) {
    return """
        version: 1
        prefix: %s
        capabilities: {ttl: 30s, refresh: 10s}
        leaseTtl: 5s
        transport: {timeout: 500ms}
        codecs:
          - {name: test-old, id: 0x80}
          - {name: test-new, id: 0x81}
        runtimes:
          - {name: shop-v1, generation: 1}
          - {name: shop-v2, generation: 2}
        keyspaces:
          - name: items
            from: shop-v1
            to: shop-v2
            phase: %s
            ttl: 10m
            writer: {codec: test-new, schemaVersion: 2, percent: %d, stickiness: %s}
        """
        .formatted(prefix, phase, percent, stickiness);
  }

  /** Another process of the new runtime, on {@code transport}, its record refreshed. */
  VersionedCache<String, ItemV2> newInstance(CacheTransport transport) {
    VersionedCache<String, ItemV2> cache =
        VersionedCache.<String, ItemV2>newBuilder()
            .keyspace(KEYSPACE)
            .runtime(TestFormats.NEW_RUNTIME)
            .registry(TestFormats.newRegistry())
            .compatibleRegistry(TestFormats.compatibleRegistry())
            .transport(transport)
            .rollout(newRollout)
            .meterRegistry(newMeters)
            .clock(this::now)
            .build();
    ((RealVersionedCache<?, ?>) cache).refreshCapabilities();
    extra.add(cache);
    return async ? new AsyncOnly<>(cache) : cache;
  }

  /** Another process of the old runtime, on {@code transport}, its record refreshed. */
  VersionedCache<String, ItemV1> oldInstance(CacheTransport transport) {
    VersionedCache<String, ItemV1> cache =
        VersionedCache.<String, ItemV1>newBuilder()
            .keyspace(KEYSPACE)
            .runtime(TestFormats.OLD_RUNTIME)
            .registry(TestFormats.oldRegistry())
            .transport(transport)
            .rollout(oldRollout)
            .meterRegistry(oldMeters)
            .clock(this::now)
            .build();
    ((RealVersionedCache<?, ?>) cache).refreshCapabilities();
    extra.add(cache);
    return async ? new AsyncOnly<>(cache) : cache;
  }

  /** Deletes the entry of {@code key} in {@code generation}, as an eviction would. */
  void evict(int generation, String key) {
    oldTransport.delete(physical(generation, key)).join();
  }

  /** Both runtimes' clock: real time, moved on by {@link #advance}. */
  long now() {
    return System.nanoTime() + skew.get();
  }

  /** Moves both runtimes' clock on, as if {@code by} had passed. */
  void advance(Duration by) {
    skew.addAndGet(by.toNanos());
  }

  /** Moves both runtimes to {@code phase}. */
  void phase(Phase phase) {
    oldRollout.setPhase(KEYSPACE, phase);
    newRollout.setPhase(KEYSPACE, phase);
  }

  void percent(int percent) {
    oldRollout.setWriterPercent(KEYSPACE, percent);
    newRollout.setWriterPercent(KEYSPACE, percent);
  }

  /**
   * From now on every call of {@link #old}, {@link #neu} and the instances made after this goes
   * through the asynchronous API ({@link AsyncOnly}): for a contract run on the async API.
   */
  TwoRuntimes async() {
    if (!async) {
      async = true;
      old = new AsyncOnly<>(old);
      neu = new AsyncOnly<>(neu);
    }
    return this;
  }

  /** The cache under {@code cache}'s {@link AsyncOnly} view, if it has one. */
  static RealVersionedCache<?, ?> real(VersionedCache<?, ?> cache) {
    return (RealVersionedCache<?, ?>)
        (cache instanceof AsyncOnly<?, ?> view ? view.delegate : cache);
  }

  /** Republishes and rereads both runtimes' capability records now. */
  void refresh() {
    real(old).refreshCapabilities();
    real(neu).refreshCapabilities();
    real(old).refreshCapabilities();
  }

  String physical(int generation, String key) {
    return router.physicalKey(KEYSPACE, generation, key);
  }

  byte @Nullable [] raw(int generation, String key) {
    // A client reconnecting after a server restart cancels calls for a moment: retry.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      try {
        Optional<byte[]> value = oldTransport.get(physical(generation, key)).join();
        return value.orElse(null);
      } catch (java.util.concurrent.CompletionException
          | java.util.concurrent.CancellationException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        MemcachedServer.sleep(50);
      }
    }
  }

  void rawSet(int generation, String key, byte[] bytes) {
    oldTransport.set(physical(generation, key), bytes, Duration.ofMinutes(5)).join();
  }

  /** The codec name of the entry in {@code generation}, or null when there is none. */
  @Nullable String formatAt(int generation, String key) {
    byte[] bytes = raw(generation, key);
    if (bytes == null) {
      return null;
    }
    try {
      int id = PayloadHeader.read(bytes).codecId();
      return id == TestFormats.OLD.id()
          ? "test-old"
          : id == TestFormats.NEW.id() ? "test-new" : "0x" + Integer.toHexString(id);
    } catch (RuntimeException e) {
      return "unreadable";
    }
  }

  /** The new runtime's reading of the entry in {@code generation}. */
  @Nullable ItemV2 decodedAt(int generation, String key) {
    byte[] bytes = raw(generation, key);
    return bytes == null ? null : reader.decode(bytes);
  }

  static double count(MeterRegistry registry, String outcome) {
    return Search.in(registry)
        .name(CacheMetrics.REQUESTS)
        .tag("outcome", outcome)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  static double count(MeterRegistry registry, String outcome, String reason) {
    return Search.in(registry)
        .name(CacheMetrics.REQUESTS)
        .tag("outcome", outcome)
        .tag("reason", reason)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  static ItemV1 v1(String id, long version, String text) {
    return new ItemV1(id, version, text);
  }

  static ItemV2 v2(String id, long version, String... words) {
    return new ItemV2(id, version, List.of(words));
  }

  @Override
  public void close() {
    extra.forEach(VersionedCache::close);
    old.close();
    neu.close();
    oldRollout.close();
    newRollout.close();
    oldTransport.close();
    if (newTransport != oldTransport) {
      newTransport.close();
    }
  }

  @Override
  public String toString() {
    return label + "/" + prefix;
  }
}
