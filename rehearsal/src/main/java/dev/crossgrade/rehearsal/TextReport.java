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
import dev.crossgrade.rehearsal.RehearsalReport.ScenarioCpu;
import dev.crossgrade.rehearsal.RehearsalReport.Settings;
import dev.crossgrade.rehearsal.RehearsalReport.Step;
import java.io.IOException;
import java.util.List;

/**
 * Writes a {@link RehearsalReport} as the text the command prints: a table per scenario and step.
 */
final class TextReport {
  private TextReport() {}

  static void write(RehearsalReport report, Appendable out) throws IOException {
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
}
