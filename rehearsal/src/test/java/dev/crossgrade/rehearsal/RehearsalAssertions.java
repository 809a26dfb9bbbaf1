package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.rehearsal.RehearsalReport.Figures;
import dev.crossgrade.rehearsal.RehearsalReport.Scenario;
import dev.crossgrade.rehearsal.RehearsalReport.Step;
import dev.crossgrade.router.Phase;
import java.util.List;

/**
 * What every rehearsal must show, whatever the cache: shared by the embedded and memcached runs.
 */
final class RehearsalAssertions {
  private RehearsalAssertions() {}

  static void naiveServesFaultsOnceBothRuntimesAreLive(RehearsalReport report) {
    Scenario naive = report.scenario(Strategy.NAIVE);
    Step alone = naive.step("0%").orElseThrow();
    assertThat(alone.all().decodeErrors())
        .as("with only the old runtime live, every payload is its own")
        .isZero();
    assertThat(naive.transition().faultsServed())
        .as("decode errors, wrong or stale values served by NAIVE while both runtimes are live")
        .isPositive();
    assertThat(naive.step("50%").orElseThrow().all().faultsServed()).isPositive();
    assertThat(naive.examples()).isNotEmpty();
  }

  static void frameworkStrategiesServeNoFault(RehearsalReport report) {
    for (Scenario scenario : report.scenarios()) {
      if (scenario.strategy() == Strategy.NAIVE) {
        continue;
      }
      for (Step step : scenario.steps()) {
        Figures all = step.all();
        assertThat(all.reads()).as("%s %s reads", scenario.name(), step.label()).isPositive();
        assertThat(all.faultsServed())
            .as(
                "%s %s: errors %d, failures %d, wrong %d, stale %d; %s",
                scenario.name(),
                step.label(),
                all.decodeErrors(),
                all.otherFailures(),
                all.wrongValues(),
                all.staleValues(),
                scenario.examples())
            .isZero();
      }
    }
  }

  static void readFallbackKeepsTheHitRatioWellAboveSplit(RehearsalReport report) {
    Scenario split = report.scenario(Strategy.SPLIT);
    Scenario fallback = report.scenario(Strategy.READ_FALLBACK);
    // Over both runtimes the gap is small and moves with the machine's load (CI: 0.946 against
    // 0.925 on a busy 2-core machine): above, not by a margin. The new runtime's own gap below is
    // the one READ_FALLBACK exists for.
    assertThat(fallback.transition().hitRatio())
        .as("READ_FALLBACK's hit ratio while both are live, against SPLIT's")
        .isGreaterThan(split.transition().hitRatio());
    double splitNew = newRuntimeHitRatio(split);
    double fallbackNew = newRuntimeHitRatio(fallback);
    assertThat(fallbackNew)
        .as("the new runtime's hit ratio while both are live: READ_FALLBACK against SPLIT")
        .isGreaterThan(splitNew + 0.2);
  }

  /**
   * A lossy pair whose upcaster throws {@code UnderivableValueException}: no error, wrong or stale
   * value in any step, and what it costs: the old runtime's values are misses for the new one, so
   * READ_FALLBACK loses the lead over SPLIT in the new runtime's hit ratio that it has with the
   * default pair (over 0.2, {@link #readFallbackKeepsTheHitRatioWellAboveSplit}).
   */
  static void anUnderivablePairServesNoFaultAndWarmsNothing(RehearsalReport report) {
    assertThat(report.settings().pair()).isEqualTo(ProductPair.LOSSY);
    frameworkStrategiesServeNoFault(report);
    assertThat(newRuntimeHitRatio(report.scenario(Strategy.READ_FALLBACK)))
        .as("the new runtime's hit ratio while both are live: READ_FALLBACK against SPLIT")
        .isLessThan(newRuntimeHitRatio(report.scenario(Strategy.SPLIT)) + 0.2);
  }

  /**
   * A lossy pair whose upcaster guesses: no error or stale value in any step, no wrong value in
   * SPLIT (the new runtime reads only its own generation), and none served by a read that began
   * after the new runtime had seen the pair lose data. (Regression: a READ_FALLBACK back-fill
   * re-encoded the guess into the new generation, where it was served in every later step.)
   */
  static void aGuessingPairServesNoWrongValueOnceItsLossIsSeen(RehearsalReport report) {
    assertThat(report.settings().pair()).isEqualTo(ProductPair.LOSSY_GUESSING);
    for (Scenario scenario : report.scenarios()) {
      if (scenario.strategy() == Strategy.NAIVE) {
        continue;
      }
      for (Step step : scenario.steps()) {
        Figures all = step.all();
        String what = scenario.name() + " " + step.label() + ": " + scenario.examples();
        assertThat(all.reads()).as(what).isPositive();
        assertThat(all.decodeErrors() + all.otherFailures()).as("errors in " + what).isZero();
        assertThat(all.staleValues()).as("stale values in " + what).isZero();
        assertThat(all.wrongValues() - all.wrongBeforeLossSeen())
            .as("wrong values served after the pair proved lossy, in " + what)
            .isZero();
        assertThat(step.oldRuntime().wrongValues()).as("old runtime, " + what).isZero();
      }
    }
    assertThat(report.scenario(Strategy.SPLIT).total().wrongValues()).isZero();
  }

  /**
   * The cohort walk: in each step before the runtimes unify, the new runtime's writes for a listed
   * cohort all wrote the new format, those of the other cohorts none at percent 0, few at 1% and
   * all at 100%; and each cohort wrote, over the walk.
   */
  static void theCohortWalkWritesTheNewFormatForItsCohorts(RehearsalReport report) {
    assertThat(report.settings().walk()).isEqualTo(Walk.COHORTS);
    java.util.Map<String, Long> written = new java.util.TreeMap<>();
    for (Scenario scenario : report.scenarios()) {
      for (Step step : scenario.steps()) {
        if (step.phase() == Phase.UNIFIED) {
          continue; // the old runtime is still live there: the new one writes what it reads
        }
        step.newRuntime()
            .writesByCohort()
            .forEach(
                (cohort, writes) -> {
                  written.merge(cohort, writes.writes(), Long::sum);
                  String what = scenario.name() + " " + step.label() + " " + cohort + " " + writes;
                  if (writes.writes() == 0) {
                    return;
                  }
                  if (step.writerCohorts().contains(cohort) || step.writerPercent() == 100) {
                    assertThat(writes.other()).as(what).isZero();
                  } else if (step.writerPercent() == 0) {
                    assertThat(writes.newFormat()).as(what).isZero();
                  } else {
                    assertThat(writes.newFormatShare()).as(what).isLessThan(0.2);
                  }
                });
        assertThat(step.newRuntime().writesByCohort().keySet())
            .as("cohorts of %s %s", scenario.name(), step.label())
            .isSubsetOf(Cohorts.ALL);
      }
    }
    assertThat(written).containsOnlyKeys(Cohorts.ALL);
    assertThat(written.values()).allSatisfy(n -> assertThat(n).isPositive());
  }

  static double newRuntimeHitRatio(Scenario scenario) {
    long reads = 0;
    long hits = 0;
    for (Step step : scenario.steps()) {
      if (step.bothLive()) {
        reads += step.newRuntime().reads();
        hits += step.newRuntime().hits();
      }
    }
    return reads == 0 ? 0 : (double) hits / reads;
  }

  static void stepsFollowThePlan(RehearsalReport report) {
    List<String> labels = List.of("0%", "1%", "10%", "50%", "100%", "unified");
    List<String> rollbackLabels =
        List.of("0%", "1%", "10%", "50%", "rollback to 10%", "50% again", "100%", "unified");
    List<Integer> shares = List.of(0, 1, 10, 50, 100, 100);
    for (Strategy strategy : Strategy.values()) {
      Scenario scenario = report.scenario(strategy);
      assertThat(scenario.steps()).extracting(Step::label).isEqualTo(labels);
      assertThat(scenario.steps()).extracting(Step::newSharePercent).isEqualTo(shares);
      Phase expected = strategy.phase().orElse(null);
      for (Step step : scenario.steps().subList(0, 5)) {
        assertThat(step.phase()).isEqualTo(expected);
      }
      assertThat(scenario.steps().get(5).phase())
          .isEqualTo(expected == null ? null : Phase.UNIFIED);
    }
    Scenario rollback = report.rollbackScenario().orElseThrow();
    assertThat(rollback.strategy()).isEqualTo(Strategy.DUAL_WRITE);
    assertThat(rollback.steps()).extracting(Step::label).isEqualTo(rollbackLabels);
    assertThat(rollback.steps())
        .extracting(Step::newSharePercent)
        .containsExactly(0, 1, 10, 50, 10, 50, 100, 100);
    for (Scenario scenario : report.scenarios()) {
      Step first = scenario.steps().get(0);
      Step last = scenario.steps().get(scenario.steps().size() - 1);
      assertThat(first.newRuntime().requests())
          .as("%s: new runtime at 0%%", scenario.name())
          .isZero();
      assertThat(first.oldRuntime().requests()).isPositive();
      assertThat(last.oldRuntime().requests())
          .as("%s: old runtime at 100%%", scenario.name())
          .isZero();
      assertThat(last.newRuntime().requests()).isPositive();
      Step half = scenario.step("50%").orElseThrow();
      assertThat(half.oldRuntime().requests()).isPositive();
      assertThat(half.newRuntime().requests()).isPositive();
      assertThat(scenario.timeline()).hasSize(Coordinator.TICKS_PER_STEP * scenario.steps().size());
      assertThat(scenario.runtimes()).hasSize(2);
      for (RehearsalReport.RuntimeFigures runtime : scenario.runtimes()) {
        assertThat(runtime.requests()).isPositive();
        assertThat(runtime.cpuMicrosPerRequest()).isPositive();
        assertThat(runtime.bytesPerValue()).isNotEmpty();
        runtime
            .bytesPerValue()
            .values()
            .forEach(bytes -> assertThat(bytes).isBetween(50.0, 2000.0));
      }
    }
    assertThat(report.scenario(Strategy.NAIVE).runtimes().get(0).bytesPerValue())
        .containsOnlyKeys("kryo4@v1 raw");
    assertThat(report.scenario(Strategy.DUAL_WRITE).runtimes().get(1).bytesPerValue())
        .containsKeys("kryo5@v2", "kryo4@v1");
  }
}
