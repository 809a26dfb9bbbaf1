package dev.crossgrade.junit;

import dev.crossgrade.codec.CrossgradeException;

/**
 * A runtime test list that cannot be used: where (file and line), what is wrong, and the fix. A run
 * with such a list fails before any test runs.
 */
public final class TestListException extends CrossgradeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String fix;

  /**
   * Creates the exception.
   *
   * @param file the list file as named
   * @param line the 1-based line, or 0 when the problem is not on one line
   * @param problem what is wrong, with the offending text
   * @param fix how to fix it
   */
  public TestListException(String file, int line, String problem, String fix) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem + " (fix: " + fix + ")");
    this.file = file;
    this.line = line;
    this.fix = fix;
  }

  /** The list file as named. */
  public String file() {
    return file;
  }

  /** The 1-based line, or 0 when the problem is not on one line. */
  public int line() {
    return line;
  }

  /** How to fix it. */
  public String fix() {
    return fix;
  }
}
