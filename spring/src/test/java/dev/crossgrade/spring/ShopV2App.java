package dev.crossgrade.spring;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.spring.Products.Catalog;
import dev.crossgrade.spring.Products.ProductV2;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * The new build of the shop (shop-v2): products at schema v2 on Kryo 5, reading the old build's
 * values through an upcaster and writing what the old build reads through a downcaster.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching(proxyTargetClass = true)
class ShopV2App {
  /** The registry of the cache "products": a bean named after it. */
  @Bean
  CodecRegistry<ProductV2> products() {
    return Products.newRegistry();
  }

  /** What the new build writes wherever the old build reads. */
  @Bean
  CrossgradeCacheCustomizer compatibleProducts() {
    return cache -> {
      if (cache.name().equals("products")) {
        cache.compatibleRegistry(Products.compatibleRegistry());
      }
    };
  }

  @Bean
  ProductService productService(Catalog catalog) {
    return new ProductService(catalog);
  }

  /** The new build's product service, with the synchronous and asynchronous ways to read. */
  static class ProductService {
    private final Catalog catalog;

    ProductService(Catalog catalog) {
      this.catalog = catalog;
    }

    @Cacheable("products")
    public ProductV2 find(String sku) {
      return Catalog.v2(sku, catalog.load(sku));
    }

    @Cacheable(cacheNames = "products", sync = true)
    public ProductV2 findSync(String sku) {
      return Catalog.v2(sku, catalog.load(sku));
    }

    @Cacheable("products")
    public CompletableFuture<ProductV2> findLater(String sku) {
      return CompletableFuture.supplyAsync(() -> Catalog.v2(sku, catalog.load(sku)));
    }

    @Cacheable(cacheNames = "products", sync = true)
    public CompletableFuture<ProductV2> findLaterSync(String sku) {
      return CompletableFuture.supplyAsync(() -> Catalog.v2(sku, catalog.load(sku)));
    }

    /** Empty for a sku that starts with "gone-": an empty Optional is not cached. */
    @Cacheable("products")
    public Optional<ProductV2> findIfListed(String sku) {
      return sku.startsWith("gone-")
          ? Optional.empty()
          : Optional.of(Catalog.v2(sku, catalog.load(sku)));
    }

    @CachePut(cacheNames = "products", key = "#sku")
    public ProductV2 reprice(String sku) {
      return Catalog.v2(sku, catalog.bump(sku));
    }

    @CacheEvict("products")
    public long restock(String sku) {
      return catalog.bump(sku);
    }
  }
}
