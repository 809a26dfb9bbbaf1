package dev.crossgrade.rehearsal;

import org.jspecify.annotations.Nullable;

/**
 * Checks a value served for a key against the source of truth: it must be exactly the content of
 * one version of the key (else it is wrong), and that version must be no older than the one that
 * was completed when the read began (else it is stale). Nothing may be served only if some version
 * since then was a deletion.
 */
final class ValueCheck {
  private ValueCheck() {}

  /**
   * What was wrong with a value.
   *
   * @param stale true for a stale value, false for a wrong one
   * @param message what was served, for which key, and what was expected
   */
  record Violation(boolean stale, String message) {}

  /**
   * Checks {@code value}, served for key {@code index} by a read that began when version {@code
   * before} was completed and ended when version {@code now} was current.
   *
   * @return the violation, or null when the value is right
   */
  static <V> @Nullable Violation check(
      Side<V> side, Catalog catalog, int index, long before, long now, @Nullable V value) {
    if (value == null) {
      for (long v = before; v <= now; v++) {
        if (catalog.deleted(index, v)) {
          return null;
        }
      }
      return new Violation(
          true,
          "served nothing for %s, which exists in every version %s..%s"
              .formatted(Catalog.sku(index), before, now));
    }
    long version = side.version(value);
    V expected = version >= 1 && version <= now ? side.valueAt(catalog, index, version) : null;
    if (!value.equals(expected)) {
      return new Violation(
          false,
          "served %s for %s, but version %s of it is %s"
              .formatted(value, Catalog.sku(index), version, expected));
    }
    if (version < before) {
      return new Violation(
          true,
          "served version %s of %s after version %s was written"
              .formatted(version, Catalog.sku(index), before));
    }
    return null;
  }
}
