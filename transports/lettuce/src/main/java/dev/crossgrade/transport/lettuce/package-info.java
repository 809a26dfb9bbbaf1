/**
 * Redis as the shared cache, through Lettuce: {@link LettuceTransport} for a standalone server or a
 * Redis Cluster, and the providers of the {@code transport.client} names {@code lettuce} and {@code
 * lettuce-cluster}. Every generation of a logical key lives in one Cluster slot, the back-fill's
 * compare-and-swap is a Lua script, and failures and timeouts are failed futures that {@code
 * VersionedCache} turns into misses.
 */
@NullMarked
package dev.crossgrade.transport.lettuce;

import org.jspecify.annotations.NullMarked;
