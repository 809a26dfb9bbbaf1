package dev.crossgrade.compat;

/**
 * Which directions between two builds the user-jar check covers, by the names of Confluent Schema
 * Registry's compatibility types. The downcast path (the new build reading back what it writes for
 * the old one) is checked in every mode: it is the new build reading its own payloads.
 */
public enum Compatibility {
  /** The new build reads what the old one wrote: a fleet where no old reader remains. */
  BACKWARD,
  /** The old build reads what the new one writes: a fleet where old readers stay. */
  FORWARD,
  /** Both directions: two builds live side by side on one cache. */
  FULL;

  /** Whether the cell where {@code oldWrites} (the old build writes, the new reads) is covered. */
  boolean covers(boolean oldWrites) {
    return oldWrites ? this != FORWARD : this != BACKWARD;
  }
}
