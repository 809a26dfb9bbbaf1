package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.router.LossyFormats.ProductV1;
import dev.crossgrade.router.LossyFormats.ProductV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import dev.crossgrade.router.internal.cache.RealVersionedCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A lossy downcaster and upcaster never put a wrong value in front of a caller. Regression (11.6):
 * a new user's Product v1 (JSON) to v2 (renamed field, currency added) rollout served 9 wrong reads
 * of 46, currency EUR where the database said USD or GBP: at writer percent 0 the new runtime wrote
 * the downcast form into its own generation, and upcast guesses were served as cached data.
 */
class LossyPairTest {
  private static final String[] CURRENCIES = {"USD", "GBP", "EUR", "JPY"};

  /** Two runtimes of the lossy pair on one embedded store. */
  private static final class Pair implements AutoCloseable {
    final CacheTransport store = CacheTransport.embedded();
    final Rollout oldRollout;
    final Rollout newRollout;
    final SimpleMeterRegistry oldMeters = new SimpleMeterRegistry();
    final SimpleMeterRegistry newMeters = new SimpleMeterRegistry();
    final VersionedCache<String, ProductV1> old;
    final VersionedCache<String, ProductV2> neu;
    final KeyRouter router;

    Pair(Phase phase, int percent, Function<ProductV1, ProductV2> upcaster) {
      RolloutConfig config =
          RolloutConfig.parse(
              LossyFormats.yaml(TwoRuntimes.randomPrefix(), phase, percent), "lossy.yaml");
      router = KeyRouter.withPrefix(config.prefix());
      oldRollout = Rollout.newBuilder().config(config).meterRegistry(oldMeters).build();
      newRollout = Rollout.newBuilder().config(config).meterRegistry(newMeters).build();
      old =
          VersionedCache.<String, ProductV1>newBuilder()
              .keyspace("products")
              .runtime("shop-v1")
              .registry(LossyFormats.oldRegistry())
              .transport(store)
              .rollout(oldRollout)
              .meterRegistry(oldMeters)
              .build();
      neu =
          VersionedCache.<String, ProductV2>newBuilder()
              .keyspace("products")
              .runtime("shop-v2")
              .registry(LossyFormats.newRegistry(upcaster))
              .compatibleRegistry(LossyFormats.compatibleRegistry(upcaster))
              .transport(store)
              .rollout(newRollout)
              .meterRegistry(newMeters)
              .build();
      ((RealVersionedCache<?, ?>) old).refreshCapabilities();
      ((RealVersionedCache<?, ?>) neu).refreshCapabilities();
    }

    void phase(Phase phase, int percent) {
      for (Rollout rollout : List.of(oldRollout, newRollout)) {
        rollout.setWriterPercent("products", percent);
        rollout.setPhase("products", phase);
      }
      ((RealVersionedCache<?, ?>) old).refreshCapabilities();
      ((RealVersionedCache<?, ?>) neu).refreshCapabilities();
    }

    @Nullable String codecAt(int generation, String key) {
      Optional<byte[]> bytes = store.get(router.physicalKey("products", generation, key)).join();
      return bytes
          .map(
              b -> {
                int id = PayloadHeader.read(b).codecId();
                return id == LossyFormats.V1.id()
                    ? LossyFormats.V1.name()
                    : id == LossyFormats.V2.id() ? LossyFormats.V2.name() : "0x" + id;
              })
          .orElse(null);
    }

    @Override
    public void close() {
      old.close();
      neu.close();
      oldRollout.close();
      newRollout.close();
      store.close();
    }
  }

  private static ProductV2 product(String id, long version, String currency) {
    return new ProductV2(id, version, "t" + id + "v" + version, 100 * version, currency);
  }

  @Test
  void atWriterPercentZero_theNewRuntimeWritesNoLossyDowncastIntoItsOwnGeneration() {
    try (Pair p = new Pair(Phase.SPLIT, 0, LossyFormats::guess)) {
      // A downcast that reads back exactly may be written there at percent 0 ...
      ProductV2 eur = product("q", 1, "EUR");
      assertThat(p.neu.set("q", eur)).isTrue();
      assertThat(p.codecAt(2, "q")).isEqualTo("product-v1");
      assertThat(p.neu.get("q")).contains(eur);

      // ... a lossy one never: the new format instead.
      ProductV2 gbp = product("p", 1, "GBP");
      assertThat(p.neu.set("p", gbp)).isTrue();
      assertThat(p.codecAt(2, "p")).isEqualTo("product-v2");
      assertThat(p.neu.get("p")).contains(gbp);

      // And once the pair proved lossy, no downcast goes where only the new runtime reads.
      ProductV2 eur2 = product("r", 1, "EUR");
      assertThat(p.neu.set("r", eur2)).isTrue();
      assertThat(p.codecAt(2, "r")).isEqualTo("product-v2");
      assertThat(p.neu.get("r")).contains(eur2);
    }
  }

  @Test
  void aSilentlyLossyPair_isDistrustedOnceALossyDowncastIsSeen() {
    try (Pair p = new Pair(Phase.DUAL_WRITE, 100, LossyFormats::guess)) {
      ProductV2 usd = product("a", 1, "USD");
      // The old runtime caches "a" in both generations, in its own format: no currency.
      assertThat(p.old.set("a", LossyFormats.down(usd))).isTrue();
      assertThat(p.codecAt(2, "a")).isEqualTo("product-v1");

      // The new runtime writes "b": its downcast for the old generation reads back as EUR.
      ProductV2 gbp = product("b", 1, "GBP");
      assertThat(p.neu.set("b", gbp)).isTrue();
      assertThat(p.codecAt(1, "b"))
          .as("the old runtime still gets its view")
          .isEqualTo("product-v1");
      assertThat(TwoRuntimes.count(p.newMeters, CacheMetrics.LOSSY_DOWNCAST)).isPositive();

      // From now on no upcast guess is served: "a" is a miss, and loaded.
      assertThat(p.neu.get("a")).isEmpty();
      assertThat(TwoRuntimes.count(p.newMeters, CacheMetrics.MISS, "lossy-upcast")).isPositive();
      assertThat(p.neu.getOrLoad("a", k -> usd)).isEqualTo(usd);
      assertThat(p.neu.get("a")).contains(usd);
      assertThat(p.old.get("b")).contains(LossyFormats.down(gbp));
    }
  }

  /**
   * Regression (found by the rehearsal's lossy-guessing scenario): a READ_FALLBACK back-fill
   * re-encoded the upcaster's guess (EUR) into the new generation in the current format, so once
   * the pair proved lossy the copy was no longer an upcast and the guess kept being served.
   */
  @Test
  void aBackFilledGuess_isDistrustedLikeItsSource_onceThePairProvesLossy() {
    try (Pair p = new Pair(Phase.READ_FALLBACK, 100, LossyFormats::guess)) {
      ProductV2 usd = product("a", 1, "USD");
      assertThat(p.old.set("a", LossyFormats.down(usd))).isTrue();
      // Before the new runtime saw any loss, the guess is served (the stated window) and copied.
      assertThat(p.neu.get("a")).contains(LossyFormats.guess(LossyFormats.down(usd)));
      assertThat(p.codecAt(2, "a")).as("the back-fill keeps the old bytes").isEqualTo("product-v1");

      // The new runtime's own write shows the pair loses the currency ...
      assertThat(p.neu.set("b", product("b", 1, "GBP"))).isTrue();
      assertThat(TwoRuntimes.count(p.newMeters, CacheMetrics.LOSSY_DOWNCAST)).isPositive();

      // ... and from then on the back-filled copy is a miss, loaded from the source of truth.
      assertThat(p.neu.get("a")).isEmpty();
      assertThat(p.neu.getOrLoad("a", k -> usd)).isEqualTo(usd);
      assertThat(p.neu.get("a")).contains(usd);
    }
  }

  @Test
  void anUpcasterThatCannotDerive_makesAMissAndALoad_notADecodeFailure() {
    try (Pair p = new Pair(Phase.READ_FALLBACK, 100, LossyFormats::cannotDerive)) {
      ProductV2 usd = product("a", 1, "USD");
      assertThat(p.old.set("a", LossyFormats.down(usd))).isTrue();

      assertThat(p.neu.get("a")).isEmpty();
      assertThat(TwoRuntimes.count(p.newMeters, CacheMetrics.MISS, "underivable")).isEqualTo(1);
      assertThat(TwoRuntimes.count(p.newMeters, CacheMetrics.DECODE_FAILURE)).isZero();
      assertThat(p.neu.getOrLoad("a", k -> usd)).isEqualTo(usd);
      assertThat(p.neu.get("a")).contains(usd);
      assertThat(p.codecAt(2, "a")).isEqualTo("product-v2");
    }
  }

  /**
   * The new user's walk, SPLIT at writer percent 0, READ_FALLBACK, DUAL_WRITE, UNIFIED and back,
   * with both runtimes reading and updating, every value checked against the database.
   */
  @Test
  void theNewUsersWalk_servesNoWrongValue() {
    try (Pair p = new Pair(Phase.SPLIT, 0, LossyFormats::guess)) {
      Random random = new Random(46);
      Map<String, ProductV2> database = new HashMap<>();
      List<String> wrong = new ArrayList<>();
      int reads = 0;
      Object[][] walk = {
        {Phase.SPLIT, 0},
        {Phase.READ_FALLBACK, 0},
        {Phase.READ_FALLBACK, 100},
        {Phase.DUAL_WRITE, 100},
        {Phase.UNIFIED, 100},
        {Phase.DUAL_WRITE, 100},
        {Phase.READ_FALLBACK, 100},
        {Phase.SPLIT, 100}
      };
      long version = 0;
      for (Object[] step : walk) {
        p.phase((Phase) step[0], (Integer) step[1]);
        for (int op = 0; op < 60; op++) {
          String key = "p" + random.nextInt(12);
          boolean byNew = random.nextBoolean();
          int kind = random.nextInt(10);
          if (kind < 2) {
            ProductV2 next = product(key, ++version, CURRENCIES[random.nextInt(4)]);
            database.put(key, next);
            if (byNew) {
              p.neu.set(key, next);
            } else {
              p.old.set(key, LossyFormats.down(next));
            }
          } else if (kind < 3) {
            database.remove(key);
            if (byNew) {
              p.neu.delete(key);
            } else {
              p.old.delete(key);
            }
          } else {
            reads++;
            ProductV2 truth = database.get(key);
            if (byNew) {
              ProductV2 seen = p.neu.getOrLoad(key, database::get);
              if (!java.util.Objects.equals(seen, truth)) {
                wrong.add(step[0] + ": new runtime read " + seen + ", database has " + truth);
              }
            } else {
              ProductV1 seen = p.old.getOrLoad(key, k -> down(database.get(k)));
              if (!java.util.Objects.equals(seen, down(truth))) {
                wrong.add(step[0] + ": old runtime read " + seen + ", database has " + truth);
              }
            }
          }
        }
      }
      assertThat(reads).isGreaterThan(300);
      assertThat(wrong).as("wrong values served").isEmpty();
      assertThat(
              TwoRuntimes.count(p.newMeters, CacheMetrics.DECODE_FAILURE)
                  + TwoRuntimes.count(p.oldMeters, CacheMetrics.DECODE_FAILURE))
          .isZero();
    }
  }

  private static @Nullable ProductV1 down(@Nullable ProductV2 product) {
    return product == null ? null : LossyFormats.down(product);
  }
}
