package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.tooling.JdkHomes;
import dev.crossgrade.transport.lettuce.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One rehearsal on a real Redis through Lettuce, each runtime in a worker process of its own (on
 * JDK 17 and JDK 25 when both are installed): the same guarantees as on memcached. Without
 * redis-server it is skipped, unless {@code CI=true}, where it fails.
 */
class RedisRehearsalTest {
  @Test
  void workerProcessesOnARealRedisShowTheSameGuarantees() {
    try (RedisServer server = RedisServer.start()) {
      RehearsalReport report =
          Rehearsal.newBuilder()
              .duration(Duration.ofSeconds(12))
              .seed(1)
              .redis(server.hostPort())
              .workerClassPath(System.getProperty("java.class.path"))
              .build()
              .run();

      RehearsalAssertions.stepsFollowThePlan(report);
      RehearsalAssertions.naiveServesFaultsOnceBothRuntimesAreLive(report);
      RehearsalAssertions.frameworkStrategiesServeNoFault(report);
      RehearsalAssertions.readFallbackKeepsTheHitRatioWellAboveSplit(report);

      assertThat(report.settings().cache()).startsWith("redis " + server.hostPort() + " (lettuce;");
      assertThat(server.keys()).isPositive();
      Map<Integer, Path> homes = JdkHomes.discover();
      if (homes.containsKey(17) && homes.containsKey(25)) {
        assertThat(report.settings().oldRuntime().javaVersion()).startsWith("17");
        assertThat(report.settings().newRuntime().javaVersion()).startsWith("25");
      }
      assertThat(report.settings().oldRuntime().where()).isNotEqualTo("this JVM");
    }
  }
}
