package dev.crossgrade.junit;

import dev.crossgrade.junit.RuntimeTestList.Mode;
import org.jspecify.annotations.Nullable;

/**
 * What a test's outcome means under a list section: the one rule of the extension, a pure function
 * of the section's mode, whether the list names the test, and whether it passed.
 */
enum Verdict {
  /** Passed where it should: nothing to report. */
  PASSED,
  /** Failed where it must pass: fails the build. */
  FAILED,
  /** Failed where the list allows it: reported, does not fail the build. */
  ALLOWED_FAILURE,
  /**
   * Passed against the list: an excluded test that passes ("remove it from the list"), or a passing
   * test not on an include list ("add it to the list"); fails the build in strict mode.
   */
  FLIP,
  /** Skipped or aborted by the test itself (an assumption, {@code @Disabled}): not judged. */
  SKIPPED;

  /**
   * The verdict on a test.
   *
   * @param mode the section's mode, or null when no section applies to this runtime
   * @param listed whether the section names the test
   * @param outcome what the test did
   */
  static Verdict of(@Nullable Mode mode, boolean listed, Outcome outcome) {
    if (outcome == Outcome.SKIPPED) {
      return SKIPPED;
    }
    boolean passed = outcome == Outcome.PASSED;
    if (mode == null) {
      return passed ? PASSED : FAILED;
    }
    boolean mustPass = mode == Mode.INCLUDE ? listed : !listed;
    if (mustPass) {
      return passed ? PASSED : FAILED;
    }
    return passed ? FLIP : ALLOWED_FAILURE;
  }

  /** Whether this verdict fails the build. */
  boolean failsBuild(boolean strict) {
    return this == FAILED || (this == FLIP && strict);
  }
}
