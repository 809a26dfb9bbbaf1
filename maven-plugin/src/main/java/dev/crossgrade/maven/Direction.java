package dev.crossgrade.maven;

import dev.crossgrade.compat.CellResult;

/** Which way a cell of the user-jar check goes, by Confluent's names. */
enum Direction {
  /** The new build reads what the old one wrote. */
  BACKWARD("BACKWARD (new reads old)"),
  /** The old build reads what the new one writes. */
  FORWARD("FORWARD (old reads new)"),
  /** The new build reads back what it writes for the old one (its downcaster). */
  DOWNCAST("downcast path (new reads its own downcast)");

  private final String label;

  Direction(String label) {
    this.label = label;
  }

  /** For reports, such as {@code BACKWARD (new reads old)}. */
  String label() {
    return label;
  }

  /**
   * The direction of {@code cell}, from its writer and reader ({@code old ...}, {@code new ...}).
   */
  static Direction of(CellResult cell) {
    if (cell.writer().startsWith("old ")) {
      return BACKWARD;
    }
    return cell.reader().startsWith("old ") ? FORWARD : DOWNCAST;
  }
}
