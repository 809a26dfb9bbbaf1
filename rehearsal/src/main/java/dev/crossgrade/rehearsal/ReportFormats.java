package dev.crossgrade.rehearsal;

import dev.crossgrade.rehearsal.RehearsalReport.CohortWrites;
import dev.crossgrade.rehearsal.RehearsalReport.CpuComparison;
import dev.crossgrade.rehearsal.RehearsalReport.Figures;
import dev.crossgrade.rehearsal.RehearsalReport.RuntimeFigures;
import dev.crossgrade.rehearsal.RehearsalReport.RuntimeInfo;
import dev.crossgrade.rehearsal.RehearsalReport.Sample;
import dev.crossgrade.rehearsal.RehearsalReport.Scenario;
import dev.crossgrade.rehearsal.RehearsalReport.ScenarioCpu;
import dev.crossgrade.rehearsal.RehearsalReport.Settings;
import dev.crossgrade.rehearsal.RehearsalReport.Step;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a {@link RehearsalReport} as text, JSON or HTML. */
final class ReportFormats {
  private ReportFormats() {}

  // --- text ------------------------------------------------------------------------------------

  static void text(RehearsalReport report, Appendable out) throws IOException {
    Settings s = report.settings();
    out.append("Crossgrade rollout rehearsal\n");
    out.append("  cache     ").append(s.cache()).append('\n');
    runtimeLine(out, s.oldRuntime());
    runtimeLine(out, s.newRuntime());
    out.append("  scenario  ")
        .append(s.pair().label())
        .append(" (")
        .append(s.pair().describe())
        .append(")\n");
    out.append("  walk      ")
        .append(s.walk().label())
        .append(" (")
        .append(describe(s.walk()))
        .append(")\n");
    out.append(
        f(
            "  workload  %,d keys (Zipf %s), %d%% reads via getOrLoad, %d%% updates and deletes,"
                + " %d threads per runtime, %,d requests/s; seed %d, %s of steps (%s in all)\n",
            s.keys(),
            trim(s.zipfExponent()),
            Math.round(100 * (1 - s.writeFraction())),
            Math.round(100 * s.writeFraction()),
            s.threadsPerRuntime(),
            s.requestsPerSecond(),
            s.seed(),
            seconds(s.duration()),
            seconds(report.elapsed())));
    out.append('\n');
    String header =
        f(
            "%-26s %-16s %-13s %4s %9s %6s %7s %7s %6s %6s %8s %8s\n",
            "strategy",
            "step",
            "phase",
            "new%",
            "requests",
            "hit%",
            "loads",
            "errors",
            "wrong",
            "stale",
            "p50 us",
            "p99 us");
    out.append(header);
    out.append("-".repeat(header.length() - 1)).append('\n');
    for (Scenario scenario : report.scenarios()) {
      String name = scenario.name();
      for (Step step : scenario.steps()) {
        Figures a = step.all();
        out.append(
            f(
                "%-26s %-16s %-13s %4d %9d %6s %7d %7d %6d %6d %8s %8s\n",
                name,
                step.label(),
                step.phase() == null ? "-" : step.phase().label(),
                step.newSharePercent(),
                a.requests(),
                percent(a.hitRatio(), a.reads()),
                a.loads(),
                a.decodeErrors(),
                a.wrongValues(),
                a.staleValues(),
                micros(a.p50()),
                micros(a.p99())));
        name = "";
      }
      sumRow(out, "both live", scenario.transition(), "\n");
      sumRow(out, "all steps", scenario.total(), "\n\n");
    }
    cohortText(report, out);
    out.append(
        f(
            "%-26s %-8s %-10s %9s %11s  %s\n",
            "runtime cost", "runtime", "java", "requests", "cpu us/req", "bytes per cached value"));
    for (Scenario scenario : report.scenarios()) {
      String name = scenario.name();
      for (RuntimeFigures runtime : scenario.runtimes()) {
        out.append(
            f(
                "%-26s %-8s %-10s %9d %11s  %s\n",
                name,
                runtime.role(),
                runtime.javaVersion(),
                runtime.requests(),
                runtime.requests() == 0 ? "-" : f("%.1f", runtime.cpuMicrosPerRequest()),
                sizes(runtime.bytesPerValue())));
        name = "";
      }
    }
    out.append('\n');
    cpuText(report.cpu(), out);
    out.append('\n');
    for (String line : verdict(report)) {
      out.append(line).append('\n');
    }
  }

  static String describe(Walk walk) {
    return walk == Walk.TRAFFIC
        ? "the new runtime's traffic 0% -> 1% -> 10% -> 50% -> 100%, then unified; its writer"
            + " writes the new format for every key"
        : "both runtimes at 50% of the traffic, the new runtime's writer: dev -> employees -> 1%"
            + " of users -> 100%, then unified; requests are 2% dev, 8% employees, 90% users";
  }

  /** The cohort walk's table: per step, each cohort's writes in the new format, new runtime. */
  private static void cohortText(RehearsalReport report, Appendable out) throws IOException {
    List<String> cohorts = cohorts(report);
    if (cohorts.isEmpty()) {
      return;
    }
    out.append("writes in the new format (")
        .append(report.settings().newRuntime().format().split(",")[0])
        .append(
            ") by the cohort of the request: the new runtime's writes (updates, and fills after a"
                + " load seen on the request's thread) that wrote it, and how many writes\n");
    StringBuilder header = new StringBuilder(f("%-26s %-16s %-24s", "strategy", "step", "writer"));
    for (String cohort : cohorts) {
      header.append(f(" %18s", cohort));
    }
    out.append(header).append('\n');
    for (Scenario scenario : report.scenarios()) {
      String name = scenario.name();
      for (Step step : scenario.steps()) {
        StringBuilder row =
            new StringBuilder(f("%-26s %-16s %-24s", name, step.label(), writer(step)));
        for (String cohort : cohorts) {
          CohortWrites writes = step.newRuntime().writesByCohort().get(cohort);
          row.append(
              f(
                  " %18s",
                  writes == null || writes.writes() == 0
                      ? "-"
                      : f("%.1f%% (%,d)", 100 * writes.newFormatShare(), writes.writes())));
        }
        out.append(row).append('\n');
        name = "";
      }
    }
    out.append('\n');
  }

  /** The cohorts any step of the new runtime wrote for, declared ones first. */
  private static List<String> cohorts(RehearsalReport report) {
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

  private static void sumRow(Appendable out, String label, Figures t, String end)
      throws IOException {
    out.append(
        f(
            "%-26s %-16s %-13s %4s %9d %6s %7d %7d %6d %6d %8s %8s%s",
            "",
            label,
            "",
            "",
            t.requests(),
            percent(t.hitRatio(), t.reads()),
            t.loads(),
            t.decodeErrors(),
            t.wrongValues(),
            t.staleValues(),
            micros(t.p50()),
            micros(t.p99()),
            end));
  }

  private static void cpuText(CpuComparison cpu, Appendable out) throws IOException {
    out.append(
        f(
            "cpu per request: thread CPU time of the request threads, in %d windows (ticks of the"
                + " framework strategies' steps in which both runtimes serve half the traffic, %d"
                + " requests or more each), paired by window (95 %% CI)\n",
            cpu.steps(), CpuVerdict.MIN_REQUESTS));
    out.append(
        f(
            "  old  %-8s keyspace %-9s %-9s Java %-10s %s\n",
            cpu.oldRuntime(),
            cpu.keyspace(),
            cpu.oldCodec(),
            cpu.oldJava(),
            microsWithin(cpu.oldMicros(), cpu.oldHalfWidth())));
    out.append(
        f(
            "  new  %-8s keyspace %-9s %-9s Java %-10s %s\n",
            cpu.newRuntime(),
            cpu.keyspace(),
            cpu.newCodec(),
            cpu.newJava(),
            microsWithin(cpu.newMicros(), cpu.newHalfWidth())));
    StringBuilder byScenario = new StringBuilder("  new runtime by scenario:");
    String separator = " ";
    for (ScenarioCpu scenario : cpu.scenarios()) {
      byScenario.append(separator).append(CpuVerdict.scenarioLine(scenario));
      separator = "; ";
    }
    if (!cpu.scenarios().isEmpty()) {
      out.append(byScenario).append('\n');
    }
    out.append("  hardware instructions: ").append(cpu.instructions()).append('\n');
  }

  private static String microsWithin(double micros, double halfWidth) {
    if (Double.isNaN(micros)) {
      return "-";
    }
    return Double.isNaN(halfWidth)
        ? f("%.1f us", micros)
        : f("%.1f us \u00b1 %.1f us", micros, halfWidth);
  }

  private static void runtimeLine(Appendable out, RuntimeInfo runtime) throws IOException {
    out.append(
        f(
            "  %-8s  %s (%s): %s, writes %s; reads %s; Java %s (%s)\n",
            runtime.role(),
            runtime.name(),
            runtime.role(),
            runtime.schema(),
            runtime.format(),
            runtime.reads(),
            runtime.javaVersion(),
            runtime.where()));
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

  // --- JSON ------------------------------------------------------------------------------------

  static void json(RehearsalReport report, Appendable out) throws IOException {
    Settings s = report.settings();
    out.append("{\"settings\":{");
    field(out, "durationMillis", s.duration().toMillis(), true);
    field(out, "seed", s.seed(), false);
    field(out, "keys", s.keys(), false);
    field(out, "zipfExponent", s.zipfExponent(), false);
    field(out, "threadsPerRuntime", s.threadsPerRuntime(), false);
    field(out, "requestsPerSecond", s.requestsPerSecond(), false);
    field(out, "writeFraction", s.writeFraction(), false);
    field(out, "scenario", s.pair().label(), false);
    field(out, "walk", s.walk().label(), false);
    field(out, "pair", s.pair().describe(), false);
    field(out, "cache", s.cache(), false);
    out.append(",\"oldRuntime\":");
    runtimeJson(out, s.oldRuntime());
    out.append(",\"newRuntime\":");
    runtimeJson(out, s.newRuntime());
    out.append("},");
    field(out, "elapsedMillis", report.elapsed().toMillis(), true);
    out.append(",\"scenarios\":[");
    boolean firstScenario = true;
    for (Scenario scenario : report.scenarios()) {
      out.append(firstScenario ? "{" : ",{");
      firstScenario = false;
      field(out, "name", scenario.name(), true);
      field(out, "strategy", scenario.strategy().name(), false);
      field(out, "rollback", scenario.rollback(), false);
      out.append(",\"steps\":[");
      boolean firstStep = true;
      for (Step step : scenario.steps()) {
        out.append(firstStep ? "{" : ",{");
        firstStep = false;
        field(out, "label", step.label(), true);
        out.append(",\"phase\":")
            .append(step.phase() == null ? "null" : string(step.phase().label()));
        field(out, "newSharePercent", step.newSharePercent(), false);
        out.append(",\"writerCohorts\":[");
        for (int i = 0; i < step.writerCohorts().size(); i++) {
          out.append(i == 0 ? "" : ",").append(string(step.writerCohorts().get(i)));
        }
        out.append(']');
        field(out, "writerPercent", step.writerPercent(), false);
        field(out, "durationMillis", step.duration().toMillis(), false);
        figuresFields(out, step.all());
        out.append(",\"oldRuntime\":");
        figuresJson(out, step.oldRuntime());
        out.append(",\"newRuntime\":");
        figuresJson(out, step.newRuntime());
        out.append('}');
      }
      out.append("],\"transition\":");
      figuresJson(out, scenario.transition());
      out.append(",\"total\":");
      figuresJson(out, scenario.total());
      out.append(",\"runtimes\":[");
      boolean firstRuntime = true;
      for (RuntimeFigures runtime : scenario.runtimes()) {
        out.append(firstRuntime ? "{" : ",{");
        firstRuntime = false;
        field(out, "runtime", runtime.runtime(), true);
        field(out, "role", runtime.role(), false);
        field(out, "javaVersion", runtime.javaVersion(), false);
        field(out, "requests", runtime.requests(), false);
        field(out, "cpuMicrosPerRequest", runtime.cpuMicrosPerRequest(), false);
        out.append(",\"bytesPerValue\":{");
        boolean firstFormat = true;
        for (Map.Entry<String, Double> entry : runtime.bytesPerValue().entrySet()) {
          field(out, entry.getKey(), entry.getValue(), firstFormat);
          firstFormat = false;
        }
        out.append("}}");
      }
      out.append("],\"timeline\":[");
      boolean firstSample = true;
      for (Sample sample : scenario.timeline()) {
        out.append(firstSample ? "{" : ",{");
        firstSample = false;
        field(out, "atMillis", sample.at().toMillis(), true);
        field(out, "step", sample.step(), false);
        field(out, "reads", sample.reads(), false);
        field(out, "hitRatio", sample.hitRatio(), false);
        field(out, "errors", sample.errors(), false);
        field(out, "wrongOrStale", sample.wrongOrStale(), false);
        out.append('}');
      }
      out.append("],\"examples\":[");
      for (int i = 0; i < scenario.examples().size(); i++) {
        out.append(i == 0 ? "" : ",").append(string(scenario.examples().get(i)));
      }
      out.append("]}");
    }
    out.append("],\"cpu\":");
    cpuJson(out, report.cpu());
    out.append(",\"verdict\":[");
    List<String> verdict = verdict(report);
    for (int i = 0; i < verdict.size(); i++) {
      out.append(i == 0 ? "" : ",").append(string(verdict.get(i).trim()));
    }
    out.append("]}\n");
  }

  private static void cpuJson(Appendable out, CpuComparison cpu) throws IOException {
    out.append('{');
    field(out, "keyspace", cpu.keyspace(), true);
    field(out, "oldRuntime", cpu.oldRuntime(), false);
    field(out, "oldCodec", cpu.oldCodec(), false);
    field(out, "oldJava", cpu.oldJava(), false);
    field(out, "newRuntime", cpu.newRuntime(), false);
    field(out, "newCodec", cpu.newCodec(), false);
    field(out, "newJava", cpu.newJava(), false);
    field(out, "windows", cpu.steps(), false);
    field(out, "confidence", 0.95, false);
    field(out, "oldCpuMicrosPerRequest", cpu.oldMicros(), false);
    field(out, "oldHalfWidthMicros", cpu.oldHalfWidth(), false);
    field(out, "newCpuMicrosPerRequest", cpu.newMicros(), false);
    field(out, "newHalfWidthMicros", cpu.newHalfWidth(), false);
    field(out, "changePercent", cpu.changePercent(), false);
    field(out, "changeHalfWidthPercent", cpu.changeHalfWidthPercent(), false);
    out.append(",\"maxRegressionPercent\":")
        .append(cpu.maxRegressionPercent() == null ? "null" : trim(cpu.maxRegressionPercent()));
    field(out, "regressionExceeded", cpu.regressionExceeded(), false);
    out.append(",\"scenarios\":[");
    for (int i = 0; i < cpu.scenarios().size(); i++) {
      ScenarioCpu scenario = cpu.scenarios().get(i);
      out.append(i == 0 ? "{" : ",{");
      field(out, "scenario", scenario.scenario(), true);
      field(out, "windows", scenario.windows(), false);
      field(out, "changePercent", scenario.changePercent(), false);
      field(out, "changeHalfWidthPercent", scenario.changeHalfWidthPercent(), false);
      out.append('}');
    }
    out.append(']');
    field(out, "instructions", cpu.instructions(), false);
    field(out, "verdict", cpu.line(), false);
    field(out, "thresholdVerdict", cpu.thresholdLine(), false);
    out.append('}');
  }

  private static void runtimeJson(Appendable out, RuntimeInfo runtime) throws IOException {
    out.append('{');
    field(out, "name", runtime.name(), true);
    field(out, "role", runtime.role(), false);
    field(out, "schema", runtime.schema(), false);
    field(out, "format", runtime.format(), false);
    field(out, "reads", runtime.reads(), false);
    field(out, "javaVersion", runtime.javaVersion(), false);
    field(out, "where", runtime.where(), false);
    out.append('}');
  }

  private static void figuresJson(Appendable out, Figures figures) throws IOException {
    out.append('{');
    field(out, "requests", figures.requests(), true);
    figuresRest(out, figures);
    out.append('}');
  }

  private static void figuresFields(Appendable out, Figures figures) throws IOException {
    field(out, "requests", figures.requests(), false);
    figuresRest(out, figures);
  }

  private static void figuresRest(Appendable out, Figures figures) throws IOException {
    field(out, "reads", figures.reads(), false);
    field(out, "hits", figures.hits(), false);
    field(out, "hitRatio", figures.hitRatio(), false);
    field(out, "loads", figures.loads(), false);
    field(out, "updates", figures.updates(), false);
    field(out, "deletes", figures.deletes(), false);
    field(out, "decodeErrors", figures.decodeErrors(), false);
    field(out, "otherFailures", figures.otherFailures(), false);
    field(out, "wrongValues", figures.wrongValues(), false);
    field(out, "staleValues", figures.staleValues(), false);
    field(out, "wrongBeforeLossSeen", figures.wrongBeforeLossSeen(), false);
    field(out, "absorbedDecodeFailures", figures.absorbedDecodeFailures(), false);
    field(out, "p50Micros", figures.p50().toNanos() / 1000.0, false);
    field(out, "p99Micros", figures.p99().toNanos() / 1000.0, false);
    field(out, "cpuMicrosPerRequest", figures.cpuMicrosPerRequest(), false);
    out.append(",\"writesByCohort\":{");
    boolean first = true;
    for (Map.Entry<String, CohortWrites> entry : figures.writesByCohort().entrySet()) {
      out.append(first ? "" : ",").append(string(entry.getKey())).append(":{");
      field(out, "newFormat", entry.getValue().newFormat(), true);
      field(out, "other", entry.getValue().other(), false);
      out.append('}');
      first = false;
    }
    out.append('}');
  }

  private static void field(Appendable out, String name, Object value, boolean first)
      throws IOException {
    if (!first) {
      out.append(',');
    }
    out.append(string(name)).append(':');
    if (value instanceof String text) {
      out.append(string(text));
    } else if (value instanceof Double number) {
      out.append(
          number.isNaN() || number.isInfinite()
              ? "null"
              : f("%s", trim(Math.round(number * 10_000) / 10_000.0)));
    } else {
      out.append(String.valueOf(value));
    }
  }

  static String string(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            out.append(f("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  // --- HTML ------------------------------------------------------------------------------------

  static void html(RehearsalReport report, Appendable out) throws IOException {
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n")
        .append("<title>Crossgrade rollout rehearsal</title>\n<style>\n")
        .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n")
        .append("table{border-collapse:collapse;margin:1em 0;font-size:13px}\n")
        .append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}\n")
        .append("th{background:#f3f3f3}td.l,th.l{text-align:left}\n")
        .append("tr.bad td{background:#fde0e0}tr.sum td{font-weight:bold}\n")
        .append("svg{background:#fff;border:1px solid #ddd;margin:0.5em 0}\n")
        .append("pre{background:#f7f7f7;padding:1em;white-space:pre-wrap}\n")
        .append(TimelineChart.css())
        .append("</style></head><body>\n<h1>Crossgrade rollout rehearsal</h1>\n");
    Settings s = report.settings();
    out.append("<p>Cache: ")
        .append(escape(s.cache()))
        .append(f(". %,d keys (Zipf %s), ", s.keys(), trim(s.zipfExponent())))
        .append(
            f(
                "%d%% reads, %d threads per runtime, %,d requests/s, seed %d, %s of steps.</p>\n",
                Math.round(100 * (1 - s.writeFraction())),
                s.threadsPerRuntime(),
                s.requestsPerSecond(),
                s.seed(),
                seconds(s.duration())))
        .append("<p>Scenario ")
        .append(escape(s.pair().label() + ": " + s.pair().describe()))
        .append(". Walk ")
        .append(escape(s.walk().label() + ": " + describe(s.walk())))
        .append(".</p>\n")
        .append("<ul>\n");
    for (RuntimeInfo runtime : List.of(s.oldRuntime(), s.newRuntime())) {
      out.append("<li>")
          .append(escape(runtime.role() + " runtime " + runtime.name()))
          .append(": ")
          .append(escape(runtime.schema() + ", writes " + runtime.format()))
          .append("; reads ")
          .append(escape(runtime.reads()))
          .append("; Java ")
          .append(escape(runtime.javaVersion() + " (" + runtime.where() + ")"))
          .append("</li>\n");
    }
    out.append("</ul>\n<h2>Verdict</h2>\n<ul>\n");
    for (String line : verdict(report)) {
      out.append("<li>").append(escape(line.trim())).append("</li>\n");
    }
    out.append("</ul>\n<h2>Hit ratio over time</h2>\n");
    TimelineChart.write(report, out, false);
    out.append("<h2>Errors, wrong and stale values served per second</h2>\n");
    TimelineChart.write(report, out, true);
    out.append("<h2>Per strategy and step</h2>\n<table><tr>");
    for (String head :
        new String[] {
          "strategy",
          "step",
          "phase",
          "new %",
          "requests",
          "hit %",
          "loads",
          "decode errors",
          "wrong",
          "stale",
          "p50 &micro;s",
          "p99 &micro;s"
        }) {
      out.append(
              head.equals("strategy") || head.equals("step") || head.equals("phase")
                  ? "<th class=\"l\">"
                  : "<th>")
          .append(head)
          .append("</th>");
    }
    out.append("</tr>\n");
    for (Scenario scenario : report.scenarios()) {
      for (Step step : scenario.steps()) {
        row(
            out,
            step.all().faultsServed() > 0 ? "bad" : "",
            scenario.name(),
            step.label(),
            step.phase() == null ? "-" : step.phase().label(),
            String.valueOf(step.newSharePercent()),
            step.all());
      }
      row(out, "sum", scenario.name(), "both live", "", "", scenario.transition());
      row(
          out,
          scenario.total().faultsServed() > 0 ? "sum bad" : "sum",
          scenario.name(),
          "all steps",
          "",
          "",
          scenario.total());
    }
    out.append("</table>\n");
    List<String> cohorts = cohorts(report);
    if (!cohorts.isEmpty()) {
      out.append("<h2>Writes in the new format by cohort</h2>\n<p>")
          .append(
              "The new runtime's writes (updates, and fills after a load seen on the request's"
                  + " thread) that wrote the new format, as a share of its writes (and how many), by"
                  + " the cohort of the request.</p>\n<table><tr><th class=\"l\">strategy</th>"
                  + "<th class=\"l\">step</th><th class=\"l\">writer</th>");
      for (String cohort : cohorts) {
        out.append("<th>").append(escape(cohort)).append("</th>");
      }
      out.append("</tr>\n");
      for (Scenario scenario : report.scenarios()) {
        for (Step step : scenario.steps()) {
          out.append("<tr><td class=\"l\">")
              .append(escape(scenario.name()))
              .append("</td><td class=\"l\">")
              .append(escape(step.label()))
              .append("</td><td class=\"l\">")
              .append(escape(writer(step)))
              .append("</td>");
          for (String cohort : cohorts) {
            CohortWrites writes = step.newRuntime().writesByCohort().get(cohort);
            out.append("<td>")
                .append(
                    writes == null || writes.writes() == 0
                        ? "-"
                        : f("%.1f%% (%d)", 100 * writes.newFormatShare(), writes.writes()))
                .append("</td>");
          }
          out.append("</tr>\n");
        }
      }
      out.append("</table>\n");
    }
    out.append("<h2>Runtime cost</h2>\n<table><tr><th class=\"l\">strategy</th>")
        .append("<th class=\"l\">runtime</th><th class=\"l\">Java</th><th>requests</th>")
        .append("<th>CPU &micro;s per request</th><th class=\"l\">bytes per cached value</th>")
        .append("</tr>\n");
    for (Scenario scenario : report.scenarios()) {
      for (RuntimeFigures runtime : scenario.runtimes()) {
        out.append("<tr><td class=\"l\">")
            .append(escape(scenario.name()))
            .append("</td><td class=\"l\">")
            .append(escape(runtime.role() + " (" + runtime.runtime() + ")"))
            .append("</td><td class=\"l\">")
            .append(escape(runtime.javaVersion()))
            .append("</td><td>")
            .append(String.valueOf(runtime.requests()))
            .append("</td><td>")
            .append(runtime.requests() == 0 ? "-" : f("%.1f", runtime.cpuMicrosPerRequest()))
            .append("</td><td class=\"l\">")
            .append(escape(sizes(runtime.bytesPerValue())))
            .append("</td></tr>\n");
      }
    }
    CpuComparison cpu = report.cpu();
    out.append("</table>\n<h2>CPU per request</h2>\n<p>")
        .append(escape(cpu.line()))
        .append(cpu.thresholdLine().isEmpty() ? "" : "<br>" + escape(cpu.thresholdLine()))
        .append(
            f(
                "</p>\n<p>Thread CPU time of the request threads, in %d windows (ticks of the"
                    + " framework strategies' steps in which both runtimes serve half the traffic,"
                    + " %d requests or more each), paired by window; 95%% confidence intervals."
                    + " Hardware instructions: ",
                cpu.steps(), CpuVerdict.MIN_REQUESTS))
        .append(escape(cpu.instructions()))
        .append(".</p>\n<table><tr><th class=\"l\">runtime</th><th class=\"l\">keyspace</th>")
        .append("<th class=\"l\">codec</th><th class=\"l\">Java</th>")
        .append("<th>CPU &micro;s per request</th><th>&plusmn; (95% CI)</th></tr>\n");
    cpuRow(
        out,
        "old (" + cpu.oldRuntime() + ")",
        cpu,
        cpu.oldCodec(),
        cpu.oldJava(),
        cpu.oldMicros(),
        cpu.oldHalfWidth());
    cpuRow(
        out,
        "new (" + cpu.newRuntime() + ")",
        cpu,
        cpu.newCodec(),
        cpu.newJava(),
        cpu.newMicros(),
        cpu.newHalfWidth());
    out.append("</table>\n<h2>Text report</h2>\n<pre>");
    StringBuilder text = new StringBuilder();
    text(report, text);
    out.append(escape(text.toString())).append("</pre>\n</body></html>\n");
  }

  private static void cpuRow(
      Appendable out,
      String runtime,
      CpuComparison cpu,
      String codec,
      String java,
      double micros,
      double halfWidth)
      throws IOException {
    out.append("<tr><td class=\"l\">")
        .append(escape(runtime))
        .append("</td><td class=\"l\">")
        .append(escape(cpu.keyspace()))
        .append("</td><td class=\"l\">")
        .append(escape(codec))
        .append("</td><td class=\"l\">")
        .append(escape(java))
        .append("</td><td>")
        .append(Double.isNaN(micros) ? "-" : f("%.1f", micros))
        .append("</td><td>")
        .append(Double.isNaN(halfWidth) ? "-" : f("%.1f", halfWidth))
        .append("</td></tr>\n");
  }

  private static void row(
      Appendable out,
      String css,
      String strategy,
      String step,
      String phase,
      String share,
      Figures figures)
      throws IOException {
    out.append(css.isEmpty() ? "<tr>" : "<tr class=\"" + css + "\">")
        .append("<td class=\"l\">")
        .append(escape(strategy))
        .append("</td><td class=\"l\">")
        .append(escape(step))
        .append("</td><td class=\"l\">")
        .append(escape(phase))
        .append("</td><td>")
        .append(share)
        .append("</td><td>")
        .append(String.valueOf(figures.requests()))
        .append("</td><td>")
        .append(percent(figures.hitRatio(), figures.reads()))
        .append("</td><td>")
        .append(String.valueOf(figures.loads()))
        .append("</td><td>")
        .append(String.valueOf(figures.decodeErrors()))
        .append("</td><td>")
        .append(String.valueOf(figures.wrongValues()))
        .append("</td><td>")
        .append(String.valueOf(figures.staleValues()))
        .append("</td><td>")
        .append(micros(figures.p50()))
        .append("</td><td>")
        .append(micros(figures.p99()))
        .append("</td></tr>\n");
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  // --- numbers ---------------------------------------------------------------------------------

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  private static String percent(double ratio, long of) {
    return of == 0 ? "-" : f("%.1f", 100 * ratio);
  }

  private static String micros(Duration duration) {
    double micros = duration.toNanos() / 1000.0;
    return micros >= 1000 ? f("%.0f", micros) : f("%.1f", micros);
  }

  private static String seconds(Duration duration) {
    return f("%.1f s", duration.toMillis() / 1000.0);
  }

  private static String trim(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  private static String sizes(Map<String, Double> bytesPerValue) {
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
