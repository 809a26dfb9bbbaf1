package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.guide.Carts.CartV1;
import dev.crossgrade.guide.Carts.CartV2;
import dev.crossgrade.guide.RouterReadmeExampleTest.RequestContext;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.KeyRouter;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The playbook's staged rollout by cohort, played with the guide's files on the embedded cache: in
 * READ_FALLBACK the new build writes Kryo 5 for dev, then also for employees, then also for 1% of
 * the other keys, then for all of them, and every value reads back.
 */
class CohortWalkthroughTest {
  static final List<String> WALK =
      List.of(
          "cohorts-1-dev.yaml",
          "cohorts-2-employees.yaml",
          "cohorts-3-one-percent.yaml",
          "cohorts-4-everyone.yaml");
  static final int KEYS = 100;
  static final int KRYO5 = Carts.newRegistry().writerCodec().id();

  final CacheTransport transport = CacheTransport.embedded();
  final Rollout oldRollout =
      Rollout.of(RolloutConfig.load(RolloutWalkthroughTest.FILES.resolve("1-split.yaml")));
  final Rollout newRollout =
      Rollout.of(RolloutConfig.load(RolloutWalkthroughTest.FILES.resolve("1-split.yaml")));
  final VersionedCache<String, CartV1> oldCarts =
      VersionedCache.<String, CartV1>newBuilder()
          .keyspace("carts")
          .runtime("shop-v1")
          .registry(Carts.oldRegistry())
          .transport(transport)
          .rollout(oldRollout)
          .build();
  final VersionedCache<String, CartV2> newCarts =
      VersionedCache.<String, CartV2>newBuilder()
          .keyspace("carts")
          .runtime("shop-v2")
          .registry(Carts.newRegistry())
          .compatibleRegistry(Carts.compatibleRegistry())
          .transport(transport)
          .rollout(newRollout)
          .cohorts(Set.of("dev", "employees", "users"), key -> RequestContext.current().cohort())
          .build();
  final KeyRouter keys = KeyRouter.withPrefix("shop");

  @AfterEach
  void close() {
    RequestContext.CURRENT.remove();
    oldCarts.close();
    newCarts.close();
    oldRollout.close();
    newRollout.close();
    transport.close();
  }

  @Test
  void theWalkWritesKryo5ForDevThenEmployeesThenOnePercentOfUsersThenEveryone() {
    Map<String, Map<String, Integer>> kryo5 = new LinkedHashMap<>();
    for (String file : WALK) {
      RolloutConfig next = RolloutConfig.load(RolloutWalkthroughTest.FILES.resolve(file));
      oldRollout.apply(next);
      newRollout.apply(next);
      Map<String, Integer> written = new LinkedHashMap<>();
      for (String cohort : List.of("dev", "employees", "users")) {
        written.put(cohort, writeAs(cohort));
      }
      kryo5.put(file, written);
    }
    assertThat(kryo5.get("cohorts-1-dev.yaml"))
        .containsExactly(Map.entry("dev", KEYS), Map.entry("employees", 0), Map.entry("users", 0));
    assertThat(kryo5.get("cohorts-2-employees.yaml"))
        .containsExactly(
            Map.entry("dev", KEYS), Map.entry("employees", KEYS), Map.entry("users", 0));
    // 1% of the other keys, by a sticky hash of the key: about one of these hundred.
    Map<String, Integer> onePercent = kryo5.get("cohorts-3-one-percent.yaml");
    assertThat(onePercent).containsEntry("dev", KEYS).containsEntry("employees", KEYS);
    assertThat(onePercent.get("users")).isLessThan(10);
    assertThat(kryo5.get("cohorts-4-everyone.yaml"))
        .containsExactly(
            Map.entry("dev", KEYS), Map.entry("employees", KEYS), Map.entry("users", KEYS));
    assertThat(newCarts.status().writerCohorts()).containsExactly("dev", "employees");
  }

  /** Writes {@link #KEYS} carts as requests of {@code cohort}; how many went to Kryo 5. */
  private int writeAs(String cohort) {
    RequestContext.CURRENT.set(new RequestContext(cohort));
    int inKryo5 = 0;
    for (int i = 0; i < KEYS; i++) {
      String id = cohort + "-" + i;
      CartV2 cart = new CartV2(id, List.of("tea"), BigDecimal.valueOf(i, 2));
      assertThat(newCarts.set(id, cart)).isTrue();
      byte[] stored = transport.get(keys.physicalKey("carts", 2, id)).join().orElseThrow();
      inKryo5 += PayloadHeader.read(stored).codecId() == KRYO5 ? 1 : 0;
      assertThat(newCarts.get(id)).contains(cart);
    }
    return inKryo5;
  }
}
