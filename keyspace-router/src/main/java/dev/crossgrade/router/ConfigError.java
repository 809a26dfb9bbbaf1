package dev.crossgrade.router;

/**
 * One problem found in a rollout config file: where it is, which field, what is wrong and how to
 * fix it.
 *
 * @param file the file name as given
 * @param line the 1-based line, or 0 when the problem is not on a line (file not readable)
 * @param column the 1-based column, or 0 when not known
 * @param field the field's path, such as {@code keyspaces[0].writer.percent}, or {@code (file)}
 * @param message what is wrong, with the offending value
 * @param fix how to fix it
 */
public record ConfigError(
    String file, int line, int column, String field, String message, String fix) {

  /** Renders as {@code file:line:column: field: message (fix: ...)}, one line. */
  @Override
  public String toString() {
    return file + ':' + line + ':' + column + ": " + field + ": " + message + " (fix: " + fix + ")";
  }
}
