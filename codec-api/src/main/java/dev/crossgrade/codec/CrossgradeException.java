package dev.crossgrade.codec;

/** The root of every unchecked exception that Crossgrade throws. */
public abstract class CrossgradeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message and an optional cause. */
  protected CrossgradeException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception with a message. */
  protected CrossgradeException(String message) {
    super(message);
  }
}
