/**
 * The cross-runtime compatibility harness: values generated with jqwik (including the known traps),
 * written by one runtime and read by another (a forked JDK worker, this JVM, or an isolated class
 * loader holding one build of an application), compared under a declared equivalence, with failures
 * shrunk to a minimal counterexample. {@link dev.crossgrade.compat.CompatibilityMatrix#builtIn}
 * runs the project's built-in matrix and {@link dev.crossgrade.compat.UserJarMatrix} a user's
 * cached types between two builds, with each build's {@link
 * dev.crossgrade.compat.CachedTypesProvider} (its production registries) or a default setup; both
 * return a {@link dev.crossgrade.compat.MatrixReport} (text, JSON, HTML).
 */
@NullMarked
package dev.crossgrade.compat;

import org.jspecify.annotations.NullMarked;
