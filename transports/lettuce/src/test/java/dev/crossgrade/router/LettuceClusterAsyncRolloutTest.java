package dev.crossgrade.router;

/**
 * The rollout contract on a 3-master Redis Cluster through Lettuce through the asynchronous API
 * (every sync call waits on it).
 */
class LettuceClusterAsyncRolloutTest extends LettuceClusterRolloutTest {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return super.open(phase, percent).async();
  }
}
