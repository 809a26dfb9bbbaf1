package dev.crossgrade.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.Phase;
import dev.crossgrade.spring.Products.Catalog;
import dev.crossgrade.spring.Products.ProductV2;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring's cache contract on a Crossgrade cache, through the new build's annotated methods and
 * through {@link Cache} itself, in a real application context on the embedded transport.
 */
class SpringCacheContractTest {
  @TempDir Path dir;
  final Catalog catalog = new Catalog();
  ConfigurableApplicationContext app;
  ShopV2App.ProductService products;
  Cache cache;
  CacheTransport transport;

  @BeforeEach
  void startTheNewBuild() {
    Path yaml = dir.resolve("rollout.yaml");
    Apps.write(yaml, Apps.rolloutYaml(Apps.transport(null), Phase.SPLIT, 100));
    app = Apps.start(ShopV2App.class, yaml, "shop-v2", catalog);
    products = app.getBean(ShopV2App.ProductService.class);
    cache = app.getBean(CrossgradeCacheManager.class).getCache("products");
    transport = app.getBean(CacheTransport.class);
  }

  @AfterEach
  void stop() {
    app.close();
  }

  @Test
  void cacheable_loadsOnce_thenServesTheCachedValue_underPrefixKeyspaceGeneration() {
    ProductV2 first = products.find("sku-1");
    ProductV2 second = products.find("sku-1");

    assertThat(second).isEqualTo(first).isEqualTo(Catalog.v2("sku-1", 0));
    assertThat(catalog.loads()).isEqualTo(1);
    assertThat(transport.get("shop:products:g2:sku-1").join()).isPresent();
    assertThat(transport.get("shop:products:g1:sku-1").join()).isEmpty();
  }

  /**
   * A {@code @Cacheable} method loads, an evict lands meanwhile, then Spring puts the method's
   * value: with Spring's plain put the evicted value came back and stayed (TwoBuildsRolloutTest saw
   * "v1.find of sku-19 gave v7 after v8"); the fill is now guarded by the miss's lease.
   */
  @Test
  void aCacheableFillRacingAnEvict_doesNotBringBackTheEvictedValue() throws Exception {
    List<Function<String, ProductV2>> reads =
        List.of(products::find, sku -> products.findLater(sku).join(), products::findSync);
    for (int i = 0; i < reads.size(); i++) {
      String sku = "sku-race-" + i;
      Function<String, ProductV2> read = reads.get(i);
      CountDownLatch loaded = new CountDownLatch(1);
      CountDownLatch resume = new CountDownLatch(1);
      catalog.pauseNextLoad(sku, loaded, resume);
      CompletableFuture<ProductV2> reader = CompletableFuture.supplyAsync(() -> read.apply(sku));
      assertThat(loaded.await(60, TimeUnit.SECONDS)).isTrue(); // it has read v0 and waits

      products.restock(sku); // v1 in the database, the key evicted
      resume.countDown();

      assertThat(reader.join().version).as("read %d began before the write", i).isZero();
      assertThat(read.apply(sku).version).as("read %d after the evict", i).isEqualTo(1);
    }
  }

  @Test
  void cachePut_replacesTheCachedValue() {
    products.find("sku-1");
    ProductV2 repriced = products.reprice("sku-1");

    assertThat(products.find("sku-1")).isEqualTo(repriced).isEqualTo(Catalog.v2("sku-1", 1));
    assertThat(catalog.loads()).isEqualTo(1);
  }

  @Test
  void cacheEvict_deletesTheKey_soTheNextReadLoads() {
    products.find("sku-1");
    products.restock("sku-1");

    assertThat(cache.get("sku-1")).isNull();
    assertThat(products.find("sku-1")).isEqualTo(Catalog.v2("sku-1", 1));
    assertThat(catalog.loads()).isEqualTo(2);
  }

  @Test
  void syncCacheable_andCompletableFutureMethods_loadOncePerMiss() {
    assertThat(products.findSync("sku-1")).isEqualTo(products.findSync("sku-1"));
    assertThat(products.findLater("sku-2").join()).isEqualTo(products.findLater("sku-2").join());
    assertThat(products.findLaterSync("sku-3").join())
        .isEqualTo(products.findLaterSync("sku-3").join())
        .isEqualTo(products.find("sku-3"));
    assertThat(catalog.loads()).isEqualTo(3);
  }

  @Test
  void getWithLoader_callsTheLoaderOncePerMiss_andWrapsItsException() {
    AtomicInteger calls = new AtomicInteger();
    Callable<ProductV2> loader =
        () -> {
          calls.incrementAndGet();
          return Catalog.v2("sku-1", 4);
        };
    assertThat(cache.get("sku-1", loader)).isEqualTo(Catalog.v2("sku-1", 4));
    assertThat(cache.get("sku-1", loader)).isEqualTo(Catalog.v2("sku-1", 4));
    assertThat(calls).hasValue(1);

    IOException down = new IOException("database down");
    Callable<ProductV2> failing =
        () -> {
          calls.incrementAndGet();
          throw down;
        };
    assertThatThrownBy(() -> cache.get("sku-2", failing))
        .isInstanceOf(Cache.ValueRetrievalException.class)
        .hasCause(down);
    assertThatThrownBy(() -> cache.get("sku-2", failing)).hasCause(down);
    assertThat(calls).as("a failed load is not cached").hasValue(3);
  }

  @Test
  void nullFromALoaderIsReturnedAndNotCached() {
    AtomicInteger calls = new AtomicInteger();
    Callable<ProductV2> none =
        () -> {
          calls.incrementAndGet();
          return null;
        };
    assertThat(cache.get("sku-1", none)).isNull();
    assertThat(cache.get("sku-1", none)).isNull();
    assertThat(calls).hasValue(2);

    assertThat(products.findIfListed("gone-1")).isEmpty();
    assertThat(products.findIfListed("gone-1")).isEmpty();
    assertThat(cache.get("gone-1")).as("an empty Optional is not cached").isNull();
  }

  @Test
  void putOfNull_deletesTheKey_soNoOlderValueIsServed() {
    cache.put("sku-1", Catalog.v2("sku-1", 1));
    assertThat(cache.get("sku-1")).isNotNull();

    cache.put("sku-1", null);

    assertThat(cache.get("sku-1")).isNull();
    assertThat(transport.get("shop:products:g2:sku-1").join()).isEmpty();
  }

  @Test
  void getWithType_andPutOfAnotherType_refuseAMismatch() {
    cache.put("sku-1", Catalog.v2("sku-1", 1));

    assertThat(cache.get("sku-1", ProductV2.class)).isEqualTo(Catalog.v2("sku-1", 1));
    assertThatThrownBy(() -> cache.get("sku-1", String.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not of required type");
    assertThatThrownBy(() -> cache.put("sku-2", "a string"))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("cache 'products' holds " + ProductV2.class.getName())
        .hasMessageContaining("fix:");
  }

  @Test
  void evictIfPresent_evicts() {
    cache.put("sku-1", Catalog.v2("sku-1", 1));

    assertThat(cache.evictIfPresent("sku-1")).isFalse(); // presence is not known
    assertThat(cache.get("sku-1")).isNull();
  }

  @Test
  void clearAndInvalidate_areRefused_withTheReasonAndTheFix() {
    assertThatThrownBy(cache::clear)
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("cache 'products' cannot be cleared")
        .hasMessageContaining("shared with other processes")
        .hasMessageContaining("fix: evict the keys that changed");
    assertThatThrownBy(cache::invalidate).isInstanceOf(CacheSetupException.class);
  }

  @Test
  void retrieve_completesWithNullOnAMiss_andWithTheValueOnAHit() {
    CompletableFuture<?> miss = cache.retrieve("sku-1");
    assertThat(miss).isNotNull();
    assertThat(miss.join()).isNull();

    cache.put("sku-1", Catalog.v2("sku-1", 2));
    CompletableFuture<?> hit = cache.retrieve("sku-1");
    assertThat(hit).isNotNull();
    assertThat(hit.join()).isEqualTo(Catalog.v2("sku-1", 2));

    AtomicInteger loads = new AtomicInteger();
    CompletableFuture<ProductV2> loaded =
        cache.retrieve(
            "sku-2",
            () -> {
              loads.incrementAndGet();
              return CompletableFuture.completedFuture(Catalog.v2("sku-2", 3));
            });
    assertThat(loaded.join()).isEqualTo(Catalog.v2("sku-2", 3));
    assertThat(cache.get("sku-2", ProductV2.class)).isEqualTo(Catalog.v2("sku-2", 3));
    assertThat(loads).hasValue(1);
  }

  @Test
  void keysOfSeveralParts_getTheirKeyTextInThePhysicalKey() {
    cache.put(new SimpleKey("sku-1", 7), Catalog.v2("sku-1", 1));

    assertThat(transport.get("shop:products:g2:[sku-1,7]").join()).isPresent();
    assertThat(cache.get(new SimpleKey("sku-1", 7))).isNotNull();
    assertThat(cache.get(new SimpleKey("sku-1,7"))).isNull();
  }

  @Test
  void aKeyOfAnUnstableType_isRefused_namingTheTypeAndTheFix() {
    Object key = new Object();
    assertThatThrownBy(() -> cache.get(key))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("java.lang.Object has no stable text")
        .hasMessageContaining("key expression");
  }

  @Test
  void metersGoToTheApplicationsRegistry() {
    products.find("sku-1");
    products.find("sku-1");

    MeterRegistry meters = app.getBean(MeterRegistry.class);
    assertThat(
            meters
                .get("crossgrade.cache.requests")
                .tag("keyspace", "products")
                .tag("runtime", "shop-v2")
                .tag("outcome", "hit")
                .counters())
        .isNotEmpty();
    assertThat(meters.find("crossgrade.cache.latency").tag("keyspace", "products").timers())
        .isNotEmpty();
  }

  @Test
  void theManagerListsItsCachesAndTheirStatus() {
    CrossgradeCacheManager manager = app.getBean(CrossgradeCacheManager.class);

    assertThat(manager.getCacheNames()).containsExactly("products");
    assertThat(manager.status("products"))
        .map(status -> status.writeGenerations())
        .contains(List.of(2));
    assertThat(manager.getCache("no-such-keyspace")).isNull();
    assertThat(Optional.ofNullable(manager.getCache("products"))).containsSame(cache);
  }
}
