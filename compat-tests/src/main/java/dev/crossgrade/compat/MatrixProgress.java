package dev.crossgrade.compat;

/**
 * Told each time a cell of a matrix finishes, for a progress bar. Called from the matrix's worker
 * threads, one call at a time.
 */
@FunctionalInterface
public interface MatrixProgress {
  /**
   * One more cell is done.
   *
   * @param done the cells finished so far, including this one
   * @param total the cells in the matrix
   * @param cell the cell that finished
   */
  void cellDone(int done, int total, CellResult cell);

  /** A listener that ignores every call. */
  static MatrixProgress none() {
    return (done, total, cell) -> {};
  }
}
