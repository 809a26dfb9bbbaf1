package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.guide.Carts.CartV1;
import dev.crossgrade.guide.Carts.CartV2;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.Phase;
import dev.crossgrade.spring.CrossgradeCacheCustomizer;
import dev.crossgrade.spring.CrossgradeCacheManager;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The sample application of spring.md: the playbook's two builds as Spring Boot applications with
 * the Crossgrade starter, started here with the page's application.properties and rollout file.
 */
class SpringStarterExampleTest {
  // tag::new-build[]
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching
  static class ShopV2Application {
    // The registry of the cache "carts" is the bean named after it: writes Kryo 5 (schema v2),
    // reads the old build's Kryo 4 (schema v1) too and upcasts it.
    @Bean
    CodecRegistry<CartV2> carts() {
      return Carts.newRegistry();
    }

    // Wherever the old build reads, the new build writes what it reads: Kryo 4, schema v1.
    @Bean
    CrossgradeCacheCustomizer cartsTheOldBuildReads() {
      return cache -> {
        if (cache.name().equals("carts")) {
          cache.compatibleRegistry(Carts.compatibleRegistry());
        }
      };
    }

    @Bean
    CartService cartService(CartDatabase database) {
      return new CartService(database);
    }
  }

  static class CartService {
    private final CartDatabase database;

    CartService(CartDatabase database) {
      this.database = database;
    }

    @Cacheable("carts")
    public CartV2 cart(String id) {
      return database.load(id);
    }

    @CachePut(cacheNames = "carts", key = "#id")
    public CartV2 addItem(String id, String item) {
      return database.addItem(id, item); // the database first, then the cache
    }

    @CacheEvict("carts")
    public void delete(String id) {
      database.delete(id);
    }
  }

  // end::new-build[]

  // tag::old-build[]
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching
  static class ShopV1Application {
    @Bean
    CodecRegistry<CartV1> carts() {
      return Carts.oldRegistry(); // Kryo 4, schema v1: the old build reads only what it writes
    }

    @Bean
    OldCartService cartService(CartDatabase database) {
      return new OldCartService(database);
    }
  }

  static class OldCartService {
    private final CartDatabase database;

    OldCartService(CartDatabase database) {
      this.database = database;
    }

    @Cacheable("carts")
    public CartV1 cart(String id) {
      return Carts.downcast(database.load(id));
    }
  }

  // end::old-build[]

  /** The source of truth, counting its loads. */
  static final class CartDatabase {
    final Map<String, CartV2> carts = new ConcurrentHashMap<>();
    final AtomicInteger loads = new AtomicInteger();

    CartV2 load(String id) {
      loads.incrementAndGet();
      return carts.computeIfAbsent(
          id, key -> new CartV2(key, List.of("book"), new BigDecimal("12.50")));
    }

    CartV2 addItem(String id, String item) {
      return carts.compute(
          id,
          (key, cart) -> {
            List<String> items = new ArrayList<>(cart == null ? List.of() : cart.items);
            items.add(item);
            BigDecimal total = cart == null ? BigDecimal.ZERO : cart.total;
            return new CartV2(key, items, total.add(BigDecimal.ONE));
          });
    }

    void delete(String id) {
      carts.remove(id);
    }
  }

  static ConfigurableApplicationContext start(
      Class<?> application,
      CartDatabase database,
      @Nullable CacheTransport shared,
      String... properties) {
    ApplicationContextInitializer<ConfigurableApplicationContext> beans =
        context -> {
          context.getBeanFactory().registerSingleton("cartDatabase", database);
          if (shared != null) {
            // Two builds in one JVM share one embedded store, as two processes share memcached.
            context.getBeanFactory().registerSingleton("crossgradeTransport", shared);
          }
        };
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .initializers(beans)
        .properties(properties)
        .run();
  }

  @Test
  void theNewBuild_servesItsCacheableMethodsFromShopCartsG2() {
    CartDatabase database = new CartDatabase();
    try (ConfigurableApplicationContext app = start(ShopV2Application.class, database, null)) {
      CartService carts = app.getBean(CartService.class);
      CacheTransport transport = app.getBean(CacheTransport.class);

      CartV2 cart = carts.cart("42");
      assertThat(carts.cart("42")).isEqualTo(cart);
      assertThat(database.loads).hasValue(1);
      byte[] stored = transport.get("shop:carts:g2:42").join().orElseThrow();
      assertThat(PayloadHeader.read(stored).codec().orElseThrow().name()).isEqualTo("kryo5");

      CartV2 added = carts.addItem("42", "pen");
      assertThat(carts.cart("42")).isEqualTo(added);
      carts.delete("42");
      assertThat(transport.get("shop:carts:g2:42").join()).isEmpty();
      assertThat(database.loads).hasValue(1);

      CrossgradeCacheManager caches = app.getBean(CrossgradeCacheManager.class);
      assertThat(caches.status("carts").orElseThrow().phase()).isEqualTo(Phase.READ_FALLBACK);
    }
  }

  @Test
  void theNewBuild_readsWhatTheOldBuildCached_inReadFallback() {
    CartDatabase database = new CartDatabase();
    try (CacheTransport memcached = CacheTransport.embedded();
        ConfigurableApplicationContext v1 =
            start(ShopV1Application.class, database, memcached, "crossgrade.runtime=shop-v1");
        ConfigurableApplicationContext v2 = start(ShopV2Application.class, database, memcached)) {
      CartV1 cached = v1.getBean(OldCartService.class).cart("7");
      assertThat(memcached.get("shop:carts:g1:7").join()).isPresent();

      CartV2 read = v2.getBean(CartService.class).cart("7");

      assertThat(read).isEqualTo(Carts.upcast(cached));
      assertThat(database.loads).as("the new build loaded nothing").hasValue(1);
      assertThat(memcached.get("shop:carts:g2:7").join()).as("and back-filled g2").isPresent();
    }
  }
}
