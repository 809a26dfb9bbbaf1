package dev.crossgrade.rehearsal;

import dev.crossgrade.codec.CrossgradeException;

/**
 * A rehearsal could not run to its end: a worker process did not start or died, a cache operation
 * hung, or the coordinator was interrupted. The message says which, with the worker's last output
 * where there is one.
 */
public final class RehearsalException extends CrossgradeException {
  private static final long serialVersionUID = 1L;

  /** A failure with a message and its cause. */
  public RehearsalException(String message, Throwable cause) {
    super(message, cause);
  }

  /** A failure with a message. */
  public RehearsalException(String message) {
    super(message);
  }
}
