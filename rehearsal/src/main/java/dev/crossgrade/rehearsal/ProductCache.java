package dev.crossgrade.rehearsal;

import dev.crossgrade.router.Phase;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The cache as one runtime's application code uses it: cache-aside reads, and writes after the
 * source of truth changed. Either the framework's {@code VersionedCache} or the naive shared key
 * space.
 *
 * @param <V> the value type
 */
interface ProductCache<V> extends AutoCloseable {
  /**
   * The cached value or the loader's.
   *
   * @throws dev.crossgrade.codec.PayloadException when the cached bytes cannot be read (naive only)
   */
  @Nullable V getOrLoad(String key, Function<String, @Nullable V> loader);

  /** Caches the new value of {@code key}. */
  void set(String key, V value);

  /** Removes {@code key}, which was deleted from the source of truth. */
  void delete(String key);

  /**
   * Whether this runtime has seen its upcaster and downcaster lose data (a downcast that read back
   * as another value), after which it serves no upcast value; false without a framework.
   */
  default boolean provedLossy() {
    return false;
  }

  /** Moves this runtime's rollout to {@code phase} and {@code writer}; the naive cache has none. */
  void rollout(Phase phase, Plan.Writer writer);

  @Override
  void close();
}
