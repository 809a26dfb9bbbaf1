package dev.crossgrade.router;

/** The rollout contract on real memcached through Xmemcached (three-node ketama cluster). */
class XmemcachedClusterRolloutTest extends RolloutBehaviourContract {
  @Override
  Backend backend() {
    return Backend.XMEMCACHED_CLUSTER;
  }
}
