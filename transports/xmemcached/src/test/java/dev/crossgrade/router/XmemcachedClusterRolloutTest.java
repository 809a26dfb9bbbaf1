package dev.crossgrade.router;

/** The rollout contract on real memcached through Xmemcached (three-node ketama cluster). */
class XmemcachedClusterRolloutTest extends RolloutBehaviourContract {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return TwoRuntimes.on(Backend.XMEMCACHED_CLUSTER, phase, percent);
  }
}
