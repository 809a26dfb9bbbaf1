package dev.crossgrade.router;

/**
 * The rollout contract on a 3-node memcached cluster through xmemcached through the asynchronous
 * API (every sync call waits on it).
 */
class XmemcachedClusterAsyncRolloutTest extends XmemcachedClusterRolloutTest {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return super.open(phase, percent).async();
  }
}
