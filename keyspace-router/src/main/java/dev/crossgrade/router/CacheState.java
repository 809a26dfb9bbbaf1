package dev.crossgrade.router;

import dev.crossgrade.router.CapabilityBoard.PeerState;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;

/**
 * What one cache works from at a moment: the config in force, what is known of the other runtime,
 * and the plan they give. Replaced whole when either changes; an operation takes one and uses it
 * throughout.
 */
record CacheState(RolloutConfig config, PeerState peer, KeyspaceSpec spec, RolloutPlan plan) {}
