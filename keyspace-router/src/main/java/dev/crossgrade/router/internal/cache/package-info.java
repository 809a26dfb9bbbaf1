/**
 * The cache engine behind {@link dev.crossgrade.router.VersionedCache}: the pure plan ({@code
 * RolloutPlan}), the read and write paths ({@code Lookup}, {@code Writes}), the back-fill and lease
 * protocol, pending invalidations, capability records, writer selection, metrics, the timeout guard
 * over a transport, and the embedded store. Internal: not exported by the module, no compatibility
 * promise; the API hands the engine what it needs ({@code CacheSettings}, {@code RolloutLink}).
 */
@NullMarked
package dev.crossgrade.router.internal.cache;

import org.jspecify.annotations.NullMarked;
