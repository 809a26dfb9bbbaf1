package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.internal.config.WriterCheck;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What a cache needs of its {@link Rollout}, handed to the cache by the rollout's builder side (the
 * API package), so that the rollout's API shows none of it.
 */
public interface RolloutLink {
  /** The config in force. */
  RolloutConfig config();

  /** The thread of capability refreshes and invalidation retries; no file I/O on it. */
  ScheduledExecutorService scheduler();

  /**
   * Registers a cache, after checking that its runtime can write the writer format its keyspace
   * asks for; later changes are checked against it too.
   *
   * @throws IllegalStateException if the config in force asks for a writer it cannot write
   */
  void register(Object cache, String keyspace, String runtime, WriterCheck writer);

  /** Forgets a closed cache. */
  void unregister(Object cache);

  /**
   * {@code holdBacks} of a cache, plus the last change rejected because this cache cannot write its
   * writer format, until a later change is applied.
   */
  List<String> holdBacks(Object cache, List<String> holdBacks);
}
