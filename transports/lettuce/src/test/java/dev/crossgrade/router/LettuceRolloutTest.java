package dev.crossgrade.router;

import dev.crossgrade.transport.lettuce.RedisStore;

/** The rollout contract on a standalone Redis through Lettuce. */
class LettuceRolloutTest extends RolloutBehaviourContract {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return TwoRuntimes.over(
        RedisStore.STANDALONE.label(), RedisStore.STANDALONE::connect, phase, percent);
  }
}
