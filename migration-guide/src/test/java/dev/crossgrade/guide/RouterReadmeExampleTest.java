package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.guide.Carts.CartV2;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.KeyRouter;
import dev.crossgrade.router.Phase;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example in keyspace-router/README.md: it runs here, and {@link ReadmeExampleTest} checks that
 * the README shows it.
 */
class RouterReadmeExampleTest {
  @TempDir Path dir;

  /** The application's source of truth. */
  static final class Database {
    final Map<String, CartV2> rows = new ConcurrentHashMap<>();

    CartV2 load(String id) {
      return rows.computeIfAbsent(id, key -> new CartV2(key, List.of("tea"), BigDecimal.ONE));
    }

    void save(CartV2 cart) {
      rows.put(cart.id, cart);
    }
  }

  @Test
  void theRouterReadmeExampleRuns_withTheTransportTheConfigNames() throws IOException {
    // The playbook's second config, with the embedded store as its transport.
    Path rolloutYaml = dir.resolve("rollout.yaml");
    Files.writeString(
        rolloutYaml,
        Files.readString(
                RolloutWalkthroughTest.FILES.resolve("2-read-fallback.yaml"),
                StandardCharsets.UTF_8)
            .replaceFirst("transport: \\{[^}]*}", "transport: {client: embedded}"),
        StandardCharsets.UTF_8);
    CodecRegistry<CartV2> readsEverythingWritesNewest = Carts.newRegistry();
    CodecRegistry<CartV2> writesWhatV1Reads = Carts.compatibleRegistry();
    MeterRegistry meters = new SimpleMeterRegistry();
    Database database = new Database();
    CartV2 changed = new CartV2("42", List.of("tea", "milk"), new BigDecimal("3.20"));

    // tag::use[]
    Rollout rollout = Rollout.newBuilder().watch(rolloutYaml).build(); // polls the file
    CacheTransport memcached = CacheTransport.fromConfig(rollout.config().transport());

    // In the new runtime (the old one does the same with its own registry and runtime name):
    VersionedCache<String, CartV2> carts =
        VersionedCache.<String, CartV2>newBuilder()
            .keyspace("carts")
            .runtime("shop-v2")
            .registry(readsEverythingWritesNewest) // writes kryo5@v2, reads v1 too
            .compatibleRegistry(writesWhatV1Reads) // optional: writes what the old runtime reads
            .transport(memcached)
            .rollout(rollout)
            .meterRegistry(meters)
            .build();

    CartV2 cart = carts.getOrLoad("42", id -> database.load(id));
    database.save(changed);
    carts.set("42", changed); // or carts.delete("42")
    // end::use[]
    try {
      assertThat(memcached.name()).isEqualTo("embedded");
      assertThat(cart).isEqualTo(new CartV2("42", List.of("tea"), BigDecimal.ONE));
      assertThat(carts.get("42")).contains(changed);
      assertThat(carts.status().phase()).isEqualTo(Phase.READ_FALLBACK);
    } finally {
      carts.close();
      rollout.close();
      memcached.close();
    }
  }

  /** A request-scoped context, as a web framework keeps one: the cohort of the request's user. */
  record RequestContext(String cohort) {
    static final ThreadLocal<RequestContext> CURRENT =
        ThreadLocal.withInitial(() -> new RequestContext("users"));

    static RequestContext current() {
      return CURRENT.get();
    }
  }

  @Test
  void theCohortExampleRuns_devAndEmployeesWriteTheNewFormatFirst() throws IOException {
    Path rolloutYaml = dir.resolve("rollout.yaml");
    Files.writeString(
        rolloutYaml,
        Files.readString(
                RolloutWalkthroughTest.FILES.resolve("2-read-fallback.yaml"),
                StandardCharsets.UTF_8)
            .replaceFirst("transport: \\{[^}]*}", "transport: {client: embedded}")
            .replace(
                "writer: {codec: kryo5, schemaVersion: 2, percent: 10, stickiness: key}",
                "writer: {codec: kryo5, schemaVersion: 2, cohorts: [dev, employees], percent: 1}"),
        StandardCharsets.UTF_8);
    try (Rollout rollout = Rollout.newBuilder().watch(rolloutYaml).build();
        CacheTransport memcached = CacheTransport.embedded()) {
      // tag::cohorts[]
      VersionedCache<String, CartV2> carts =
          VersionedCache.<String, CartV2>newBuilder()
              .keyspace("carts")
              .runtime("shop-v2")
              .registry(Carts.newRegistry())
              .compatibleRegistry(Carts.compatibleRegistry())
              .transport(memcached)
              .rollout(rollout)
              .cohorts(
                  Set.of("dev", "employees", "users"), key -> RequestContext.current().cohort())
              .build();
      // end::cohorts[]
      try (carts) {
        KeyRouter keys = KeyRouter.withPrefix(rollout.config().prefix());
        CartV2 cart = new CartV2("7", List.of("tea"), BigDecimal.ONE);
        RequestContext.CURRENT.set(new RequestContext("dev"));
        assertThat(carts.set("7", cart)).isTrue();
        RequestContext.CURRENT.set(new RequestContext("users"));
        int usersInKryo = 0;
        for (int i = 0; i < 20; i++) {
          assertThat(carts.set("u" + i, cart)).isTrue();
          usersInKryo += codecAt(memcached, keys.physicalKey("carts", 2, "u" + i)) == KRYO ? 1 : 0;
          assertThat(carts.get("u" + i)).contains(cart);
        }
        assertThat(codecAt(memcached, keys.physicalKey("carts", 2, "7"))).isEqualTo(KRYO);
        assertThat(usersInKryo).as("users at 1 %").isLessThan(20);
        assertThat(carts.status().writerCohorts()).containsExactly("dev", "employees");
        assertThat(carts.get("7")).contains(cart);
      } finally {
        RequestContext.CURRENT.remove();
      }
    }
  }

  private static final int KRYO = Carts.newRegistry().writerCodec().id();

  private static int codecAt(CacheTransport store, String physical) {
    return PayloadHeader.read(store.get(physical).join().orElseThrow()).codecId();
  }

  @Test
  void theAsyncExampleRuns_withAnAsyncLoaderAndAPerCallTtl() throws Exception {
    Database database = new Database();
    CartV2 changed = new CartV2("43", List.of("milk"), new BigDecimal("1.10"));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Rollout rollout = Rollout.of(RolloutConfig.parse(embeddedConfig(), "rollout.yaml"));
        CacheTransport memcached = CacheTransport.embedded();
        VersionedCache<String, CartV2> carts =
            VersionedCache.<String, CartV2>newBuilder()
                .keyspace("carts")
                .runtime("shop-v2")
                .registry(Carts.newRegistry())
                .transport(memcached)
                .rollout(rollout)
                .build()) {
      // tag::async[]
      // Futures complete on the transport's I/O thread (or the builder's executor), never failed
      // by the cache; a blocking loader belongs on an executor of its own.
      CompletableFuture<CartV2> cart =
          carts.getOrLoadAsync(
              "42", id -> CompletableFuture.supplyAsync(() -> database.load(id), pool));
      CompletableFuture<Map<String, CartV2>> both =
          cart.thenCompose(loaded -> carts.setAsync("43", changed, Duration.ofMinutes(5)))
              .thenCompose(stored -> carts.getAllAsync(List.of("42", "43")));
      // end::async[]
      assertThat(cart.get(10, TimeUnit.SECONDS))
          .isEqualTo(new CartV2("42", List.of("tea"), BigDecimal.ONE));
      assertThat(both.get(10, TimeUnit.SECONDS))
          .containsOnlyKeys("42", "43")
          .containsEntry("43", changed);
    } finally {
      pool.shutdownNow();
    }
  }

  private static String embeddedConfig() throws IOException {
    return Files.readString(
            RolloutWalkthroughTest.FILES.resolve("2-read-fallback.yaml"), StandardCharsets.UTF_8)
        .replaceFirst("transport: \\{[^}]*}", "transport: {client: embedded}");
  }
}
