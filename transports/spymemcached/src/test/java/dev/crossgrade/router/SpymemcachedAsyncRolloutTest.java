package dev.crossgrade.router;

/**
 * The rollout contract on one memcached server through spymemcached through the asynchronous API
 * (every sync call waits on it).
 */
class SpymemcachedAsyncRolloutTest extends SpymemcachedRolloutTest {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return super.open(phase, percent).async();
  }
}
