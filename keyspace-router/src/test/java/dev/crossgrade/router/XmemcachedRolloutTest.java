package dev.crossgrade.router;

/** The rollout contract on real memcached through Xmemcached. */
class XmemcachedRolloutTest extends RolloutBehaviourContract {
  @Override
  Backend backend() {
    return Backend.XMEMCACHED;
  }
}
