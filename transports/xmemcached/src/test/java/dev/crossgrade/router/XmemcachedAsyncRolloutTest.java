package dev.crossgrade.router;

/**
 * The rollout contract on one memcached server through xmemcached through the asynchronous API
 * (every sync call waits on it).
 */
class XmemcachedAsyncRolloutTest extends XmemcachedRolloutTest {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return super.open(phase, percent).async();
  }
}
