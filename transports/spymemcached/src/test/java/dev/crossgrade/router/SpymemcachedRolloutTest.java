package dev.crossgrade.router;

/** The rollout contract on real memcached through Spymemcached. */
class SpymemcachedRolloutTest extends RolloutBehaviourContract {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return TwoRuntimes.on(Backend.SPYMEMCACHED, phase, percent);
  }
}
