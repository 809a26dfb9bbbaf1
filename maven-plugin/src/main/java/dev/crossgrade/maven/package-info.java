/**
 * The {@code crossgrade:check} goal: this build's cached types against the last release's, through
 * the user-jar check of {@code crossgrade-compat-tests}, with a summary in the log, JSON, HTML and
 * JUnit XML reports, and a failed build on a cache break. Everything but the goal is
 * package-private.
 */
@NullMarked
package dev.crossgrade.maven;

import org.jspecify.annotations.NullMarked;
