package dev.crossgrade.junit;

import org.opentest4j.AssertionFailedError;

/** Flips in strict mode: tests whose outcome contradicts the list fail their class. */
final class ListedTestPassed extends AssertionFailedError {
  private static final long serialVersionUID = 1L;

  ListedTestPassed(String message) {
    super(message);
  }
}
