package dev.crossgrade.codec;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules every builder of Crossgrade follows (the registry's, the router's, the transport
 * modules'), written once: each setting may be set once, and a timeout is over 0 and at most 60 s.
 * Public for the builders of other modules.
 */
public final class BuilderChecks {
  private static final Duration LONGEST_TIMEOUT = Duration.ofSeconds(60);

  private BuilderChecks() {}

  /**
   * Checks that a setting is set for the first time.
   *
   * @param set whether the setting {@code name} was already set
   * @throws IllegalStateException if it was
   */
  public static void requireUnset(boolean set, String name) {
    if (set) {
      throw new IllegalStateException(name + " was already set");
    }
  }

  /**
   * Checks a timeout setting.
   *
   * @return {@code timeout}
   * @throws IllegalArgumentException if it is zero, negative or over 60 s
   */
  public static Duration timeout(Duration timeout, String name) {
    Objects.requireNonNull(timeout, name);
    if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(LONGEST_TIMEOUT) > 0) {
      throw new IllegalArgumentException(name + " must be over 0 and at most 60s, was " + timeout);
    }
    return timeout;
  }
}
