package dev.crossgrade.rehearsal;

import dev.crossgrade.router.Phase;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The scenarios of a rehearsal and their steps. In the {@link Walk#TRAFFIC traffic walk} the new
 * runtime's traffic share goes 0% -> 1% -> 10% -> 50% -> 100%, then both unify; the rollback run
 * goes back from 50% to 10% and forward again. In the {@link Walk#COHORTS cohort walk} the writer
 * goes dev -> employees -> 1% -> 100% while both runtimes serve half the traffic, then both unify.
 */
final class Plan {
  private Plan() {}

  /**
   * What the new runtime's writer writes in the new format: the keys of requests of {@code
   * cohorts}, and {@code percent} of the other keys (by a sticky hash of the key).
   *
   * @param cohorts the cohorts, in {@link Cohorts#ALL}'s order
   * @param percent the share of the other keys, 0 to 100
   */
  record Writer(List<String> cohorts, int percent) {
    /** Every key, no cohorts: the traffic walk's writer. */
    static final Writer EVERY_KEY = new Writer(List.of(), 100);

    Writer {
      cohorts = List.copyOf(cohorts);
    }

    /** As the worker protocol carries it: {@code dev,employees/1}, or {@code -/100}. */
    String encode() {
      return (cohorts.isEmpty() ? "-" : String.join(",", cohorts)) + "/" + percent;
    }

    static Writer decode(String text) {
      int slash = text.lastIndexOf('/');
      String names = text.substring(0, slash);
      return new Writer(
          names.equals("-") ? List.of() : List.of(names.split(",", -1)),
          Integer.parseInt(text.substring(slash + 1)));
    }
  }

  /**
   * One step.
   *
   * @param label what the report calls it
   * @param newSharePercent the new runtime's share of the traffic
   * @param phase the phase both runtimes are moved to, or null (naive)
   * @param writer what the new runtime writes in the new format
   */
  record StepPlan(String label, int newSharePercent, @Nullable Phase phase, Writer writer) {
    StepPlan(String label, int newSharePercent, @Nullable Phase phase) {
      this(label, newSharePercent, phase, Writer.EVERY_KEY);
    }
  }

  /**
   * One scenario.
   *
   * @param name what the report calls it
   * @param strategy the strategy
   * @param rollback whether it rolls back
   * @param steps its steps
   */
  record ScenarioPlan(String name, Strategy strategy, boolean rollback, List<StepPlan> steps) {}

  static List<ScenarioPlan> scenarios(
      List<Strategy> strategies, @Nullable Strategy rollback, Walk walk) {
    List<ScenarioPlan> plans = new ArrayList<>();
    if (walk == Walk.COHORTS) {
      for (Strategy strategy : strategies) {
        Phase phase = strategy.phase().orElse(null);
        if (phase != null) {
          plans.add(
              new ScenarioPlan(
                  strategy.name() + " by cohort", strategy, false, cohortSteps(phase)));
        }
      }
      return plans;
    }
    for (Strategy strategy : strategies) {
      plans.add(new ScenarioPlan(strategy.name(), strategy, false, steps(strategy, false)));
    }
    if (rollback != null) {
      plans.add(
          new ScenarioPlan(
              rollback.name() + " with rollback", rollback, true, steps(rollback, true)));
    }
    return plans;
  }

  /** The staged rollout by cohort: dev, employees, 1% and 100% of the rest, then unified. */
  static List<StepPlan> cohortSteps(Phase phase) {
    List<String> dev = List.of(Cohorts.DEV);
    List<String> staff = List.of(Cohorts.DEV, Cohorts.EMPLOYEES);
    return List.of(
        new StepPlan("dev", 50, phase, new Writer(dev, 0)),
        new StepPlan("employees", 50, phase, new Writer(staff, 0)),
        new StepPlan("1% of users", 50, phase, new Writer(staff, 1)),
        new StepPlan("100%", 50, phase, new Writer(staff, 100)),
        new StepPlan("unified", 100, Phase.UNIFIED, new Writer(staff, 100)));
  }

  static List<StepPlan> steps(Strategy strategy, boolean rollback) {
    Phase phase = strategy.phase().orElse(null);
    List<StepPlan> steps = new ArrayList<>();
    steps.add(new StepPlan("0%", 0, phase));
    steps.add(new StepPlan("1%", 1, phase));
    steps.add(new StepPlan("10%", 10, phase));
    steps.add(new StepPlan("50%", 50, phase));
    if (rollback) {
      steps.add(new StepPlan("rollback to 10%", 10, phase));
      steps.add(new StepPlan("50% again", 50, phase));
    }
    steps.add(new StepPlan("100%", 100, phase));
    steps.add(new StepPlan("unified", 100, phase == null ? null : Phase.UNIFIED));
    return steps;
  }
}
