package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.Phase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The checks of a runtime are real: a cache that forgets to invalidate serves stale values, and one
 * that mixes keys up serves wrong values, and the runtime counts both; a correct cache gets none.
 */
class RuntimeNodeTest {

  /** Caches what it loads and never changes it: updates and deletes do not reach it. */
  static class ForgetfulCache<V> implements ProductCache<V> {
    final Map<String, V> values = new ConcurrentHashMap<>();

    @Override
    public @Nullable V getOrLoad(String key, Function<String, @Nullable V> loader) {
      V cached = values.get(key);
      if (cached != null) {
        return cached;
      }
      V loaded = loader.apply(key);
      if (loaded != null) {
        values.put(key, loaded);
      }
      return loaded;
    }

    @Override
    public void set(String key, V value) {}

    @Override
    public void delete(String key) {}

    @Override
    public void rollout(Phase phase, Plan.Writer writer) {}

    @Override
    public void close() {}
  }

  /** Kept up to date, but serves key p1's value for key p2. */
  static final class MixingCache<V> extends ForgetfulCache<V> {
    @Override
    public @Nullable V getOrLoad(String key, Function<String, @Nullable V> loader) {
      if (key.equals("p2") && values.containsKey("p1")) {
        return values.get("p1");
      }
      return super.getOrLoad(key, loader);
    }

    @Override
    public void set(String key, V value) {
      values.put(key, value);
    }

    @Override
    public void delete(String key) {
      values.remove(key);
    }
  }

  private static StepStats run(ProductCache<ProductV2> cache, int threads)
      throws InterruptedException {
    Workload workload = new Workload(200, 0.99, threads, 2_000, 0.3, 7);
    RuntimeNode<ProductV2> node =
        new RuntimeNode<>(Side.neu(), workload, VersionStore.inMemory(workload.keys()));
    node.beginScenario(cache);
    node.startStep(null, Plan.Writer.EVERY_KEY, 100, 2, 400_000_000L);
    Thread.sleep(800);
    StepStats stats = node.stopStep();
    node.endScenario();
    return stats;
  }

  @Test
  void aCacheThatIsNeverInvalidatedServesStaleValuesAndTheyAreCounted() throws Exception {
    StepStats stats = run(new ForgetfulCache<>(), 2);
    assertThat(stats.reads()).isPositive();
    assertThat(stats.updates()).isPositive();
    assertThat(stats.staleValues()).isPositive();
    assertThat(stats.wrongValues()).isZero();
    assertThat(stats.examples())
        .anyMatch(example -> example.startsWith("stale value in the new runtime: "));
  }

  @Test
  void aCacheThatMixesUpKeysServesWrongValuesAndTheyAreCounted() throws Exception {
    StepStats stats = run(new MixingCache<>(), 1);
    assertThat(stats.wrongValues()).isPositive();
    assertThat(stats.examples())
        .anyMatch(
            example ->
                example.startsWith("wrong value in the new runtime: ")
                    && example.contains("sku-2"));
  }

  /** One thread: a cache without leases is only right when no update races a fill. */
  @Test
  void aCacheThatIsUpdatedInPlaceServesNothingWrongToASingleThread() throws Exception {
    ForgetfulCache<ProductV2> correct =
        new ForgetfulCache<>() {
          @Override
          public void set(String key, ProductV2 value) {
            values.put(key, value);
          }

          @Override
          public void delete(String key) {
            values.remove(key);
          }
        };
    StepStats stats = run(correct, 1);
    assertThat(stats.reads()).isPositive();
    assertThat(stats.hits()).isPositive();
    assertThat(stats.loads()).isPositive();
    assertThat(stats.updates() + stats.deletes()).isPositive();
    assertThat(stats.wrongValues() + stats.staleValues() + stats.decodeErrors()).isZero();
    assertThat(stats.tickReads()).hasSize(2);
    assertThat(stats.tickReads()[0] + stats.tickReads()[1]).isEqualTo(stats.reads());
    assertThat(stats.cpuNanos()).isPositive();
  }
}
