package dev.crossgrade.router;

/** The rollout contract on real memcached through Spymemcached (three-node ketama cluster). */
class SpymemcachedClusterRolloutTest extends RolloutBehaviourContract {
  @Override
  Backend backend() {
    return Backend.SPYMEMCACHED_CLUSTER;
  }
}
