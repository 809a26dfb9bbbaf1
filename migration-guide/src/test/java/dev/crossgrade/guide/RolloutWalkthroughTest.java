package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.guide.Carts.CartV1;
import dev.crossgrade.guide.Carts.CartV2;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.KeyRouter;
import dev.crossgrade.router.Phase;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.RolloutConfigException;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The playbook's rollout, played on the embedded cache with the guide's own config files: the old
 * build (Kryo 4, schema v1) and the new build (Kryo 5, schema v2) share one cache while the new
 * build's share of traffic goes 0% -> 1% -> 10% -> 50% -> 100%, with a rollback from 50% to 10%,
 * then UNIFIED and the clean-up. Every read is checked against the source of truth.
 */
class RolloutWalkthroughTest {
  static final Path FILES = Path.of("src/test/resources/rollout");
  static final int KEYS = 40;

  final Map<String, CartV2> database = new ConcurrentHashMap<>();
  final MeterRegistry oldMeters = new SimpleMeterRegistry();
  final MeterRegistry newMeters = new SimpleMeterRegistry();
  final Counter oldStale = oldMeters.counter("app.cache.stale_reads");
  final Counter newStale = newMeters.counter("app.cache.stale_reads");
  final Random random = new Random(20_251_121);
  final List<String> wrong = new ArrayList<>();
  CacheTransport transport = CacheTransport.embedded();
  Rollout oldRollout = Rollout.of(RolloutConfig.load(FILES.resolve("1-split.yaml")));
  Rollout newRollout = Rollout.of(RolloutConfig.load(FILES.resolve("1-split.yaml")));
  VersionedCache<String, CartV1> oldCarts;
  VersionedCache<String, CartV2> newCarts;

  @BeforeEach
  void buildBothRuntimes() {
    for (int i = 0; i < KEYS; i++) {
      database.put("cart-" + i, randomCart("cart-" + i));
    }
    // tag::caches[]
    VersionedCache<String, CartV1> oldCarts =
        VersionedCache.<String, CartV1>newBuilder()
            .keyspace("carts")
            .runtime("shop-v1")
            .registry(Carts.oldRegistry())
            .transport(transport)
            .rollout(oldRollout)
            .meterRegistry(oldMeters)
            .build();

    VersionedCache<String, CartV2> newCarts =
        VersionedCache.<String, CartV2>newBuilder()
            .keyspace("carts")
            .runtime("shop-v2")
            .registry(Carts.newRegistry())
            .compatibleRegistry(Carts.compatibleRegistry())
            .canonicalForm(Carts::downcast) // SHADOW compares what both generations can hold
            .transport(transport)
            .rollout(newRollout)
            .meterRegistry(newMeters)
            .build();
    // end::caches[]
    this.oldCarts = oldCarts;
    this.newCarts = newCarts;
  }

  @AfterEach
  void close() {
    oldCarts.close();
    newCarts.close();
    oldRollout.close();
    newRollout.close();
    transport.close();
  }

  @Test
  void theRolloutAndItsRollbackServeNoWrongValueAndRaiseNoStopReason() {
    step("1-split.yaml", 0.00);
    step("1-split.yaml", 0.01);
    step("2-read-fallback.yaml", 0.01);
    step("2-read-fallback.yaml", 0.10);
    step("3-read-fallback.yaml", 0.10);
    step("4-dual-write.yaml", 0.50);
    step("5-shadow.yaml", 0.50);
    // rollback: back to the 10% step, without a flush
    step("2-read-fallback.yaml", 0.10);
    step("3-read-fallback.yaml", 0.10);
    step("4-dual-write.yaml", 0.50);
    step("4-dual-write.yaml", 1.00);
    step("6-unified.yaml", 1.00);

    assertThat(wrong).isEmpty();
    assertThat(oldStale.count() + newStale.count()).isZero();
    assertThat(RolloutGate.requests(oldMeters, "decode_failure", null)).isZero();
    assertThat(RolloutGate.requests(newMeters, "decode_failure", null)).isZero();
    assertThat(RolloutGate.requests(newMeters, "fallback_hit", null)).isPositive();
    assertThat(RolloutGate.requests(newMeters, "upcast", null)).isPositive();
    assertThat(RolloutGate.requests(newMeters, "shadow_match", null)).isPositive();
    assertThat(RolloutGate.requests(newMeters, "shadow_mismatch", null)).isZero();
  }

  @Test
  void readFallbackWarmsTheNewRuntimeFromTheOldGeneration() {
    step("1-split.yaml", 0.0); // the old runtime fills generation 1
    step("2-read-fallback.yaml", 0.5);
    assertThat(RolloutGate.fallbackHitRatio(newMeters, 1)).isGreaterThan(0.5);
    assertThat(RolloutGate.hitRatio(newMeters)).isGreaterThan(0.5);
    assertThat(wrong).isEmpty();
  }

  @Test
  void theNewRuntimeHoldsBackWhereTheOldOneReadsAndTheGateDoesNotStopForIt() {
    step("4-dual-write.yaml", 0.5);
    VersionedCache.Status status = newCarts.status();
    assertThat(status.holdBacks())
        .containsExactly(
            "live runtime 'shop-v1' reads [kryo4@v1] but not kryo5@v2 in generation g1; writing"
                + " kryo4@v1 instead");
    assertThat(RolloutGate.requests(newMeters, "capability_hold_back", null)).isPositive();
    assertThat(RolloutGate.stopReasons(newMeters, status)).isEmpty();
    assertThat(RolloutGate.stopReasons(oldMeters, oldCarts.status())).isEmpty();
  }

  @Test
  void theGateStopsWhenAnOldReaderMeetsAFormatItCannotRead() {
    step("2-read-fallback.yaml", 0.1);
    // A writer outside the rollout (say, a batch job built from the new code) puts Kryo 5 bytes
    // where the old build reads.
    String key = KeyRouter.withPrefix("shop").physicalKey("carts", 1, "cart-7");
    transport
        .set(key, Carts.newRegistry().encode(database.get("cart-7")), Duration.ofMinutes(1))
        .join();

    CartV1 served = oldCarts.getOrLoad("cart-7", id -> Carts.downcast(database.get(id)));

    assertThat(served).isEqualTo(Carts.downcast(database.get("cart-7"))); // a miss, then a load
    assertThat(RolloutGate.stopReasons(oldMeters, oldCarts.status()))
        .singleElement()
        .asString()
        .startsWith("1 reads met a format this runtime cannot read (unknown-codec)");
  }

  @Test
  void cleanUpNeedsARestartAndTheNewBuildThenUsesItsGenerationAlone() {
    step("4-dual-write.yaml", 1.0);
    step("6-unified.yaml", 1.0);
    RolloutConfig cleanedUp = RolloutConfig.load(FILES.resolve("7-cleaned-up.yaml"));
    assertThatThrownBy(() -> newRollout.apply(cleanedUp))
        .isInstanceOf(RolloutConfigException.class)
        .hasMessageContaining("keyspaces");
    assertThat(newRollout.config().keyspace("carts").orElseThrow().phase())
        .isEqualTo(Phase.UNIFIED);

    // The restart: the new build alone, with the cleaned-up file.
    newCarts.close();
    newRollout.close();
    oldCarts.close();
    newRollout = Rollout.of(cleanedUp);
    newCarts =
        VersionedCache.<String, CartV2>newBuilder()
            .keyspace("carts")
            .runtime("shop-v2")
            .registry(Carts.newRegistry())
            .transport(transport)
            .rollout(newRollout)
            .meterRegistry(newMeters)
            .build();
    double loadsBefore = RolloutGate.requests(newMeters, "loaded", null);
    for (int i = 0; i < KEYS; i++) {
      read(true, "cart-" + i);
    }
    assertThat(newCarts.status().liveGenerations()).containsExactly(2);
    assertThat(RolloutGate.requests(newMeters, "loaded", null) - loadsBefore)
        .as("the new generation stayed warm across the restart")
        .isLessThan(KEYS / 2.0);
    assertThat(wrong).isEmpty();
  }

  /**
   * Applies one of the guide's files to both runtimes and runs traffic at the new build's share.
   */
  void step(String file, double newShare) {
    // tag::advance[]
    RolloutConfig next = RolloutConfig.load(FILES.resolve(file)); // validated; throws if not valid
    oldRollout.apply(next);
    newRollout.apply(next);
    // end::advance[]
    for (int op = 0; op < 300; op++) {
      String key = "cart-" + random.nextInt(KEYS);
      boolean byNew = random.nextDouble() < newShare;
      int kind = random.nextInt(100);
      if (kind < 75) {
        read(byNew, key);
      } else if (kind < 92) {
        CartV2 updated = randomCart(key);
        database.put(key, updated);
        boolean done =
            byNew ? newCarts.set(key, updated) : oldCarts.set(key, Carts.downcast(updated));
        assertThat(done).isTrue();
      } else {
        database.remove(key);
        assertThat(byNew ? newCarts.delete(key) : oldCarts.delete(key)).isTrue();
      }
    }
    assertThat(RolloutGate.stopReasons(oldMeters, oldCarts.status())).as(file).isEmpty();
    assertThat(RolloutGate.stopReasons(newMeters, newCarts.status())).as(file).isEmpty();
  }

  void read(boolean byNew, String key) {
    if (byNew) {
      read(newCarts, key, cart -> cart, newStale);
    } else {
      read(oldCarts, key, Carts::downcast, oldStale);
    }
  }

  /** Reads through a runtime's cache; its view of the source of truth is {@code view}. */
  <V> void read(
      VersionedCache<String, V> cache, String key, Function<CartV2, V> view, Counter stale) {
    Function<String, @Nullable V> load =
        id -> {
          CartV2 cart = database.get(id);
          return cart == null ? null : view.apply(cart);
        };
    V served = RolloutGate.getOrLoadProbed(cache, key, load, 1, stale);
    V truth = load.apply(key);
    if (!Objects.equals(served, truth)) {
      wrong.add(key + ": served " + served + ", source of truth " + truth);
    }
  }

  CartV2 randomCart(String id) {
    List<String> items = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      items.add(List.of("apple", "pear", "plum", "fig").get(random.nextInt(4)));
    }
    return new CartV2(id, items, BigDecimal.valueOf(random.nextInt(100_000), 2));
  }
}
