package dev.crossgrade.junit;

import dev.crossgrade.codec.CrossgradeException;

/** A suite that {@link SuiteComparison} could not run or whose reports it could not read. */
public final class SuiteComparisonException extends CrossgradeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public SuiteComparisonException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public SuiteComparisonException(String message, Throwable cause) {
    super(message, cause);
  }
}
