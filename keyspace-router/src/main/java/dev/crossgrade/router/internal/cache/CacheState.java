package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.internal.cache.CapabilityBoard.PeerState;

/**
 * What one cache works from at a moment: the config in force, what is known of the other runtime,
 * and the plan they give. Replaced whole when either changes; an operation takes one and uses it
 * throughout.
 */
public record CacheState(
    RolloutConfig config, PeerState peer, KeyspaceSpec spec, RolloutPlan plan) {}
