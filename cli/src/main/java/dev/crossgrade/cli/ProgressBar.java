package dev.crossgrade.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on standard error, drawn only when it is a terminal; {@link #step} also
 * prints a plain line per step when it is not (a log, a CI job).
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintWriter err;
  private final boolean enabled;
  private final String label;

  ProgressBar(PrintWriter err, String label) {
    this.err = err;
    this.enabled = System.console() != null;
    this.label = label;
  }

  synchronized void update(int done, int total, String detail) {
    if (!enabled || total <= 0) {
      return;
    }
    int filled = (int) ((long) WIDTH * done / total);
    String line =
        String.format(
            Locale.ROOT,
            "\r%s [%s%s] %d/%d %s",
            label,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            done,
            total,
            detail.length() > 40 ? detail.substring(0, 40) : detail);
    err.print(line + " ".repeat(Math.max(0, 100 - line.length())));
    err.flush();
  }

  /** One more step done: the bar on a terminal, else one line such as {@code matrix 3/12 ...}. */
  synchronized void step(int done, int total, String detail, String line) {
    if (enabled) {
      update(done, total, detail);
    } else {
      err.println(String.format(Locale.ROOT, "%s %d/%d %s", label, done, total, line));
      err.flush();
    }
  }

  synchronized void finish() {
    if (enabled) {
      err.print("\r" + " ".repeat(100) + "\r");
      err.flush();
    }
  }
}
