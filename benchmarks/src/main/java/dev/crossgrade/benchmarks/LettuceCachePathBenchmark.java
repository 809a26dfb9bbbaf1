package dev.crossgrade.benchmarks;

import dev.crossgrade.benchmarks.MediaPojos.MediaContent;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.KeyRouter;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import dev.crossgrade.transport.lettuce.LettuceTransport;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link CachePathBenchmark}'s rows on Redis: {@link VersionedCache} get and set of the same
 * MediaContent (Kryo 5) through the Lettuce transport, against the raw Lettuce client's synchronous
 * GET and SET PX of the same payload bytes under the same Redis keys, on a redis-server of the
 * benchmark's own on loopback ({@code --save '' --appendonly no}), 4 threads sharing one connection
 * each side. The raw client does no routing, no envelope, no decode and no metrics.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(4)
@Fork(1)
public class LettuceCachePathBenchmark {
  static final int KEYS = CachePathBenchmark.KEYS;

  private final String[] logical = new String[KEYS];
  private final String[] redisKeys = new String[KEYS];
  private MediaContent value = new MediaContent();
  private byte[] payload = new byte[0];
  private Process server;
  private Path dir;
  private RedisClient rawClient;
  private VersionedCache<String, MediaContent> rolloutCache;
  private VersionedCache<String, MediaContent> dualCache;
  private StatefulRedisConnection<String, byte[]> raw;
  private CacheTransport transport;
  private Rollout rollout;
  private VersionedCache<String, MediaContent> cache;

  /** Starts redis-server, both clients and the cache, and fills every key through the cache. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    dir = Files.createTempDirectory("crossgrade-bench-redis-");
    server =
        new ProcessBuilder(
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    awaitListening(port);
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
    RolloutConfig config =
        RolloutConfig.parse(CachePathBenchmark.YAML, "lettuce-cache-path-benchmark.yaml");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    rollout = Rollout.newBuilder().config(config).meterRegistry(meters).build();
    transport =
        LettuceTransport.newBuilder()
            .server(address)
            .operationTimeout(Duration.ofSeconds(1))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    CodecRegistry<MediaContent> registry = new KryoSubject(Shape.MEDIA).registry;
    cache = CachePathBenchmark.newCache("media", registry, null, transport, rollout, meters);
    rolloutCache =
        CachePathBenchmark.newCache("rollout", registry, null, transport, rollout, meters);
    // Two runtimes reading the same format: DUAL_WRITE writes it to both generations.
    dualCache = CachePathBenchmark.newCache("dual", registry, registry, transport, rollout, meters);
    rawClient = RedisClient.create(RedisURI.create("127.0.0.1", port));
    raw = rawClient.connect(RedisCodec.of(StringCodec.ASCII, ByteArrayCodec.INSTANCE));
    value = MediaPojos.of(Shape.MEDIA);
    payload = registry.encode(value);
    KeyRouter router = KeyRouter.withPrefix(config.prefix());
    for (int i = 0; i < KEYS; i++) {
      logical[i] = String.format(Locale.ROOT, "media:%06d", i);
      String physical = router.physicalKey("media", 2, logical[i]);
      if (!cache.set(logical[i], value)
          || !rolloutCache.set(logical[i], value)
          || !dualCache.set(logical[i], value)) {
        throw new IllegalStateException("redis did not confirm the set of " + logical[i]);
      }
      redisKeys[i] = redisKeyOf(physical);
    }
  }

  /** The Redis key the transport stored {@code physical} under: the one key ending with it. */
  private String redisKeyOf(String physical) {
    List<String> found = raw.sync().keys("{*}" + physical);
    if (found.size() != 1 || !Arrays.equals(raw.sync().get(found.get(0)), payload)) {
      throw new IllegalStateException("the raw client does not read the payload of " + physical);
    }
    return found.get(0);
  }

  private static void awaitListening(int port) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        return;
      } catch (IOException e) {
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", interrupted);
        }
      }
    }
    throw new IOException("redis-server did not listen on port " + port + " within 10 s");
  }

  /** Stops the cache, the clients and redis-server. */
  @TearDown(Level.Trial)
  public void tearDown() {
    try {
      cache.close();
      rolloutCache.close();
      dualCache.close();
      rollout.close();
      transport.close();
      raw.close();
      rawClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    } finally {
      server.destroyForcibly();
      try {
        server.waitFor(10, TimeUnit.SECONDS);
        Files.walk(dir)
            .sorted(java.util.Comparator.reverseOrder())
            .forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
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
    return raw.sync().get(redisKeys[cursor.next()]);
  }

  /** The cache encodes and writes a value to its keyspace's one generation. */
  @Benchmark
  public boolean setVersioned(KeyCursor cursor) {
    return cache.set(logical[cursor.next()], value);
  }

  /** The cache writes a value in {@code SPLIT}: its generation and the other's invalidation. */
  @Benchmark
  public boolean setDuringRollout(KeyCursor cursor) {
    return rolloutCache.set(logical[cursor.next()], value);
  }

  /** The cache writes a value in {@code DUAL_WRITE}: both generations, one batch. */
  @Benchmark
  public boolean setDualWrite(KeyCursor cursor) {
    return dualCache.set(logical[cursor.next()], value);
  }

  /** The cache's asynchronous get, waited for. */
  @Benchmark
  public Optional<MediaContent> getAsyncVersioned(KeyCursor cursor) {
    return cache.getAsync(logical[cursor.next()]).join();
  }

  /** The raw client's own asynchronous get, waited for. */
  @Benchmark
  public byte[] getAsyncRaw(KeyCursor cursor) {
    return raw.async().get(redisKeys[cursor.next()]).toCompletableFuture().join();
  }

  /** The cache's asynchronous set, waited for. */
  @Benchmark
  public boolean setAsyncVersioned(KeyCursor cursor) {
    return cache.setAsync(logical[cursor.next()], value).join();
  }

  /** The raw client writes the payload bytes with the same expiry and waits for the reply. */
  @Benchmark
  public String setRaw(KeyCursor cursor) {
    return raw.sync()
        .set(redisKeys[cursor.next()], payload, io.lettuce.core.SetArgs.Builder.px(600_000));
  }
}
