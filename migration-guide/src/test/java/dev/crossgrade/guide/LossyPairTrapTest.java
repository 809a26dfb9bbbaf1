package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.DecodeOutcome;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnderivableValueException;
import dev.crossgrade.codec.jackson.JsonCodec;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.Phase;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Trap 6: a downcaster that drops a field the old schema cannot carry, and an upcaster that guesses
 * it (issue 11.6: a new user's rollout served 9 wrong reads of 46, EUR where the database said
 * USD).
 */
class LossyPairTrapTest {
  // tag::lossy-pair[]
  record ProductV1(String sku, String name, long priceCents) {}

  record Product(String sku, String title, long priceCents, String currency) {}

  // The downcaster: schema v1 has no place for the currency, so it is dropped.
  static ProductV1 dropCurrency(Product product) {
    return new ProductV1(product.sku(), product.title(), product.priceCents());
  }

  // What the new user wrote: a currency the old value does not say, guessed.
  static Product guessEuro(ProductV1 old) {
    return new Product(old.sku(), old.name(), old.priceCents(), "EUR");
  }

  // The fix: say that the field cannot be derived.
  static Product cannotDerive(ProductV1 old) {
    throw new UnderivableValueException("currency", "schema v1 has no currency");
  }

  // end::lossy-pair[]

  static CodecRegistry<ProductV1> oldRegistry() {
    return CodecRegistry.newBuilder(ProductV1.class)
        .writer(JsonCodec.newBuilder(ProductV1.class).build())
        .build();
  }

  static CodecRegistry<Product> newRegistry(Function<ProductV1, Product> upcaster) {
    return CodecRegistry.newBuilder(Product.class)
        .currentSchemaVersion(2)
        .reader(1, JsonCodec.newBuilder(ProductV1.class).build())
        .upcaster(1, ProductV1.class, Product.class, upcaster::apply)
        .writer(JsonCodec.newBuilder(Product.class).build())
        .build();
  }

  static CodecRegistry<Product> compatibleRegistry(Function<ProductV1, Product> upcaster) {
    return CodecRegistry.newBuilder(Product.class)
        .currentSchemaVersion(2)
        .reader(JsonCodec.newBuilder(Product.class).build())
        .reader(1, JsonCodec.newBuilder(ProductV1.class).build())
        .upcaster(1, ProductV1.class, Product.class, upcaster::apply)
        .writer(1, JsonCodec.newBuilder(ProductV1.class).build(), LossyPairTrapTest::dropCurrency)
        .build();
  }

  @Test
  void aDowncastThenUpcastTurnsUsdIntoTheGuessAndTheHonestUpcasterMakesAMiss() {
    // tag::round-trip[]
    Product usd = new Product("sku-1", "kettle", 2999, "USD");
    byte[] forOldReaders = compatibleRegistry(LossyPairTrapTest::guessEuro).encode(usd);

    // The old build reads its view of the product, which has no currency: right for it.
    assertThat(oldRegistry().decode(forOldReaders))
        .isEqualTo(new ProductV1("sku-1", "kettle", 2999));

    // Read back by the new build, the guess looks like data: EUR where the database says USD.
    assertThat(newRegistry(LossyPairTrapTest::guessEuro).decode(forOldReaders))
        .isEqualTo(new Product("sku-1", "kettle", 2999, "EUR"));

    // The honest upcaster refuses: a miss with a reason, which the cache turns into a load.
    DecodeOutcome<Product> read =
        newRegistry(LossyPairTrapTest::cannotDerive).tryDecode(forOldReaders);
    assertThat(read).isInstanceOf(DecodeOutcome.Miss.class);
    assertThat(((DecodeOutcome.Miss<Product>) read).reason().kind())
        .isEqualTo(PayloadException.Kind.UNDERIVABLE_VALUE);
    // end::round-trip[]
  }

  /** The old and the new build of one keyspace on one embedded store, in {@code phase}. */
  static final class TwoBuilds implements AutoCloseable {
    final CacheTransport store = CacheTransport.embedded();
    final MeterRegistry newMeters = new SimpleMeterRegistry();
    final Rollout oldRollout;
    final Rollout newRollout;
    final VersionedCache<String, ProductV1> oldProducts;
    final VersionedCache<String, Product> newProducts;

    TwoBuilds(Phase phase, Function<ProductV1, Product> upcaster) {
      String yaml =
          """
          version: 1
          prefix: shop
          runtimes:
            - {name: shop-v1, generation: 1}
            - {name: shop-v2, generation: 2}
          keyspaces:
            - name: products
              from: shop-v1
              to: shop-v2
              phase: %s
              ttl: 10m
              writer: {codec: json, schemaVersion: 2, percent: 100, stickiness: key}
          """
              .formatted(phase);
      oldRollout = Rollout.of(RolloutConfig.parse(yaml, "products.yaml"));
      newRollout = Rollout.of(RolloutConfig.parse(yaml, "products.yaml"));
      oldProducts =
          VersionedCache.<String, ProductV1>newBuilder()
              .keyspace("products")
              .runtime("shop-v1")
              .registry(oldRegistry())
              .transport(store)
              .rollout(oldRollout)
              .build();
      newProducts =
          VersionedCache.<String, Product>newBuilder()
              .keyspace("products")
              .runtime("shop-v2")
              .registry(newRegistry(upcaster))
              .compatibleRegistry(compatibleRegistry(upcaster))
              .transport(store)
              .rollout(newRollout)
              .meterRegistry(newMeters)
              .build();
    }

    @Override
    public void close() {
      oldProducts.close();
      newProducts.close();
      oldRollout.close();
      newRollout.close();
      store.close();
    }
  }

  @Test
  void anUnderivableFieldIsAMissAndALoad_andTheOldBuildGetsItsView() {
    Product gbp = new Product("sku-2", "teapot", 1850, "GBP");
    try (TwoBuilds builds = new TwoBuilds(Phase.DUAL_WRITE, LossyPairTrapTest::cannotDerive)) {
      VersionedCache<String, ProductV1> oldProducts = builds.oldProducts;
      VersionedCache<String, Product> newProducts = builds.newProducts;
      // tag::router[]
      // DUAL_WRITE. The old build caches sku-2 as it knows it, without the currency.
      oldProducts.set("sku-2", dropCurrency(gbp));

      // For the new build that value is a miss (reason=underivable), then a load from the database.
      assertThat(newProducts.get("sku-2")).isEmpty();
      assertThat(newProducts.getOrLoad("sku-2", sku -> gbp)).isEqualTo(gbp);

      // The new build's writes give the old build its view where it reads: every downcast is read
      // back first, and one that does not read back as itself goes nowhere only the new build
      // reads.
      Product usd = new Product("sku-2", "teapot", 1990, "USD");
      newProducts.set("sku-2", usd);
      assertThat(oldProducts.get("sku-2")).contains(dropCurrency(usd));
      assertThat(newProducts.get("sku-2")).contains(usd);
      // end::router[]
      assertThat(RolloutGate.requests(builds.newMeters, "miss", "underivable")).isPositive();
      assertThat(RolloutGate.requests(builds.newMeters, "lossy_downcast", null)).isPositive();
    }
  }

  @Test
  void aGuessIsServedUntilTheNewBuildSeesThePairLoseData_thenNoMore() {
    Product usd = new Product("sku-3", "mug", 900, "USD");
    Product gbp = new Product("sku-4", "jug", 1200, "GBP");
    try (TwoBuilds builds = new TwoBuilds(Phase.READ_FALLBACK, LossyPairTrapTest::guessEuro)) {
      VersionedCache<String, ProductV1> oldProducts = builds.oldProducts;
      VersionedCache<String, Product> newProducts = builds.newProducts;
      // tag::guess-window[]
      // READ_FALLBACK, with the guessing upcaster. Before the new build has written a value the
      // pair cannot carry, nothing tells its guess from data: a wrong value.
      oldProducts.set("sku-3", dropCurrency(usd));
      assertThat(newProducts.get("sku-3")).contains(new Product("sku-3", "mug", 900, "EUR"));

      // Its first such write shows the loss (the downcast reads back as EUR): from then on it
      // serves no value upcast from schema v1 (reason=lossy-upcast), and loads instead.
      newProducts.set("sku-4", gbp);
      assertThat(newProducts.get("sku-3")).isEmpty();
      assertThat(newProducts.getOrLoad("sku-3", sku -> usd)).isEqualTo(usd);
      // end::guess-window[]
      assertThat(RolloutGate.requests(builds.newMeters, "miss", "lossy-upcast")).isPositive();
    }
  }
}
