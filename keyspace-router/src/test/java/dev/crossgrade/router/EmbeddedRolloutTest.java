package dev.crossgrade.router;

/** The rollout contract on the embedded store. */
class EmbeddedRolloutTest extends RolloutBehaviourContract {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return TwoRuntimes.on(Backend.EMBEDDED, phase, percent);
  }
}
