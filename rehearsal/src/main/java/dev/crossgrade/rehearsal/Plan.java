package dev.crossgrade.rehearsal;

import dev.crossgrade.router.Phase;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The scenarios of a rehearsal and their steps: the new runtime's traffic share goes 0% -> 1% ->
 * 10% -> 50% -> 100%, then both unify; the rollback run goes back from 50% to 10% and forward
 * again.
 */
final class Plan {
  private Plan() {}

  /**
   * One step.
   *
   * @param label what the report calls it
   * @param newSharePercent the new runtime's share of the traffic
   * @param phase the phase both runtimes are moved to, or null (naive)
   */
  record StepPlan(String label, int newSharePercent, @Nullable Phase phase) {}

  /**
   * One scenario.
   *
   * @param name what the report calls it
   * @param strategy the strategy
   * @param rollback whether it rolls back
   * @param steps its steps
   */
  record ScenarioPlan(String name, Strategy strategy, boolean rollback, List<StepPlan> steps) {}

  static List<ScenarioPlan> scenarios(List<Strategy> strategies, @Nullable Strategy rollback) {
    List<ScenarioPlan> plans = new ArrayList<>();
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
