package dev.crossgrade.router;

import dev.crossgrade.transport.lettuce.RedisStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The router's randomized runs on Redis, standalone and Cluster: the whole rollout and rollback
 * with traffic ({@link TwoRuntimeRolloutTest}), and config reloads under load, bad files among them
 * ({@link ReloadUnderLoadTest}). Every value read is checked against the source of truth.
 */
class LettuceRolloutUnderLoadTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void fullRolloutAndRollback_servesNoErrorAndNoStaleOrWrongValue(RedisStore store)
      throws Exception {
    try (TwoRuntimes t = TwoRuntimes.over(store.label(), store::connect, Phase.SPLIT, 100)) {
      TwoRuntimeRolloutTest.fullRolloutAndRollback(t);
    }
  }

  @ParameterizedTest
  @EnumSource(RedisStore.class)
  void configReloadsUnderLoad_serveNoErrorAndNoStaleOrWrongValue(RedisStore store)
      throws Exception {
    Duration timeout = Duration.ofMillis(500);
    new ReloadUnderLoadTest()
        .run(dir, store.label(), store.connect(timeout), store.connect(timeout));
  }
}
