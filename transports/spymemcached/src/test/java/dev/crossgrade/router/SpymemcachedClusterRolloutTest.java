package dev.crossgrade.router;

/** The rollout contract on real memcached through Spymemcached (three-node ketama cluster). */
class SpymemcachedClusterRolloutTest extends RolloutBehaviourContract {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return TwoRuntimes.on(Backend.SPYMEMCACHED_CLUSTER, phase, percent);
  }
}
