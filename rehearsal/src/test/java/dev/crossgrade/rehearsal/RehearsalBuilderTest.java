package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.tooling.JdkHomes;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The settings of a rehearsal: each set once, checked, with messages that name the knob. */
class RehearsalBuilderTest {
  @Test
  void eachSettingMayBeSetOnce() {
    assertThatThrownBy(() -> Rehearsal.newBuilder().seed(1).seed(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("seed was already set to 1");
    assertThatThrownBy(
            () ->
                Rehearsal.newBuilder()
                    .duration(Duration.ofSeconds(5))
                    .duration(Duration.ofSeconds(6)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("duration was already set");
    assertThatThrownBy(() -> Rehearsal.newBuilder().rollback(null).rollback(Strategy.SPLIT))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void memcachedMustBeHostAndPort() {
    Rehearsal.newBuilder().memcached("127.0.0.1:11211");
    Rehearsal.newBuilder().memcached("[::1]:11211");
    Rehearsal.newBuilder().memcached("cache-1.example:11211");
    for (String bad : new String[] {"127.0.0.1", "host:0", "host:70000", ":11211", "a b:1"}) {
      assertThatThrownBy(() -> Rehearsal.newBuilder().memcached(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("HOST:PORT")
          .hasMessageContaining(bad);
    }
  }

  @Test
  void redisMustBeHostAndPort_andIsNotSetWithMemcached() {
    assertThat(Rehearsal.newBuilder().redis("127.0.0.1:6379").build().redis)
        .isEqualTo("127.0.0.1:6379");
    for (String bad : new String[] {"127.0.0.1", "host:0", "redis://h:6379"}) {
      assertThatThrownBy(() -> Rehearsal.newBuilder().redis(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("redis must be HOST:PORT")
          .hasMessageContaining("127.0.0.1:6379")
          .hasMessageContaining(bad);
    }
    assertThatThrownBy(() -> Rehearsal.newBuilder().redis("h:6379").memcached("h:11211").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("choose one cache");
  }

  @Test
  void aDurationTooShortForTheStepsSaysHowLongItMustBe() {
    assertThatThrownBy(() -> Rehearsal.newBuilder().duration(Duration.ofSeconds(2)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 steps of 62 ms")
        .hasMessageContaining("at least 3200 ms");
    Rehearsal fewer =
        Rehearsal.newBuilder()
            .duration(Duration.ofSeconds(2))
            .strategies(Strategy.SPLIT, Strategy.READ_FALLBACK)
            .rollback(null)
            .build();
    assertThat(fewer.strategies).containsExactly(Strategy.SPLIT, Strategy.READ_FALLBACK);
    assertThat(fewer.rollback).isNull();
  }

  @Test
  void theCohortWalkRunsEachFrameworkStrategyWithoutARollbackRun() {
    Rehearsal walk = Rehearsal.newBuilder().walk(Walk.COHORTS).build();
    assertThat(walk.plans())
        .extracting(Plan.ScenarioPlan::name)
        .containsExactly("SPLIT by cohort", "READ_FALLBACK by cohort", "DUAL_WRITE by cohort");
    assertThat(walk.plans().get(1).steps())
        .extracting(Plan.StepPlan::label)
        .containsExactly("dev", "employees", "1% of users", "100%", "unified");
    assertThat(walk.plans().get(1).steps())
        .extracting(Plan.StepPlan::writer)
        .containsExactly(
            new Plan.Writer(java.util.List.of("dev"), 0),
            new Plan.Writer(java.util.List.of("dev", "employees"), 0),
            new Plan.Writer(java.util.List.of("dev", "employees"), 1),
            new Plan.Writer(java.util.List.of("dev", "employees"), 100),
            new Plan.Writer(java.util.List.of("dev", "employees"), 100));
    assertThatThrownBy(
            () -> Rehearsal.newBuilder().walk(Walk.COHORTS).rollback(Strategy.DUAL_WRITE).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the cohort walk has no rollback run");
    assertThatThrownBy(
            () -> Rehearsal.newBuilder().walk(Walk.COHORTS).strategies(Strategy.NAIVE).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NAIVE has no writer");
    assertThat(Walk.of("cohorts")).isEqualTo(Walk.COHORTS);
    assertThatThrownBy(() -> Walk.of("cohort"))
        .hasMessage("walk 'cohort' is not one of traffic, cohorts");
    assertThat(Plan.Writer.decode(new Plan.Writer(java.util.List.of("dev"), 1).encode()))
        .isEqualTo(new Plan.Writer(java.util.List.of("dev"), 1));
    assertThat(Plan.Writer.decode(Plan.Writer.EVERY_KEY.encode())).isEqualTo(Plan.Writer.EVERY_KEY);
  }

  @Test
  void defaultsMakeARunOfUnderOneMinute() {
    Rehearsal rehearsal = Rehearsal.newBuilder().build();
    assertThat(rehearsal.duration).isEqualTo(Rehearsal.DEFAULT_DURATION);
    assertThat(rehearsal.duration).isLessThan(Duration.ofSeconds(50));
    assertThat(rehearsal.workload.keys()).isEqualTo(10_000);
    assertThat(rehearsal.workload.threadsPerRuntime()).isGreaterThan(1);
    assertThat(rehearsal.strategies).containsExactly(Strategy.values());
    assertThat(rehearsal.rollback).isEqualTo(Strategy.DUAL_WRITE);
    assertThat(rehearsal.memcached).isNull();
  }

  @Test
  void rangesAreChecked() {
    assertThatThrownBy(() -> Rehearsal.newBuilder().keys(10))
        .hasMessage("keys must be 100 to 1,000,000, was 10");
    assertThatThrownBy(() -> Rehearsal.newBuilder().writePercent(60))
        .hasMessage("writePercent must be 0 to 50, was 60");
    assertThatThrownBy(() -> Rehearsal.newBuilder().strategies(Strategy.SPLIT, Strategy.SPLIT))
        .hasMessage("strategy SPLIT is listed twice");
    assertThatThrownBy(() -> Rehearsal.newBuilder().duration(Duration.ofHours(2)))
        .hasMessageContaining("at most 1 hour");
  }

  @Test
  void aWorkerThatCannotStartIsReportedWithItsOutput() {
    Rehearsal rehearsal =
        Rehearsal.newBuilder()
            .duration(Duration.ofSeconds(4))
            .memcached("127.0.0.1:11211")
            .workerClassPath("/nonexistent/crossgrade.jar")
            .javaHomes(JdkHomes.current(), JdkHomes.current())
            .build();
    assertThatThrownBy(rehearsal::run)
        .isInstanceOf(RehearsalException.class)
        .hasMessageContaining("old runtime's worker")
        .hasMessageContaining("exited while running 'init")
        .hasMessageContaining(RehearsalWorker.class.getName());
  }

  @Test
  void javaHomesFindsThisJvm() {
    assertThat(JdkHomes.discover()).containsValue(JdkHomes.current());
    assertThat(JdkHomes.current()).isEqualTo(Path.of(System.getProperty("java.home")));
  }
}
