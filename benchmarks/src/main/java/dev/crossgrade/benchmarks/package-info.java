/** JMH benchmarks of Crossgrade's paths against the raw libraries. */
@NullMarked
package dev.crossgrade.benchmarks;

import org.jspecify.annotations.NullMarked;
