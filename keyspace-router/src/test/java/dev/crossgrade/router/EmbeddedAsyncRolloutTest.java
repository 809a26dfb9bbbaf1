package dev.crossgrade.router;

/**
 * The rollout contract on the embedded store through the asynchronous API (every sync call waits on
 * it).
 */
class EmbeddedAsyncRolloutTest extends EmbeddedRolloutTest {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return super.open(phase, percent).async();
  }
}
