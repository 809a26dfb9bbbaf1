package dev.crossgrade.router;

/** The rule every builder of this package follows: each setting may be set once. */
final class Settings {
  private Settings() {}

  /**
   * @throws IllegalStateException if the setting {@code name} was already set
   */
  static void requireUnset(boolean set, String name) {
    if (set) {
      throw new IllegalStateException(name + " was already set");
    }
  }
}
