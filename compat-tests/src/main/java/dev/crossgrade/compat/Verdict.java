package dev.crossgrade.compat;

/** The outcome of one cell of a compatibility matrix. */
public enum Verdict {
  /** Every generated value written by the writer was read back equivalent by the reader. */
  PASS("PASS"),
  /**
   * A value broke compatibility where none was expected, or a documented incompatibility was not
   * observed (a silent change); the cell carries a shrunk counterexample or the reason.
   */
  FAIL("FAIL"),
  /** A documented incompatibility, observed as documented, with its shrunk counterexample. */
  EXPECTED_FAIL("EXPECTED-FAIL"),
  /** The cell could not run on this machine (a JDK is missing), with the reason. */
  NOT_RUN("NOT-RUN");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** The verdict as reports print it, such as {@code EXPECTED-FAIL}. */
  public String label() {
    return label;
  }
}
