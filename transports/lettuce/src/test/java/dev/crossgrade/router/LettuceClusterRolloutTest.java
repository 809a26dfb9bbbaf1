package dev.crossgrade.router;

import dev.crossgrade.transport.lettuce.RedisStore;

/** The rollout contract on a three-master Redis Cluster through Lettuce. */
class LettuceClusterRolloutTest extends RolloutBehaviourContract {
  @Override
  TwoRuntimes open(Phase phase, int percent) {
    return TwoRuntimes.over(
        RedisStore.CLUSTER.label(), RedisStore.CLUSTER::connect, phase, percent);
  }
}
