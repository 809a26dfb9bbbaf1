package dev.crossgrade.rehearsal;

import dev.crossgrade.router.Phase;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
  private final MeterRegistry meters;

  FrameworkCache(
      VersionedCache<String, V> cache, Rollout rollout, String keyspace, MeterRegistry meters) {
    this.cache = cache;
    this.rollout = rollout;
    this.keyspace = keyspace;
    this.meters = meters;
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

  /** From the cache's metrics: a lossy downcast other than one that could not be read back. */
  @Override
  public boolean provedLossy() {
    for (Counter counter :
        meters
            .find("crossgrade.cache.requests")
            .tag("keyspace", keyspace)
            .tag("outcome", "lossy_downcast")
            .counters()) {
      if (counter.count() > 0 && !"not-read-back".equals(counter.getId().getTag("reason"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void phase(Phase phase) {
    if (rollout.config().keyspace(keyspace).orElseThrow().phase() != phase) {
      rollout.setPhase(keyspace, phase);
    }
  }

  @Override
  public void close() {
    cache.close();
    rollout.close();
  }
}
