package dev.crossgrade.router;

/** The rollout contract on the embedded store. */
class EmbeddedRolloutTest extends RolloutBehaviourContract {
  @Override
  Backend backend() {
    return Backend.EMBEDDED;
  }
}
