package dev.crossgrade.router;

/** The rollout contract on real memcached through Spymemcached. */
class SpymemcachedRolloutTest extends RolloutBehaviourContract {
  @Override
  Backend backend() {
    return Backend.SPYMEMCACHED;
  }
}
