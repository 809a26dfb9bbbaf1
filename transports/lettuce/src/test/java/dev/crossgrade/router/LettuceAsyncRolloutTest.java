package dev.crossgrade.router;

/**
 * The rollout contract on standalone Redis through Lettuce through the asynchronous API (every sync
 * call waits on it).
 */
class LettuceAsyncRolloutTest extends LettuceRolloutTest {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return super.open(phase, percent).async();
  }
}
