/** Routes logical cache keys to per-generation memcached keys and runs the staged rollout. */
@NullMarked
package dev.crossgrade.router;

import org.jspecify.annotations.NullMarked;
