package dev.crossgrade.rehearsal;

import dev.crossgrade.router.Phase;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A runtime's {@link VersionedCache} with its own {@link Rollout}, as one process of a fleet has.
 *
 * @param <V> the value type
 */
final class FrameworkCache<V> implements ProductCache<V> {
  private final VersionedCache<String, V> cache;
  private final Rollout rollout;
  private final String keyspace;
  private final LossWatch loss;
  private final BiFunction<Phase, Plan.Writer, RolloutConfig> configOf;

  /**
   * @param loss the watch on the cache's metrics for a lossy downcast
   * @param configOf the rollout config of a phase and writer
   */
  FrameworkCache(
      VersionedCache<String, V> cache,
      Rollout rollout,
      String keyspace,
      LossWatch loss,
      BiFunction<Phase, Plan.Writer, RolloutConfig> configOf) {
    this.cache = cache;
    this.rollout = rollout;
    this.keyspace = keyspace;
    this.loss = loss;
    this.configOf = configOf;
  }

  /**
   * Watches a cache's metrics for the first lossy downcast (one that read back as another value,
   * not one that could not be read back), which is when the router stops serving upcast values: a
   * volatile flag, set when the router registers that counter, so reading it costs nothing.
   */
  static final class LossWatch {
    private volatile boolean seen;

    /** Watches {@code meters}; call before the cache is built on them. */
    static LossWatch on(MeterRegistry meters, String keyspace) {
      LossWatch watch = new LossWatch();
      meters.config().onMeterAdded(meter -> watch.added(meter, keyspace));
      return watch;
    }

    private void added(Meter meter, String keyspace) {
      Meter.Id id = meter.getId();
      if (id.getName().equals("crossgrade.cache.requests")
          && keyspace.equals(id.getTag("keyspace"))
          && "lossy_downcast".equals(id.getTag("outcome"))
          && !"not-read-back".equals(id.getTag("reason"))) {
        seen = true;
      }
    }

    boolean seen() {
      return seen;
    }
  }

  @Override
  public @Nullable V getOrLoad(String key, Function<String, @Nullable V> loader) {
    return cache.getOrLoad(key, loader);
  }

  @Override
  public void set(String key, V value) {
    cache.set(key, value);
  }

  @Override
  public void delete(String key) {
    cache.delete(key);
  }

  @Override
  public boolean provedLossy() {
    return loss.seen();
  }

  @Override
  public void rollout(Phase phase, Plan.Writer writer) {
    RolloutConfig next = configOf.apply(phase, writer);
    if (!rollout.config().keyspace(keyspace).equals(next.keyspace(keyspace))) {
      rollout.apply(next);
    }
  }

  @Override
  public void close() {
    cache.close();
    rollout.close();
  }
}
