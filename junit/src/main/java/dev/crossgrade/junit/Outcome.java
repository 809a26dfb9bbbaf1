package dev.crossgrade.junit;

/** What a test did on a runtime, before any list is applied. */
public enum Outcome {
  /** Every invocation passed. */
  PASSED,
  /** At least one invocation failed. */
  FAILED,
  /** Skipped, disabled or aborted by an assumption; nothing ran to completion. */
  SKIPPED;

  /** The outcome of a test with these invocation outcomes: failed if any failed, and so on. */
  Outcome and(Outcome other) {
    if (this == FAILED || other == FAILED) {
      return FAILED;
    }
    return this == PASSED || other == PASSED ? PASSED : SKIPPED;
  }
}
