package dev.crossgrade.router;

/**
 * The rollout contract on a 3-node memcached cluster through spymemcached through the asynchronous
 * API (every sync call waits on it).
 */
class SpymemcachedClusterAsyncRolloutTest extends SpymemcachedClusterRolloutTest {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return super.open(phase, percent).async();
  }
}
