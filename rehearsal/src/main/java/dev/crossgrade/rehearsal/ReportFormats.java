package dev.crossgrade.rehearsal;

import dev.crossgrade.rehearsal.RehearsalReport.Figures;
import dev.crossgrade.rehearsal.RehearsalReport.Scenario;
import dev.crossgrade.rehearsal.RehearsalReport.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the text, JSON and HTML writers of a {@link RehearsalReport} share: the wording of a walk, a
 * writer and the verdict, the cohorts of a run, and how numbers are written ({@link TextReport},
 * {@link JsonReport}, {@link HtmlReport}).
 */
final class ReportFormats {
  private ReportFormats() {}

  static String describe(Walk walk) {
    return walk == Walk.TRAFFIC
        ? "the new runtime's traffic 0% -> 1% -> 10% -> 50% -> 100%, then unified; its writer"
            + " writes the new format for every key"
        : "both runtimes at 50% of the traffic, the new runtime's writer: dev -> employees -> 1%"
            + " of users -> 100%, then unified; requests are 2% dev, 8% employees, 90% users";
  }

  /** The cohorts any step of the new runtime wrote for, declared ones first. */
  static List<String> cohorts(RehearsalReport report) {
    java.util.Set<String> seen = new java.util.TreeSet<>();
    boolean any = false;
    for (Scenario scenario : report.scenarios()) {
      for (Step step : scenario.steps()) {
        seen.addAll(step.newRuntime().writesByCohort().keySet());
        any |= !step.writerCohorts().isEmpty();
      }
    }
    if (!any) {
      return List.of();
    }
    List<String> ordered = new ArrayList<>();
    for (String cohort : Cohorts.ALL) {
      ordered.add(cohort);
      seen.remove(cohort);
    }
    ordered.addAll(seen);
    return ordered;
  }

  /** A step's writer: {@code dev, employees + 1%}, or {@code every key}. */
  static String writer(Step step) {
    if (step.writerCohorts().isEmpty()) {
      return step.writerPercent() == 100 ? "every key" : step.writerPercent() + "% of keys";
    }
    return String.join(", ", step.writerCohorts()) + " + " + step.writerPercent() + "%";
  }

  /** The conclusions: which strategies served faults, and the hit ratios while both were live. */
  static List<String> verdict(RehearsalReport report) {
    List<String> lines = new ArrayList<>();
    List<String> clean = new ArrayList<>();
    for (Scenario scenario : report.scenarios()) {
      Figures t = scenario.transition();
      Figures all = scenario.total();
      if (all.faultsServed() == 0) {
        clean.add(scenario.name());
        continue;
      }
      lines.add(
          f(
              "%s: %,d decode errors, %,d other failures, %,d wrong and %,d stale values reached"
                  + " callers (%,d of them while both runtimes were live).",
              scenario.name(),
              all.decodeErrors(),
              all.otherFailures(),
              all.wrongValues(),
              all.staleValues(),
              t.faultsServed()));
      if (all.wrongBeforeLossSeen() > 0) {
        lines.add(
            f(
                "    %,d of the wrong values were served before the new runtime saw its pair lose"
                    + " data (an upcaster's guess looks like data until then; throw"
                    + " UnderivableValueException instead), %,d after.",
                all.wrongBeforeLossSeen(), all.wrongValues() - all.wrongBeforeLossSeen()));
      }
      for (String example : scenario.examples()) {
        lines.add("    e.g. " + example);
      }
    }
    if (!clean.isEmpty()) {
      lines.add(
          String.join(", ", clean)
              + ": no decode error, wrong or stale value reached a caller in any step.");
    }
    StringBuilder hits = new StringBuilder("hit ratio while both runtimes were live:");
    String separator = " ";
    for (Scenario scenario : report.scenarios()) {
      hits.append(separator)
          .append(scenario.name())
          .append(' ')
          .append(percent(scenario.transition().hitRatio(), scenario.transition().reads()))
          .append('%');
      separator = ", ";
    }
    lines.add(hits.append('.').toString());
    lines.add(report.cpu().line());
    String threshold = report.cpu().thresholdLine();
    if (!threshold.isEmpty()) {
      lines.add(threshold);
    }
    return lines;
  }

  static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  static String percent(double ratio, long of) {
    return of == 0 ? "-" : f("%.1f", 100 * ratio);
  }

  static String micros(Duration duration) {
    double micros = duration.toNanos() / 1000.0;
    return micros >= 1000 ? f("%.0f", micros) : f("%.1f", micros);
  }

  static String seconds(Duration duration) {
    return f("%.1f s", duration.toMillis() / 1000.0);
  }

  static String trim(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  static String sizes(Map<String, Double> bytesPerValue) {
    if (bytesPerValue.isEmpty()) {
      return "-";
    }
    StringBuilder out = new StringBuilder();
    bytesPerValue.forEach(
        (format, bytes) -> {
          if (out.length() > 0) {
            out.append(", ");
          }
          out.append(format).append(' ').append(f("%.0f B", bytes));
        });
    return out.toString();
  }
}
