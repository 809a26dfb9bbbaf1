/** The cross-runtime compatibility harness and the compatibility matrix. */
@NullMarked
package dev.crossgrade.compat;

import org.jspecify.annotations.NullMarked;
