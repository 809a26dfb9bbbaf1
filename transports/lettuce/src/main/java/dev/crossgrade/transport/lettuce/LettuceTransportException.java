package dev.crossgrade.transport.lettuce;

import dev.crossgrade.codec.CrossgradeException;

/**
 * A Redis command that failed: the server could not be reached (not connected yet, connection lost,
 * a Cluster node down) or answered with an error. A Lettuce transport's future fails with it, the
 * Lettuce exception as its cause, so no Lettuce type reaches a caller; {@code VersionedCache} turns
 * it into a miss. A command that got no answer in time fails with a {@link
 * java.util.concurrent.TimeoutException} instead, since it may still reach the server.
 */
public final class LettuceTransportException extends CrossgradeException {
  private static final long serialVersionUID = 1L;

  LettuceTransportException(String message, Throwable cause) {
    super(message, cause);
  }

  LettuceTransportException(String message) {
    super(message);
  }
}
