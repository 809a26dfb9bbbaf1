/** The {@code crossgrade} command line: one picocli subcommand per task. */
@NullMarked
package dev.crossgrade.cli;

import org.jspecify.annotations.NullMarked;
