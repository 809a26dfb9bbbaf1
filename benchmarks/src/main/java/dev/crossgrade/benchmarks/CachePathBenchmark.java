package dev.crossgrade.benchmarks;

import dev.crossgrade.benchmarks.MediaPojos.MediaContent;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.KeyRouter;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import dev.crossgrade.transport.memcached.MemcachedTransport;
import dev.crossgrade.transport.spymemcached.SpymemcachedTransport;
import dev.crossgrade.transport.xmemcached.XmemcachedTransport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cache path against a real memcached on loopback, started by the benchmark: {@link
 * VersionedCache} get and set of a MediaContent (Kryo 5, about 370 bytes) against the raw client's
 * get and set of the same payload bytes under the same physical keys, from several threads, for
 * each memcached client ({@link #client}): spymemcached and xmemcached, each raw client with the
 * connection settings our adapter uses. The raw client does no routing, no envelope, no decode and
 * no metrics.
 *
 * <p>{@code media} is a keyspace with one runtime, so a set writes one key; {@code rollout} is a
 * keyspace between two runtimes in {@code SPLIT}, where a set also invalidates the other
 * generation's key ({@link #setDuringRollout}), and {@code dual} one in {@code DUAL_WRITE}, where a
 * set writes both generations ({@link #setDualWrite}): each sent as one batch, one round trip. The
 * asynchronous rows compare {@link VersionedCache#getAsync} with the client's own asynchronous get
 * (spymemcached's {@code asyncGet}; xmemcached has none, so its raw get); {@link
 * #getVersionedNoMeters} shows what metrics cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(4)
// spymemcached logs every connection through its own stderr logger unless told to use SLF4J.
@Fork(jvmArgsAppend = "-Dnet.spy.log.LoggerImpl=net.spy.memcached.compat.log.SLF4JLogger")
public class CachePathBenchmark {
  /** Distinct keys each benchmark cycles through. */
  static final int KEYS = 512;

  static final String YAML =
      """
      version: 1
      prefix: bench
      transport: {timeout: 1s}
      runtimes:
        - {name: app-v1, generation: 1}
        - {name: app-v2, generation: 2}
      keyspaces:
        - name: media
          to: app-v2
          phase: UNIFIED
          ttl: 10m
        - name: rollout
          from: app-v1
          to: app-v2
          phase: SPLIT
          ttl: 10m
        - name: dual
          from: app-v1
          to: app-v2
          phase: DUAL_WRITE
          ttl: 10m
      """;

  private static final int TTL_SECONDS = 600;
  private static final Duration TTL = Duration.ofSeconds(TTL_SECONDS);
  private static final int MAX_VALUE = 1 << 20;

  /** The memcached client under both paths: {@code spymemcached} or {@code xmemcached}. */
  @Param({"spymemcached", "xmemcached"})
  public String client = "spymemcached";

  private final String[] logical = new String[KEYS];
  private final String[] physical = new String[KEYS];
  private MediaContent value = new MediaContent();
  private byte[] payload = new byte[0];
  private MemcachedProcess server;
  private RawMemcached raw;
  private CacheTransport transport;
  private Rollout rollout;
  private VersionedCache<String, MediaContent> cache;
  private VersionedCache<String, MediaContent> rolloutCache;
  private VersionedCache<String, MediaContent> dualCache;
  private VersionedCache<String, MediaContent> unmetered;

  /** Starts memcached, both clients and the caches, and fills every key through the cache. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = MemcachedProcess.start();
    RolloutConfig config = RolloutConfig.parse(YAML, "cache-path-benchmark.yaml");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    rollout = Rollout.newBuilder().config(config).meterRegistry(meters).build();
    MemcachedTransport.Builder builder =
        client.equals(SpymemcachedTransport.CLIENT)
            ? SpymemcachedTransport.newBuilder()
            : XmemcachedTransport.newBuilder();
    transport = builder.server(server.address()).operationTimeout(Duration.ofSeconds(1)).build();
    CodecRegistry<MediaContent> registry = new KryoSubject(Shape.MEDIA).registry;
    cache = newCache("media", registry, null, transport, rollout, meters);
    rolloutCache = newCache("rollout", registry, null, transport, rollout, meters);
    // A rollout whose two runtimes read the same format (a JDK upgrade, say): the new runtime's
    // compatible registry is its own, so DUAL_WRITE writes that format to both generations.
    dualCache = newCache("dual", registry, registry, transport, rollout, meters);
    unmetered = newCache("media", registry, null, transport, rollout, null);
    raw = RawMemcached.connect(client, server.address(), MAX_VALUE);
    value = MediaPojos.of(Shape.MEDIA);
    payload = registry.encode(value);
    KeyRouter router = KeyRouter.withPrefix(config.prefix());
    for (int i = 0; i < KEYS; i++) {
      logical[i] = String.format(Locale.ROOT, "media:%06d", i);
      physical[i] = router.physicalKey("media", 2, logical[i]);
      if (!cache.set(logical[i], value)
          || !rolloutCache.set(logical[i], value)
          || !dualCache.set(logical[i], value)) {
        throw new IllegalStateException("memcached did not confirm the set of " + logical[i]);
      }
    }
    check();
  }

  /**
   * The new runtime's cache of {@code keyspace} (of {@link #YAML}), also for the Lettuce benchmark:
   * with a compatible registry if given, and without a meter registry if none.
   */
  static VersionedCache<String, MediaContent> newCache(
      String keyspace,
      CodecRegistry<MediaContent> registry,
      @Nullable CodecRegistry<MediaContent> compatible,
      CacheTransport transport,
      Rollout rollout,
      @Nullable SimpleMeterRegistry meters) {
    VersionedCache.Builder<String, MediaContent> builder =
        VersionedCache.<String, MediaContent>newBuilder()
            .keyspace(keyspace)
            .runtime("app-v2")
            .registry(registry)
            .transport(transport)
            .rollout(rollout);
    if (compatible != null) {
      builder.compatibleRegistry(compatible);
    }
    if (meters != null) {
      builder.meterRegistry(meters);
    }
    return builder.build();
  }

  /** Both paths hit, and the cache stored exactly the payload the raw client reads and writes. */
  private void check() {
    for (int i = 0; i < KEYS; i += 97) {
      byte[] stored = raw.get(physical[i]);
      if (!Arrays.equals(stored, payload)) {
        throw new IllegalStateException(
            "the raw client does not read the cache's payload under " + physical[i]);
      }
      Optional<MediaContent> hit = cache.get(logical[i]);
      if (!hit.equals(Optional.of(value))) {
        throw new IllegalStateException("the cache missed " + logical[i] + " after a set");
      }
    }
  }

  /** Stops the caches, the clients and memcached. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      cache.close();
      rolloutCache.close();
      dualCache.close();
      unmetered.close();
      rollout.close();
      transport.close();
      raw.close();
    } finally {
      server.close();
    }
  }

  /** The cache reads, checks and decodes a value. */
  @Benchmark
  public Optional<MediaContent> getVersioned(KeyCursor cursor) {
    return cache.get(logical[cursor.next()]);
  }

  /** The raw client reads the payload bytes. */
  @Benchmark
  public byte[] getRaw(KeyCursor cursor) {
    return raw.get(physical[cursor.next()]);
  }

  /** The cache encodes and writes a value to its keyspace's one generation. */
  @Benchmark
  public boolean setVersioned(KeyCursor cursor) {
    return cache.set(logical[cursor.next()], value);
  }

  /** The raw client writes the payload bytes and waits for the reply. */
  @Benchmark
  public boolean setRaw(KeyCursor cursor) {
    return raw.set(physical[cursor.next()], TTL_SECONDS, payload);
  }

  /** The cache's asynchronous get, waited for. */
  @Benchmark
  public Optional<MediaContent> getAsyncVersioned(KeyCursor cursor) {
    return cache.getAsync(logical[cursor.next()]).join();
  }

  /** The raw client's own asynchronous get, waited for (xmemcached has none: its get). */
  @Benchmark
  public byte[] getAsyncRaw(KeyCursor cursor) {
    return raw.getAsync(physical[cursor.next()]);
  }

  /** The cache's asynchronous set, waited for. */
  @Benchmark
  public boolean setAsyncVersioned(KeyCursor cursor) {
    return cache.setAsync(logical[cursor.next()], value).join();
  }

  /** The cache without a meter registry: what metrics cost on a get. */
  @Benchmark
  public Optional<MediaContent> getVersionedNoMeters(KeyCursor cursor) {
    return unmetered.get(logical[cursor.next()]);
  }

  /** The cache writes a value in {@code DUAL_WRITE}: both generations, one batch. */
  @Benchmark
  public boolean setDualWrite(KeyCursor cursor) {
    return dualCache.set(logical[cursor.next()], value);
  }

  /**
   * Our adapter of the client alone ({@link CacheTransport}, no cache, no decode): where the
   * cache's cost over the raw client goes.
   */
  @Benchmark
  public Optional<byte[]> getTransport(KeyCursor cursor) throws Exception {
    return transport.get(physical[cursor.next()]).get(1, TimeUnit.SECONDS);
  }

  /** Our adapter alone writes the payload bytes and waits for the reply. */
  @Benchmark
  public Boolean setTransport(KeyCursor cursor) throws Exception {
    return transport.set(physical[cursor.next()], payload, TTL).get(1, TimeUnit.SECONDS);
  }

  /** The cache writes a value in {@code SPLIT}: set in its generation, delete in the other. */
  @Benchmark
  public boolean setDuringRollout(KeyCursor cursor) {
    return rolloutCache.set(logical[cursor.next()], value);
  }
}
