package dev.crossgrade.router;

/** The rollout contract on real memcached through Xmemcached. */
class XmemcachedRolloutTest extends RolloutBehaviourContract {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return TwoRuntimes.on(Backend.XMEMCACHED, phase, percent);
  }
}
