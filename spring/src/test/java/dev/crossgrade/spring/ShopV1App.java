package dev.crossgrade.spring;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.spring.Products.Catalog;
import dev.crossgrade.spring.Products.ProductV1;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/** The old build of the shop (shop-v1): products at schema v1 on Kryo 4. */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableCaching(proxyTargetClass = true)
class ShopV1App {
  /** The registry of the cache "products": a bean named after it. */
  @Bean
  CodecRegistry<ProductV1> products() {
    return Products.oldRegistry();
  }

  @Bean
  ProductService productService(Catalog catalog) {
    return new ProductService(catalog);
  }

  /** The old build's product service: reads through the cache, writes the database first. */
  static class ProductService {
    private final Catalog catalog;

    ProductService(Catalog catalog) {
      this.catalog = catalog;
    }

    @Cacheable("products")
    public ProductV1 find(String sku) {
      return Catalog.v1(sku, catalog.load(sku));
    }

    @CachePut(cacheNames = "products", key = "#sku")
    public ProductV1 reprice(String sku) {
      return Catalog.v1(sku, catalog.bump(sku));
    }

    @CacheEvict("products")
    public long restock(String sku) {
      return catalog.bump(sku);
    }
  }
}
