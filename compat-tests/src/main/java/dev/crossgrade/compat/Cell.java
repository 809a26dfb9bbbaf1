package dev.crossgrade.compat;

import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * One cell to run: a writer side in one host, a reader side in another, the values to try, how to
 * compare, and whether a documented incompatibility is expected.
 */
record Cell(
    String group,
    String codec,
    String writer,
    String reader,
    @Nullable Host writerHost,
    String writerSide,
    @Nullable Host readerHost,
    String readerSide,
    Domain domain,
    Mode mode,
    Equivalence equivalence,
    UnaryOperator<Object> expected,
    @Nullable String expectedFailure,
    @Nullable String notRun) {

  /** How the two sides are compared. */
  enum Mode {
    /** The writer writes, the reader reads, and the value read must be the one written. */
    ROUND_TRIP,
    /** Both sides write, and the bytes must be identical. */
    SAME_BYTES
  }
}
