package dev.crossgrade.spring;

import dev.crossgrade.codec.CrossgradeException;

/**
 * A Spring cache that Crossgrade cannot serve as set up: a cache name with no keyspace in the
 * rollout file, no codec registry for it, a runtime the file does not name, a key or value of a
 * type the cache cannot take, or an operation (such as {@code clear()}) that a shared versioned
 * cache cannot do safely. The message says what was wrong and how to fix it. Thrown at startup
 * where the problem can be found then, otherwise by the operation.
 */
public final class CacheSetupException extends CrossgradeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; the message says what is wrong and the fix. */
  public CacheSetupException(String message) {
    super(message);
  }

  /** Creates the exception with its cause. */
  public CacheSetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
