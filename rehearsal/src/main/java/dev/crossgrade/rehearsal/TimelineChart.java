package dev.crossgrade.rehearsal;

import dev.crossgrade.rehearsal.RehearsalReport.Sample;
import dev.crossgrade.rehearsal.RehearsalReport.Scenario;
import dev.crossgrade.tooling.Html;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A line chart of the rehearsal's timelines, one line per scenario: inline SVG followed by an HTML
 * legend (HTML, so that a long scenario name wraps instead of being cut). The x axis is seconds
 * into the rollout, with ticks in seconds; dashed lines mark where each step begins, labelled above
 * the plot (a second row, in its colour, for a scenario whose steps differ, such as the rollback).
 * The y axis is the hit ratio or the faults served per second.
 */
final class TimelineChart {
  /** The colours of the scenarios' lines, in the report's order. */
  static final String[] COLORS = {
    "#d62728", "#ff7f0e", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b", "#e377c2"
  };

  /** The x axis's title: its ticks are seconds. */
  static final String X_TITLE = "seconds into the rollout";

  static final int WIDTH = 900;
  private static final int LEFT = 60;
  private static final int RIGHT = 30;
  private static final int PLOT_HEIGHT = 245;
  private static final int BOTTOM = 40;
  private static final int ROW = 14;
  private static final int STEP_FONT = 10;

  private TimelineChart() {}

  /** The width of {@code text} at {@code fontSize} pixels, estimated generously for sans fonts. */
  static double textWidth(String text, int fontSize) {
    return text.length() * fontSize * 0.62;
  }

  /** Writes the chart of {@code report}: hit ratio, or faults served per second. */
  static void write(RehearsalReport report, Appendable out, boolean faults) throws IOException {
    List<Scenario> scenarios = report.scenarios();
    List<Row> rows = stepRows(scenarios);
    int top = 14 + ROW * Math.max(1, rows.size());
    int plotWidth = WIDTH - LEFT - RIGHT;
    int bottomY = top + PLOT_HEIGHT;
    int height = bottomY + BOTTOM;
    double maxSeconds = 0;
    double maxValue = 1;
    double minValue = 0;
    if (!faults) {
      double lowest = 1;
      for (Scenario scenario : scenarios) {
        for (Sample sample : scenario.timeline()) {
          if (sample.reads() > 0) {
            lowest = Math.min(lowest, sample.hitRatio());
          }
        }
      }
      // A multiple of 20%, so that the four grid steps are round percentages.
      minValue = Math.min(0.8, Math.floor(lowest * 5) / 5);
    }
    for (Scenario scenario : scenarios) {
      List<Sample> timeline = scenario.timeline();
      for (int i = 0; i < timeline.size(); i++) {
        maxSeconds = Math.max(maxSeconds, seconds(timeline.get(i)) + tickSeconds(timeline, i));
        if (faults) {
          maxValue = Math.max(maxValue, perSecond(timeline, i));
        }
      }
    }
    if (maxSeconds <= 0) {
      maxSeconds = 1;
    }
    if (faults) {
      maxValue = niceCeiling(maxValue);
    }
    Axis x = new Axis(LEFT, plotWidth, maxSeconds);
    out.append(
        f(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" role=\"img\" aria-label=\"%s\">\n",
            WIDTH,
            height,
            WIDTH,
            height,
            faults ? "errors, wrong and stale values per second" : "hit ratio"));
    for (int i = 0; i <= 4; i++) {
      double value = minValue + (maxValue - minValue) * i / 4;
      double y = bottomY - PLOT_HEIGHT * i / 4.0;
      out.append(
          f(
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n",
              LEFT,
              y,
              LEFT + plotWidth,
              y,
              LEFT - 6,
              y + 4,
              faults ? number(value) : Math.round(value * 100) + "%"));
    }
    for (int r = 0; r < rows.size(); r++) {
      double labelY = 8 + ROW * (r + 1) - 4;
      double freeFrom = LEFT;
      Row row = rows.get(r);
      out.append(
          f(
              "<text class=\"row\" x=\"%d\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\""
                  + " text-anchor=\"end\">%s</text>\n",
              LEFT - 6, labelY, STEP_FONT, row.color(), row.title()));
      for (Mark mark : row.marks()) {
        double at = x.at(mark.seconds());
        out.append(
            f(
                "<line class=\"step\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\""
                    + " stroke-dasharray=\"3,3\"><title>%s</title></line>\n",
                at, top, at, bottomY, mark.color(), Html.escape(mark.step())));
        double labelX = Math.min(at + 2, WIDTH - textWidth(mark.step(), STEP_FONT) - 2);
        if (labelX >= freeFrom) {
          out.append(
              f(
                  "<text class=\"step\" x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\">%s</text>\n",
                  labelX, labelY, STEP_FONT, mark.color(), Html.escape(mark.step())));
          freeFrom = labelX + textWidth(mark.step(), STEP_FONT) + 6;
        }
      }
    }
    out.append(
        f(
            "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
                + "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
            LEFT, top, LEFT, bottomY, LEFT, bottomY, LEFT + plotWidth, bottomY));
    double tick = niceStep(maxSeconds / 8);
    for (int k = 0; k * tick <= maxSeconds + 1e-9; k++) {
      double at = x.at(k * tick);
      out.append(
          f(
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"/>"
                  + "<text class=\"tick\" x=\"%.1f\" y=\"%d\" font-size=\"11\""
                  + " text-anchor=\"middle\">%s</text>\n",
              at, bottomY, at, bottomY + 4, at, bottomY + 16, number(k * tick)));
    }
    out.append(
        f(
            "<text class=\"axis\" x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s</text>\n",
            LEFT + plotWidth / 2, height - 6, X_TITLE));
    for (int index = 0; index < scenarios.size(); index++) {
      Scenario scenario = scenarios.get(index);
      StringBuilder points = new StringBuilder();
      List<Sample> timeline = scenario.timeline();
      for (int i = 0; i < timeline.size(); i++) {
        Sample sample = timeline.get(i);
        if (!faults && sample.reads() == 0) {
          continue;
        }
        double t = seconds(sample) + tickSeconds(timeline, i) / 2;
        double value = faults ? perSecond(timeline, i) : sample.hitRatio();
        double y =
            bottomY
                - PLOT_HEIGHT
                    * Math.max(0, Math.min(1, (value - minValue) / (maxValue - minValue)));
        points.append(f("%.1f,%.1f ", x.at(t), y));
      }
      out.append(
          f(
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>\n",
              color(index),
              scenario.rollback() ? " stroke-dasharray=\"6,3\"" : "",
              points.toString().trim()));
    }
    out.append("</svg>\n<p class=\"legend\">");
    for (int index = 0; index < scenarios.size(); index++) {
      Scenario scenario = scenarios.get(index);
      out.append("<span class=\"key\"><span class=\"swatch\" style=\"border-top:3px ")
          .append(scenario.rollback() ? "dashed " : "solid ")
          .append(color(index))
          .append("\"></span>")
          .append(Html.escape(scenario.name()))
          .append("</span> ");
    }
    out.append("</p>\n");
  }

  /** The CSS of the legend that {@link #write} puts after each chart. */
  static String css() {
    return ".legend{margin:0 0 1.5em;font-size:13px}"
        + ".key{display:inline-block;margin-right:1.5em;white-space:nowrap}"
        + ".swatch{display:inline-block;width:28px;margin-right:6px;vertical-align:middle}\n";
  }

  static String color(int index) {
    return COLORS[index % COLORS.length];
  }

  /** Where a step begins, in one scenario's colour. */
  private record Mark(double seconds, String step, String color) {}

  /** One row of step marks, titled in the left margin. */
  private record Row(String title, String color, List<Mark> marks) {}

  /** Maps seconds into the rollout to x, never past the ends of the axis. */
  private record Axis(int left, int width, double maxSeconds) {
    double at(double seconds) {
      return left + width * Math.max(0, Math.min(1, seconds / maxSeconds));
    }
  }

  /**
   * The step marks, a row per scenario whose steps differ from the first's: the first row has the
   * first scenario's steps in grey, a later row only the marks the first row lacks.
   */
  private static List<Row> stepRows(List<Scenario> scenarios) {
    List<Row> rows = new ArrayList<>();
    List<Mark> first = List.of();
    for (int index = 0; index < scenarios.size(); index++) {
      String color = index == 0 ? "#777" : color(index);
      List<Mark> marks = new ArrayList<>();
      String previous = null;
      for (Sample sample : scenarios.get(index).timeline()) {
        if (!sample.step().equals(previous)) {
          marks.add(new Mark(seconds(sample), sample.step(), color));
          previous = sample.step();
        }
      }
      if (index == 0) {
        first = marks;
        rows.add(new Row("steps", color, marks));
        continue;
      }
      List<Mark> own = new ArrayList<>();
      for (Mark mark : marks) {
        boolean shared =
            first.stream()
                .anyMatch(
                    m ->
                        m.step().equals(mark.step())
                            && Math.abs(m.seconds() - mark.seconds()) < 1e-6);
        if (!shared) {
          own.add(mark);
        }
      }
      boolean known = false;
      for (Row row : rows.subList(1, rows.size())) {
        known |= sameSteps(row.marks(), own);
      }
      if (!own.isEmpty() && !known) {
        rows.add(new Row(scenarios.get(index).rollback() ? "rollback" : "steps", color, own));
      }
    }
    return rows;
  }

  private static boolean sameSteps(List<Mark> a, List<Mark> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).step().equals(b.get(i).step())
          || Math.abs(a.get(i).seconds() - b.get(i).seconds()) > 1e-6) {
        return false;
      }
    }
    return true;
  }

  private static double seconds(Sample sample) {
    return sample.at().toNanos() / 1e9;
  }

  private static double tickSeconds(List<Sample> timeline, int i) {
    if (i + 1 < timeline.size()) {
      return (timeline.get(i + 1).at().toNanos() - timeline.get(i).at().toNanos()) / 1e9;
    }
    if (i > 0) {
      return (timeline.get(i).at().toNanos() - timeline.get(i - 1).at().toNanos()) / 1e9;
    }
    return 1;
  }

  private static double perSecond(List<Sample> timeline, int i) {
    Sample sample = timeline.get(i);
    double seconds = tickSeconds(timeline, i);
    return seconds <= 0 ? 0 : (sample.errors() + sample.wrongOrStale()) / seconds;
  }

  private static double niceCeiling(double value) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * magnitude >= value) {
        return step * magnitude;
      }
    }
    return 10 * magnitude;
  }

  /** The smallest of 1, 2 and 5 times a power of ten that is at least {@code value}. */
  static double niceStep(double value) {
    return value <= 0 ? 1 : niceCeiling(value);
  }

  /**
   * A number with at most three decimals and no trailing zeros, such as {@code 0.5} or {@code 3}.
   */
  static String number(double value) {
    String text = f("%.3f", value);
    text = text.replaceAll("0+$", "");
    return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
