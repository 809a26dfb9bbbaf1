package dev.crossgrade.rehearsal;

import static dev.crossgrade.rehearsal.ReportFormats.cohorts;
import static dev.crossgrade.rehearsal.ReportFormats.describe;
import static dev.crossgrade.rehearsal.ReportFormats.f;
import static dev.crossgrade.rehearsal.ReportFormats.micros;
import static dev.crossgrade.rehearsal.ReportFormats.percent;
import static dev.crossgrade.rehearsal.ReportFormats.seconds;
import static dev.crossgrade.rehearsal.ReportFormats.sizes;
import static dev.crossgrade.rehearsal.ReportFormats.trim;
import static dev.crossgrade.rehearsal.ReportFormats.verdict;
import static dev.crossgrade.rehearsal.ReportFormats.writer;

import dev.crossgrade.rehearsal.RehearsalReport.CohortWrites;
import dev.crossgrade.rehearsal.RehearsalReport.CpuComparison;
import dev.crossgrade.rehearsal.RehearsalReport.Figures;
import dev.crossgrade.rehearsal.RehearsalReport.RuntimeFigures;
import dev.crossgrade.rehearsal.RehearsalReport.RuntimeInfo;
import dev.crossgrade.rehearsal.RehearsalReport.Scenario;
import dev.crossgrade.rehearsal.RehearsalReport.Settings;
import dev.crossgrade.rehearsal.RehearsalReport.Step;
import dev.crossgrade.tooling.Html;
import java.io.IOException;
import java.util.List;

/** Writes a {@link RehearsalReport} as a self-contained HTML page: tables and timeline charts. */
final class HtmlReport {
  private HtmlReport() {}

  static void write(RehearsalReport report, Appendable out) throws IOException {
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
        .append(Html.escape(s.cache()))
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
        .append(Html.escape(s.pair().label() + ": " + s.pair().describe()))
        .append(". Walk ")
        .append(Html.escape(s.walk().label() + ": " + describe(s.walk())))
        .append(".</p>\n")
        .append("<ul>\n");
    for (RuntimeInfo runtime : List.of(s.oldRuntime(), s.newRuntime())) {
      out.append("<li>")
          .append(Html.escape(runtime.role() + " runtime " + runtime.name()))
          .append(": ")
          .append(Html.escape(runtime.schema() + ", writes " + runtime.format()))
          .append("; reads ")
          .append(Html.escape(runtime.reads()))
          .append("; Java ")
          .append(Html.escape(runtime.javaVersion() + " (" + runtime.where() + ")"))
          .append("</li>\n");
    }
    out.append("</ul>\n<h2>Verdict</h2>\n<ul>\n");
    for (String line : verdict(report)) {
      out.append("<li>").append(Html.escape(line.trim())).append("</li>\n");
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
        out.append("<th>").append(Html.escape(cohort)).append("</th>");
      }
      out.append("</tr>\n");
      for (Scenario scenario : report.scenarios()) {
        for (Step step : scenario.steps()) {
          out.append("<tr><td class=\"l\">")
              .append(Html.escape(scenario.name()))
              .append("</td><td class=\"l\">")
              .append(Html.escape(step.label()))
              .append("</td><td class=\"l\">")
              .append(Html.escape(writer(step)))
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
            .append(Html.escape(scenario.name()))
            .append("</td><td class=\"l\">")
            .append(Html.escape(runtime.role() + " (" + runtime.runtime() + ")"))
            .append("</td><td class=\"l\">")
            .append(Html.escape(runtime.javaVersion()))
            .append("</td><td>")
            .append(String.valueOf(runtime.requests()))
            .append("</td><td>")
            .append(runtime.requests() == 0 ? "-" : f("%.1f", runtime.cpuMicrosPerRequest()))
            .append("</td><td class=\"l\">")
            .append(Html.escape(sizes(runtime.bytesPerValue())))
            .append("</td></tr>\n");
      }
    }
    CpuComparison cpu = report.cpu();
    out.append("</table>\n<h2>CPU per request</h2>\n<p>")
        .append(Html.escape(cpu.line()))
        .append(cpu.thresholdLine().isEmpty() ? "" : "<br>" + Html.escape(cpu.thresholdLine()))
        .append(
            f(
                "</p>\n<p>Thread CPU time of the request threads, in %d windows (ticks of the"
                    + " framework strategies' steps in which both runtimes serve half the traffic,"
                    + " %d requests or more each), paired by window; 95%% confidence intervals."
                    + " Hardware instructions: ",
                cpu.steps(), CpuVerdict.MIN_REQUESTS))
        .append(Html.escape(cpu.instructions()))
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
    TextReport.write(report, text);
    out.append(Html.escape(text.toString())).append("</pre>\n</body></html>\n");
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
        .append(Html.escape(runtime))
        .append("</td><td class=\"l\">")
        .append(Html.escape(cpu.keyspace()))
        .append("</td><td class=\"l\">")
        .append(Html.escape(codec))
        .append("</td><td class=\"l\">")
        .append(Html.escape(java))
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
        .append(Html.escape(strategy))
        .append("</td><td class=\"l\">")
        .append(Html.escape(step))
        .append("</td><td class=\"l\">")
        .append(Html.escape(phase))
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
}
