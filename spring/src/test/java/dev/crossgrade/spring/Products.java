package dev.crossgrade.spring;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.kryo.Kryo4Codec;
import dev.crossgrade.codec.kryo.Kryo5Codec;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The tests' cached type in the two builds of the shop, and its source of truth. {@link ProductV1}
 * is the old build's product (Kryo 4, schema v1, price in cents); {@link ProductV2} the new build's
 * (Kryo 5, schema v2, price as a decimal amount), with an upcaster and a downcaster between them.
 */
final class Products {
  private Products() {}

  /** The old build's product: schema version 1. A mutable class, as Kryo needs. */
  static final class ProductV1 {
    String sku = "";
    String name = "";
    long priceCents;
    long version;

    ProductV1() {}

    ProductV1(String sku, String name, long priceCents, long version) {
      this.sku = sku;
      this.name = name;
      this.priceCents = priceCents;
      this.version = version;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ProductV1 p
          && sku.equals(p.sku)
          && name.equals(p.name)
          && priceCents == p.priceCents
          && version == p.version;
    }

    @Override
    public int hashCode() {
      return Objects.hash(sku, name, priceCents, version);
    }

    @Override
    public String toString() {
      return "ProductV1{" + sku + " v" + version + ", " + name + ", " + priceCents + " cents}";
    }
  }

  /** The new build's product: schema version 2, the price as an amount with two places. */
  static final class ProductV2 {
    String sku = "";
    String name = "";
    BigDecimal price = BigDecimal.ZERO.setScale(2);
    long version;

    ProductV2() {}

    ProductV2(String sku, String name, BigDecimal price, long version) {
      this.sku = sku;
      this.name = name;
      this.price = price.setScale(2);
      this.version = version;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ProductV2 p
          && sku.equals(p.sku)
          && name.equals(p.name)
          && price.equals(p.price)
          && version == p.version;
    }

    @Override
    public int hashCode() {
      return Objects.hash(sku, name, price, version);
    }

    @Override
    public String toString() {
      return "ProductV2{" + sku + " v" + version + ", " + name + ", " + price + "}";
    }
  }

  static Codec<ProductV1> kryo4() {
    return Kryo4Codec.newBuilder(ProductV1.class).register(ProductV1.class, 30).build();
  }

  static Codec<ProductV2> kryo5() {
    return Kryo5Codec.newBuilder(ProductV2.class)
        .register(ProductV2.class, 30)
        .register(BigDecimal.class, 31)
        .build();
  }

  static ProductV2 upcast(ProductV1 old) {
    return new ProductV2(old.sku, old.name, BigDecimal.valueOf(old.priceCents, 2), old.version);
  }

  static ProductV1 downcast(ProductV2 product) {
    return new ProductV1(
        product.sku,
        product.name,
        product.price.movePointRight(2).longValueExact(),
        product.version);
  }

  /** The old build: Kryo 4, schema v1; reads only what it writes. */
  static CodecRegistry<ProductV1> oldRegistry() {
    return CodecRegistry.newBuilder(ProductV1.class).writer(kryo4()).build();
  }

  /** The new build: writes Kryo 5 at schema v2, reads Kryo 4 v1 too and upcasts it. */
  static CodecRegistry<ProductV2> newRegistry() {
    return CodecRegistry.newBuilder(ProductV2.class)
        .currentSchemaVersion(2)
        .reader(1, kryo4())
        .upcaster(1, ProductV1.class, ProductV2.class, Products::upcast)
        .writer(kryo5())
        .build();
  }

  /** What the new build writes wherever the old build reads: Kryo 4 at schema v1, downcast. */
  static CodecRegistry<ProductV2> compatibleRegistry() {
    return CodecRegistry.newBuilder(ProductV2.class)
        .currentSchemaVersion(2)
        .reader(kryo5())
        .reader(1, kryo4())
        .upcaster(1, ProductV1.class, ProductV2.class, Products::upcast)
        .writer(1, kryo4(), Products::downcast)
        .build();
  }

  /**
   * The source of truth both builds read: each product's version, from which its content follows,
   * so any value read can be checked for being wrong (no version has that content) or stale (older
   * than a version whose write had returned before the read began).
   */
  static final class Catalog {
    private final ConcurrentHashMap<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicLong> committed = new ConcurrentHashMap<>();
    private final AtomicLong loads = new AtomicLong();
    private final ConcurrentHashMap<String, CountDownLatch[]> pauses = new ConcurrentHashMap<>();

    /** The product's version now; a load from the database. */
    long load(String sku) {
      loads.incrementAndGet();
      long version = version(sku).get();
      CountDownLatch[] pause = pauses.remove(sku);
      if (pause != null) {
        pause[0].countDown();
        try {
          if (!pause[1].await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never resumed the load of " + sku);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return version;
    }

    /** The next load of {@code sku} counts {@code loaded} down once it has read, then waits. */
    void pauseNextLoad(String sku, CountDownLatch loaded, CountDownLatch resume) {
      pauses.put(sku, new CountDownLatch[] {loaded, resume});
    }

    /** Writes a new version of the product and returns it. */
    long bump(String sku) {
      return version(sku).incrementAndGet();
    }

    /** Records that a write of {@code version} returned to its caller. */
    void committed(String sku, long version) {
      committed.computeIfAbsent(sku, s -> new AtomicLong()).accumulateAndGet(version, Math::max);
    }

    /** The newest version whose write had returned. */
    long committed(String sku) {
      AtomicLong version = committed.get(sku);
      return version == null ? 0 : version.get();
    }

    long loads() {
      return loads.get();
    }

    private AtomicLong version(String sku) {
      return versions.computeIfAbsent(sku, s -> new AtomicLong());
    }

    static ProductV1 v1(String sku, long version) {
      return new ProductV1(sku, sku + " (edition " + version + ")", 1_000 + 7 * version, version);
    }

    static ProductV2 v2(String sku, long version) {
      return upcast(v1(sku, version));
    }
  }
}
