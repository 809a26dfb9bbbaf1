package dev.crossgrade.maven;

import dev.crossgrade.compat.CellResult;
import dev.crossgrade.compat.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the cells of a check mean for the build: nothing, or the failure message that lists each
 * FAIL cell (and, when NOT-RUN fails the build, each NOT-RUN cell) with its type, codec, direction,
 * counterexample and explanation.
 */
final class BuildVerdict {
  private BuildVerdict() {}

  /**
   * The message that fails the build, or null if it passes.
   *
   * @param current this build's name, such as {@code shop-1.1.0-SNAPSHOT}
   * @param baseline the baseline's description, such as {@code com.acme:shop:1.0.0}
   * @param report the HTML report, named at the end
   */
  static @Nullable String failure(
      List<CellResult> cells, boolean failOnNotRun, String current, String baseline, Path report) {
    List<CellResult> failed = new ArrayList<>();
    List<CellResult> notRun = new ArrayList<>();
    for (CellResult cell : cells) {
      if (cell.verdict() == Verdict.FAIL) {
        failed.add(cell);
      } else if (cell.verdict() == Verdict.NOT_RUN) {
        notRun.add(cell);
      }
    }
    if (failed.isEmpty() && (notRun.isEmpty() || !failOnNotRun)) {
      return null;
    }
    StringBuilder message = new StringBuilder();
    if (!failed.isEmpty()) {
      message
          .append(current)
          .append(" cannot share a cache with ")
          .append(baseline)
          .append(": ")
          .append(failed.size())
          .append(" of ")
          .append(cells.size())
          .append(" cells FAIL");
      if (failOnNotRun && !notRun.isEmpty()) {
        message.append(", ").append(notRun.size()).append(" NOT-RUN");
      }
    } else {
      message
          .append(notRun.size())
          .append(" of ")
          .append(cells.size())
          .append(" cells NOT-RUN, and failOnNotRun is set (crossgrade.failOnNotRun)");
    }
    List<CellResult> listed = new ArrayList<>(failed);
    if (failOnNotRun) {
      listed.addAll(notRun);
    }
    for (CellResult cell : listed) {
      message.append("\n  ").append(cell.verdict().label()).append(' ').append(describe(cell));
      for (String line : JUnitReport.details(cell).split("\n")) {
        message.append("\n    ").append(line);
      }
    }
    return message.append("\nreport: ").append(report).toString();
  }

  /** The cell's type, codec and direction, such as {@code com.acme.Cart, json, BACKWARD ...}. */
  static String describe(CellResult cell) {
    return cell.group() + ", " + JUnitReport.name(cell);
  }
}
