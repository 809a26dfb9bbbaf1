package dev.crossgrade.router;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The router's runs under load ({@link TwoRuntimeRolloutTest}, {@link ReloadUnderLoadTest}) on real
 * memcached: one server and a 3-node cluster, through each client.
 */
class MemcachedRolloutUnderLoadTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "SPYMEMCACHED_CLUSTER", "XMEMCACHED", "XMEMCACHED_CLUSTER"})
  void fullRolloutAndRollback_servesNoErrorAndNoStaleOrWrongValue(Backend backend)
      throws Exception {
    try (TwoRuntimes t = TwoRuntimes.on(backend, Phase.SPLIT, 100)) {
      TwoRuntimeRolloutTest.fullRolloutAndRollback(t);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "XMEMCACHED_CLUSTER"})
  void configReloadsUnderLoad_serveNoErrorAndNoStaleOrWrongValue(Backend backend) throws Exception {
    Duration timeout = Duration.ofMillis(500);
    new ReloadUnderLoadTest()
        .run(
            dir,
            backend.name().toLowerCase(Locale.ROOT),
            backend.connect(backend.servers(), timeout),
            backend.connect(backend.servers(), timeout));
  }
}
