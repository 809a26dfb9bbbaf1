package dev.crossgrade.compat;

import org.jspecify.annotations.Nullable;

/**
 * The rules the matrix builders ({@link MatrixOptions.Builder}, {@link UserJarMatrix.Builder})
 * share: each setting may be set once, and a cell tries at least one value.
 */
final class BuilderSettings {
  private BuilderSettings() {}

  /** Throws if the setting {@code name} already holds {@code current}. */
  static void once(@Nullable Object current, String name) {
    if (current != null) {
      throw new IllegalStateException(name + " was already set to " + current);
    }
  }

  /** {@code tries}, if it is 1 or more. */
  static int tries(int tries) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be 1 or more, was " + tries);
    }
    return tries;
  }
}
