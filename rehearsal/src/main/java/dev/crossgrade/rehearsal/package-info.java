/** The rollout rehearsal: two runtimes, one cache, every strategy compared. */
@NullMarked
package dev.crossgrade.rehearsal;

import org.jspecify.annotations.NullMarked;
