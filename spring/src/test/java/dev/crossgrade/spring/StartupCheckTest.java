package dev.crossgrade.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.Phase;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfigException;
import dev.crossgrade.spring.Products.Catalog;
import dev.crossgrade.spring.Products.ProductV1;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.interceptor.SimpleCacheResolver;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * What fails the startup, and how it says what to fix: a cache name without a keyspace in the
 * rollout file, a cache without a registry, {@code @CacheEvict(allEntries = true)}, a missing or
 * invalid rollout file, a runtime the file does not name. And when the starter stays out of the
 * way.
 */
class StartupCheckTest {
  @TempDir Path dir;
  final Catalog catalog = new Catalog();
  Path yaml;

  @BeforeEach
  void writeTheRolloutFile() {
    yaml = dir.resolve("rollout.yaml");
    Apps.write(yaml, Apps.rolloutYaml(Apps.transport(null), Phase.SPLIT, 0));
  }

  /** An application whose prices cache has no keyspace in the file. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching(proxyTargetClass = true)
  static class PricesApp {
    @Bean
    CodecRegistry<ProductV1> prices() {
      return Products.oldRegistry();
    }

    @Bean
    PriceService priceService() {
      return new PriceService();
    }
  }

  static class PriceService {
    @Cacheable("prices")
    public ProductV1 price(String sku) {
      return Catalog.v1(sku, 0);
    }
  }

  @Test
  void aCacheNameWithoutAKeyspace_failsTheStartup_namingTheFileTheMethodAndTheFix() {
    assertThat(rootCause(() -> Apps.start(PricesApp.class, yaml, "shop-v1", catalog)))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("cache 'prices' has no keyspace in " + yaml)
        .hasMessageContaining("fix: add a keyspace named 'prices' under keyspaces: in " + yaml)
        .hasMessageContaining("or use a cache name the file has: products")
        .hasMessageContaining("[used by PriceService.price]");
  }

  /** An application with a products cache but no registry for it. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching(proxyTargetClass = true)
  static class NoRegistryApp {
    @Bean
    ProductService productService() {
      return new ProductService();
    }
  }

  static class ProductService {
    @Cacheable("products")
    public ProductV1 find(String sku) {
      return Catalog.v1(sku, 0);
    }
  }

  @Test
  void aCacheWithoutARegistry_failsTheStartup_sayingWhichBeanToDefine() {
    assertThat(rootCause(() -> Apps.start(NoRegistryApp.class, yaml, "shop-v1", catalog)))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("cache 'products' has no codec registry")
        .hasMessageContaining("define a bean CodecRegistry<YourType> named 'products'");
  }

  /** An application that evicts all entries of a cache. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching(proxyTargetClass = true)
  static class ClearingApp {
    @Bean
    CodecRegistry<ProductV1> products() {
      return Products.oldRegistry();
    }

    @Bean
    ClearingService clearingService() {
      return new ClearingService();
    }
  }

  static class ClearingService {
    @CacheEvict(cacheNames = "products", allEntries = true)
    public void reload() {}
  }

  @Test
  void evictingAllEntries_failsTheStartup_becauseASharedCacheCannotBeCleared() {
    assertThat(rootCause(() -> Apps.start(ClearingApp.class, yaml, "shop-v1", catalog)))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("ClearingService.reload: @CacheEvict(allEntries = true)")
        .hasMessageContaining("cache 'products' cannot be cleared")
        .hasMessageContaining("fix: evict the keys that changed");
  }

  @Test
  void noRolloutFile_failsTheStartup_namingTheProperty() {
    assertThat(
            rootCause(
                () ->
                    Apps.start(
                        ShopV1App.class,
                        yaml,
                        "shop-v1",
                        catalog,
                        "crossgrade.rollout-file=" /* overrides the file */)))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("crossgrade.rollout-file is not set")
        .hasMessageContaining("crossgrade.enabled=false");
  }

  @Test
  void aRuntimeTheFileDoesNotName_failsTheStartup_listingTheRuntimes() {
    assertThat(rootCause(() -> Apps.start(ShopV1App.class, yaml, "shop-v3", catalog)))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("runtime 'shop-v3' is not in " + yaml)
        .hasMessageContaining("one of shop-v1, shop-v2");
  }

  @Test
  void theRuntimeDefaultsToTheApplicationName() {
    try (ConfigurableApplicationContext app =
        Apps.start(ShopV1App.class, yaml, "", catalog, "spring.application.name=shop-v1")) {
      assertThat(app.getBean(CrossgradeCacheManager.class).runtime()).isEqualTo("shop-v1");
    }
  }

  @Test
  void anInvalidRolloutFile_failsTheStartup_withEveryErrorAndItsLine() {
    Apps.write(
        yaml,
        Apps.rolloutYaml(Apps.transport(null), Phase.SPLIT, 0)
            .replace("phase: SPLIT", "phase: dual-write"));

    assertThat(rootCause(() -> Apps.start(ShopV1App.class, yaml, "shop-v1", catalog)))
        .isInstanceOf(RolloutConfigException.class)
        .hasMessageContaining(yaml + ":12:")
        .hasMessageContaining("DUAL_WRITE");
  }

  @Test
  void failureAnalyses_showTheProblemAndTheFix() {
    CacheSetupException setup = new CacheSetupException("cache 'x' has no keyspace (fix: add it)");
    FailureAnalysis analysis =
        new SetupFailureAnalyzer().analyze(new BeanCreationException("cacheManager", setup));
    assertThat(analysis).isNotNull();
    assertThat(analysis.getDescription()).contains("cache 'x' has no keyspace (fix: add it)");
    assertThat(analysis.getAction()).contains("crossgrade.enabled=false");

    Apps.write(yaml, "version: 1\nprefix: shop\n");
    RolloutConfigException invalid = catchInvalid();
    FailureAnalysis file =
        new RolloutFileFailureAnalyzer().analyze(new BeanCreationException("rollout", invalid));
    assertThat(file).isNotNull();
    assertThat(file.getDescription()).contains(yaml.toString()).contains("keyspaces");
    assertThat(file.getAction()).contains("crossgrade rollout validate");
  }

  /** The deepest cause of what {@code start} throws. */
  static Throwable rootCause(Supplier<ConfigurableApplicationContext> start) {
    try {
      start.get().close();
    } catch (RuntimeException e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        root = root.getCause();
      }
      return root;
    }
    throw new AssertionError("the application started");
  }

  private RolloutConfigException catchInvalid() {
    try {
      Rollout.newBuilder().watch(yaml).build().close();
      throw new AssertionError("the file is valid");
    } catch (RolloutConfigException e) {
      return e;
    }
  }

  /** An application whose CachingConfigurer sets a cache resolver of its own. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching(proxyTargetClass = true)
  static class OwnResolverApp implements CachingConfigurer {
    @Autowired @Lazy CacheManager cacheManager;

    @Override
    public CacheResolver cacheResolver() {
      return new SimpleCacheResolver(cacheManager);
    }

    @Bean
    CodecRegistry<ProductV1> products() {
      return Products.oldRegistry();
    }

    @Bean
    ProductService productService() {
      return new ProductService();
    }
  }

  @Test
  void aResolverOfTheApplications_failsTheStartup_becauseItsFillsWouldNotBeGuarded() {
    assertThat(rootCause(() -> Apps.start(OwnResolverApp.class, yaml, "shop-v1", catalog)))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("Spring's cache interceptor resolves caches through")
        .hasMessageContaining("@Cacheable fills of ProductService.find are not lease-guarded")
        .hasMessageContaining("CrossgradeCacheManager.cacheResolver()");
  }

  /** The same application, giving the interceptor Crossgrade's resolver. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching(proxyTargetClass = true)
  static class CrossgradeResolverApp implements CachingConfigurer {
    @Autowired ObjectProvider<CrossgradeCacheManager> cacheManager;

    @Override
    public CacheResolver cacheResolver() {
      return cacheManager.getObject().cacheResolver();
    }

    @Bean
    CodecRegistry<ProductV1> products() {
      return Products.oldRegistry();
    }

    @Bean
    ProductService productService() {
      return new ProductService();
    }
  }

  @Test
  void crossgradesResolverInACachingConfigurer_starts() {
    try (ConfigurableApplicationContext app =
        Apps.start(CrossgradeResolverApp.class, yaml, "shop-v1", catalog)) {
      ProductService products = app.getBean(ProductService.class);
      assertThat(products.find("sku-1")).isEqualTo(Catalog.v1("sku-1", 0));
    }
  }

  /** An application whose @Cacheable names the cache manager. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching(proxyTargetClass = true)
  static class NamedManagerApp {
    @Bean
    CodecRegistry<ProductV1> products() {
      return Products.oldRegistry();
    }

    @Bean
    NamedManagerService namedManagerService() {
      return new NamedManagerService();
    }
  }

  static class NamedManagerService {
    @Cacheable(cacheNames = "products", cacheManager = "cacheManager")
    public ProductV1 find(String sku) {
      return Catalog.v1(sku, 0);
    }
  }

  @Test
  void aCacheableNamingTheCacheManager_failsTheStartup_withTheFix() {
    assertThat(rootCause(() -> Apps.start(NamedManagerApp.class, yaml, "shop-v1", catalog)))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("NamedManagerService.find: @Cacheable names cacheManager")
        .hasMessageContaining("fix: remove the cacheManager attribute");
  }

  /** An application with a cache manager of its own. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching(proxyTargetClass = true)
  static class OwnCacheManagerApp {
    @Bean
    CacheManager cacheManager() {
      return new ConcurrentMapCacheManager("products");
    }
  }

  @Test
  void anApplicationsOwnCacheManager_keepsTheStarterOut() {
    try (ConfigurableApplicationContext app =
        Apps.start(OwnCacheManagerApp.class, yaml, "shop-v1", catalog)) {
      assertThat(app.getBean(CacheManager.class)).isInstanceOf(ConcurrentMapCacheManager.class);
      assertThat(app.getBeanNamesForType(Rollout.class)).isEmpty();
    }
  }

  /** An application without caching. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class PlainApp {}

  @Test
  void disabled_setsNothingUp_evenWithoutARolloutFile() {
    try (ConfigurableApplicationContext app =
        Apps.start(
            PlainApp.class,
            dir.resolve("missing.yaml"),
            "shop-v1",
            catalog,
            "crossgrade.enabled=false")) {
      assertThat(app.getBeanNamesForType(CrossgradeCacheManager.class)).isEmpty();
      assertThat(app.getBeanNamesForType(Rollout.class)).isEmpty();
    }
  }
}
