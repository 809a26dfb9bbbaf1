package dev.crossgrade.junit;

import org.opentest4j.TestAbortedException;

/**
 * A failure the list allows on this runtime, reported as an aborted test (skipped, with the reason
 * and the original failure as its cause) so that it does not fail the build.
 */
final class AllowedFailure extends TestAbortedException {
  private static final long serialVersionUID = 1L;

  AllowedFailure(String message, Throwable failure) {
    super(message, failure);
  }
}
