package dev.crossgrade.compat;

/** How thoroughly the user-jar check tries each cell. */
public enum CheckMode {
  /** {@link MatrixOptions#DEFAULT_TRIES} generated values per cell unless tries are set. */
  FULL(MatrixOptions.DEFAULT_TRIES),
  /** 500 generated values per cell unless tries are set: for a check on every commit. */
  QUICK(500);

  private final int tries;

  CheckMode(int tries) {
    this.tries = tries;
  }

  /** The generated values per cell in this mode. */
  public int tries() {
    return tries;
  }
}
