package dev.crossgrade.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.Phase;
import dev.crossgrade.spring.Products.Catalog;
import dev.crossgrade.spring.Products.ProductV1;
import dev.crossgrade.spring.Products.ProductV2;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Spring Boot applications, the old build (shop-v1: {@code ProductV1}, Kryo 4) and the new one
 * (shop-v2: {@code ProductV2}, Kryo 5, with upcaster and downcaster), share a real memcached, a
 * real Redis or a real 3-master Redis Cluster (the transport the rollout file names) through their
 * {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} methods while the rollout file is
 * edited from SPLIT to UNIFIED and rolled back to SPLIT. Every value a method returns is checked
 * against the source of truth: none may be wrong or stale, and no call may fail.
 */
class TwoBuildsRolloutTest {
  static final int SKUS = 40;
  static final int THREADS = 4;
  static final int OPS_PER_STEP = 500;

  /** One edit of the rollout file. */
  record Step(Phase phase, int percent) {}

  static final List<Step> WALK =
      List.of(
          new Step(Phase.READ_FALLBACK, 0),
          new Step(Phase.DUAL_WRITE, 50),
          new Step(Phase.DUAL_WRITE, 100),
          new Step(Phase.UNIFIED, 100),
          new Step(Phase.DUAL_WRITE, 100), // rollback
          new Step(Phase.SPLIT, 0)); // rollback

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(SharedCache.class)
  void bothBuildsWalkSplitToUnifiedAndBack_servingNoWrongOrStaleValueAndNoCacheException(
      SharedCache cache) {
    try (SharedCache.Running server = cache.start()) {
      Catalog catalog = new Catalog();
      Path yaml = dir.resolve("rollout.yaml");
      String transport = server.transport();
      Apps.write(yaml, Apps.rolloutYaml(transport, Phase.SPLIT, 0));
      try (ConfigurableApplicationContext v1 =
              Apps.start(ShopV1App.class, yaml, "shop-v1", catalog);
          ConfigurableApplicationContext v2 =
              Apps.start(ShopV2App.class, yaml, "shop-v2", catalog)) {
        Traffic traffic =
            new Traffic(
                catalog,
                v1.getBean(ShopV1App.ProductService.class),
                v2.getBean(ShopV2App.ProductService.class));
        traffic.start();
        try {
          assertThat(traffic.awaitMore(OPS_PER_STEP)).as("traffic in SPLIT").isTrue();
          for (Step step : WALK) {
            Apps.write(yaml, Apps.rolloutYaml(transport, step.phase(), step.percent()));
            assertThat(
                    Apps.await(
                        // Regression: waiting for the phase alone let DUAL_WRITE 50% -> 100%
                        // pass before the 100% file was read, so the next file replaced it
                        // unread and one reload fewer was counted (JDK 25 CI).
                        () ->
                            Apps.applied(v1, step.phase(), step.percent())
                                && Apps.applied(v2, step.phase(), step.percent()),
                        Duration.ofSeconds(60)))
                .as("both builds applied %s", step)
                .isTrue();
            assertThat(traffic.awaitMore(OPS_PER_STEP)).as("traffic in %s", step).isTrue();
          }
        } finally {
          traffic.stop();
        }

        assertThat(traffic.exceptions).as("exceptions from the cache").isEmpty();
        assertThat(traffic.wrong).as("wrong values").isEmpty();
        assertThat(traffic.stale).as("stale values").isEmpty();
        assertThat(traffic.reads.get()).isGreaterThan(2_000);
        assertThat(traffic.writes.get()).isGreaterThan(200);

        // The phases did their work: the new build read the old build's values (upcast) and
        // both builds served hits.
        MeterRegistry newMeters = v2.getBean(MeterRegistry.class);
        MeterRegistry oldMeters = v1.getBean(MeterRegistry.class);
        assertThat(requests(newMeters, "fallback_hit")).isPositive();
        assertThat(requests(newMeters, "hit")).isPositive();
        assertThat(requests(oldMeters, "hit")).isPositive();
        assertThat(
                newMeters
                    .get("crossgrade.rollout.reloads")
                    .tag("outcome", "applied")
                    .counter()
                    .count())
            .isGreaterThanOrEqualTo(WALK.size());

        // Every key on the server is in the version-split key space.
        List<String> keys = server.list();
        System.out.printf(
            "%s: %d reads, %d writes in %d steps: 0 wrong, 0 stale, 0 exceptions; new build: %.0f"
                + " fallback hits, %.0f hits; old build: %.0f hits; %d keys on the server (%d in"
                + " g1, %d in g2)%n",
            cache,
            traffic.reads.get(),
            traffic.writes.get(),
            WALK.size() + 1,
            requests(newMeters, "fallback_hit"),
            requests(newMeters, "hit"),
            requests(oldMeters, "hit"),
            keys.size(),
            keys.stream().filter(key -> key.startsWith("shop:products:g1:")).count(),
            keys.stream().filter(key -> key.startsWith("shop:products:g2:")).count());
        assertThat(keys)
            .isNotEmpty()
            .allMatch(
                key ->
                    key.matches("shop:products:g[12]:sku-\\d+")
                        || key.matches("shop:_cg:caps:products:shop-v[12]"),
                "a key prefix:keyspace:g<generation>:<sku> or a capability record")
            .anyMatch(key -> key.startsWith("shop:products:g1:"))
            .anyMatch(key -> key.startsWith("shop:products:g2:"));
      }
    }
  }

  static double requests(MeterRegistry meters, String outcome) {
    return meters.find("crossgrade.cache.requests").tag("outcome", outcome).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  /**
   * Requests to both builds from a few threads until stopped: reads of any product through every
   * kind of read method, and writes of the products a thread owns (one writer per product, so two
   * writes of one product never race: a cache cannot order racing writes of the application).
   */
  static final class Traffic {
    final Catalog catalog;
    final ShopV1App.ProductService v1;
    final ShopV2App.ProductService v2;
    final ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> exceptions = new ConcurrentLinkedQueue<>();
    final AtomicLong ops = new AtomicLong();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final AtomicBoolean stop = new AtomicBoolean();
    final List<Thread> threads = new ArrayList<>();

    Traffic(Catalog catalog, ShopV1App.ProductService v1, ShopV2App.ProductService v2) {
      this.catalog = catalog;
      this.v1 = v1;
      this.v2 = v2;
    }

    void start() {
      for (int t = 0; t < THREADS; t++) {
        int owner = t;
        Thread thread = new Thread(() -> run(owner), "traffic-" + t);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
    }

    /** Waits until {@code count} more operations have completed; false after a minute. */
    boolean awaitMore(int count) {
      long target = ops.get() + count;
      return Apps.await(() -> ops.get() >= target, Duration.ofSeconds(60));
    }

    void stop() {
      stop.set(true);
      for (Thread thread : threads) {
        try {
          thread.join(30_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    private void run(int owner) {
      Random random = new Random(20_251_202L + owner);
      while (!stop.get()) {
        int index = random.nextInt(SKUS);
        String sku = "sku-" + index;
        int dice = random.nextInt(100);
        try {
          if (dice < 40 && index % THREADS == owner) {
            write(sku, random.nextInt(4));
          } else {
            read(sku, random.nextInt(7));
          }
        } catch (RuntimeException | Error e) {
          if (exceptions.size() < 20) {
            exceptions.add(sku + ": " + e);
          }
        }
        ops.incrementAndGet();
      }
    }

    private void write(String sku, int how) {
      long version =
          switch (how) {
            case 0 -> v1.reprice(sku).version;
            case 1 -> v2.reprice(sku).version;
            case 2 -> v1.restock(sku);
            default -> v2.restock(sku);
          };
      catalog.committed(sku, version);
      writes.incrementAndGet();
    }

    private void read(String sku, int how) {
      long before = catalog.committed(sku);
      if (how < 2) {
        check(sku, before, "v1.find", v1.find(sku));
      } else {
        ProductV2 product =
            switch (how) {
              case 2 -> v2.find(sku);
              case 3 -> v2.findSync(sku);
              case 4 -> v2.findLater(sku).join();
              case 5 -> v2.findLaterSync(sku).join();
              default -> v2.findIfListed(sku).orElse(null);
            };
        check(sku, before, "v2 read " + how, product);
      }
      reads.incrementAndGet();
    }

    private void check(String sku, long before, String how, @Nullable ProductV1 product) {
      if (product == null || !product.equals(Catalog.v1(sku, product.version))) {
        wrong.add(how + " of " + sku + " gave " + product);
      } else if (product.version < before) {
        stale.add(how + " of " + sku + " gave v" + product.version + " after v" + before);
      }
    }

    private void check(String sku, long before, String how, @Nullable ProductV2 product) {
      if (product == null || !product.equals(Catalog.v2(sku, product.version))) {
        wrong.add(how + " of " + sku + " gave " + product);
      } else if (product.version < before) {
        stale.add(how + " of " + sku + " gave v" + product.version + " after v" + before);
      }
    }
  }
}
