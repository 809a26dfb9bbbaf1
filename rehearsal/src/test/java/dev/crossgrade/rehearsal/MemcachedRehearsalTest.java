package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.MemcachedServer;
import dev.crossgrade.tooling.JdkHomes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One rehearsal on a real memcached, each runtime in a worker process of its own (on JDK 17 and JDK
 * 25 when both are installed): the same guarantees as on the embedded cache. Without memcached it
 * is skipped, unless {@code CI=true}, where it fails.
 */
class MemcachedRehearsalTest {
  @Test
  void workerProcessesOnARealMemcachedShowTheSameGuarantees() {
    try (MemcachedServer server = MemcachedServer.start()) {
      RehearsalReport report =
          Rehearsal.newBuilder()
              .duration(Duration.ofSeconds(12))
              .seed(1)
              .memcached(server.hostPort())
              .workerClassPath(System.getProperty("java.class.path"))
              .build()
              .run();

      RehearsalAssertions.stepsFollowThePlan(report);
      RehearsalAssertions.naiveServesFaultsOnceBothRuntimesAreLive(report);
      RehearsalAssertions.frameworkStrategiesServeNoFault(report);
      RehearsalAssertions.readFallbackKeepsTheHitRatioWellAboveSplit(report);

      assertThat(report.settings().cache()).startsWith("memcached " + server.hostPort());
      assertThat(server.items()).isPositive();
      Map<Integer, Path> homes = JdkHomes.discover();
      RehearsalReport.RuntimeInfo old = report.settings().oldRuntime();
      RehearsalReport.RuntimeInfo neu = report.settings().newRuntime();
      if (homes.containsKey(17) && homes.containsKey(25)) {
        assertThat(old.javaVersion()).startsWith("17");
        assertThat(neu.javaVersion()).startsWith("25");
        assertThat(report.settings().cache()).contains("JDK 17 and JDK 25");
      } else {
        assertThat(old.javaVersion()).isEqualTo(System.getProperty("java.version"));
        assertThat(neu.javaVersion()).isEqualTo(System.getProperty("java.version"));
      }
      assertThat(old.where()).isNotEqualTo("this JVM");
    }
  }

  /**
   * The lossy pairs in worker processes on a real memcached (the pair travels to each worker): with
   * an upcaster that cannot derive the currency no fault at all; with one that guesses, no wrong
   * value once the new runtime has seen the pair lose data, and none in SPLIT.
   */
  @Test
  void lossyPairsInWorkerProcessesOnARealMemcachedServeNoWrongValueOnceTheLossIsSeen() {
    try (MemcachedServer server = MemcachedServer.start()) {
      RehearsalReport lossy = lossy(server, ProductPair.LOSSY);
      RehearsalAssertions.anUnderivablePairServesNoFaultAndWarmsNothing(lossy);
      RehearsalReport guessing = lossy(server, ProductPair.LOSSY_GUESSING);
      RehearsalAssertions.aGuessingPairServesNoWrongValueOnceItsLossIsSeen(guessing);
      assertThat(guessing.settings().cache()).startsWith("memcached " + server.hostPort());
      assertThat(guessing.settings().newRuntime().reads()).contains("guesses the currency EUR");
    }
  }

  /** The cohort walk in worker processes: each step's writer travels to the workers. */
  @Test
  void theCohortWalkInWorkerProcessesWritesTheNewFormatForEachStepsCohorts() {
    try (MemcachedServer server = MemcachedServer.start()) {
      RehearsalReport report =
          Rehearsal.newBuilder()
              .duration(Duration.ofSeconds(6))
              .seed(1)
              .keys(4000)
              .writePercent(20)
              .walk(Walk.COHORTS)
              .strategies(Strategy.DUAL_WRITE)
              .memcached(server.hostPort())
              .workerClassPath(System.getProperty("java.class.path"))
              .build()
              .run();
      RehearsalAssertions.frameworkStrategiesServeNoFault(report);
      RehearsalAssertions.theCohortWalkWritesTheNewFormatForItsCohorts(report);
      assertThat(report.settings().cache()).startsWith("memcached " + server.hostPort());
    }
  }

  private static RehearsalReport lossy(MemcachedServer server, ProductPair pair) {
    return Rehearsal.newBuilder()
        .duration(Duration.ofSeconds(8))
        .seed(1)
        .keys(4000)
        .pair(pair)
        .strategies(Strategy.SPLIT, Strategy.READ_FALLBACK, Strategy.DUAL_WRITE)
        .memcached(server.hostPort())
        .workerClassPath(System.getProperty("java.class.path"))
        .build()
        .run();
  }
}
