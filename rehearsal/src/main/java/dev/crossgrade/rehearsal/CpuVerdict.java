package dev.crossgrade.rehearsal;

import dev.crossgrade.rehearsal.CpuStatistics.Estimate;
import dev.crossgrade.rehearsal.RehearsalReport.CpuComparison;
import dev.crossgrade.rehearsal.RehearsalReport.RuntimeInfo;
import dev.crossgrade.rehearsal.RehearsalReport.ScenarioCpu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The CPU verdict of a rehearsal: which measurement windows count, the paired measurements they
 * give, and the comparison's text. A window is one tick of a step of a framework strategy in which
 * both runtimes serve the same share of the traffic (50%), so that they run at the same time, at
 * the same rate and in the same phase; each runtime must have served at least {@value
 * #MIN_REQUESTS} requests in it. Pure functions of the measurements.
 */
final class CpuVerdict {
  /** The fewest requests of each runtime for a window to count: fewer give noise, not a figure. */
  static final int MIN_REQUESTS = 50;

  private CpuVerdict() {}

  /**
   * One paired measurement: both runtimes' CPU microseconds per request in the same tick.
   *
   * @param scenario the scenario's name
   * @param oldMicros the old runtime's
   * @param newMicros the new runtime's
   */
  record Window(String scenario, double oldMicros, double newMicros) {}

  /** The windows of one step: none unless it is a framework step with equal shares. */
  static List<Window> windows(
      Strategy strategy, String scenario, int newSharePercent, StepStats old, StepStats neu) {
    List<Window> windows = new ArrayList<>();
    if (strategy == Strategy.NAIVE || newSharePercent != 50) {
      return windows;
    }
    int ticks = Math.min(old.tickRequests().length, neu.tickRequests().length);
    for (int t = 0; t < ticks; t++) {
      long oldRequests = old.tickRequests()[t];
      long newRequests = neu.tickRequests()[t];
      if (oldRequests >= MIN_REQUESTS && newRequests >= MIN_REQUESTS) {
        windows.add(
            new Window(
                scenario,
                old.tickCpuNanos()[t] / 1000.0 / oldRequests,
                neu.tickCpuNanos()[t] / 1000.0 / newRequests));
      }
    }
    return windows;
  }

  static CpuComparison compare(
      List<Window> windows,
      RuntimeInfo old,
      String oldCodec,
      RuntimeInfo neu,
      String newCodec,
      String keyspace,
      @Nullable Double maxRegressionPercent,
      String instructions) {
    double[] x = windows.stream().mapToDouble(Window::oldMicros).toArray();
    double[] y = windows.stream().mapToDouble(Window::newMicros).toArray();
    Estimate oldMean = CpuStatistics.mean(x);
    Estimate newMean = CpuStatistics.mean(y);
    Estimate change = change(x, y);
    Map<String, List<Window>> byScenario = new LinkedHashMap<>();
    windows.forEach(w -> byScenario.computeIfAbsent(w.scenario(), k -> new ArrayList<>()).add(w));
    List<ScenarioCpu> scenarios = new ArrayList<>();
    byScenario.forEach(
        (name, list) -> {
          Estimate e =
              change(
                  list.stream().mapToDouble(Window::oldMicros).toArray(),
                  list.stream().mapToDouble(Window::newMicros).toArray());
          scenarios.add(new ScenarioCpu(name, e.n(), e.value(), e.halfWidth()));
        });
    return new CpuComparison(
        keyspace,
        old.name(),
        oldCodec,
        old.javaVersion(),
        neu.name(),
        newCodec,
        neu.javaVersion(),
        windows.size(),
        oldMean.value(),
        oldMean.halfWidth(),
        newMean.value(),
        newMean.halfWidth(),
        change.value(),
        change.halfWidth(),
        scenarios,
        maxRegressionPercent,
        instructions);
  }

  /** The change of y against x in percent, with its interval; NaN without a positive mean x. */
  private static Estimate change(double[] x, double[] y) {
    double sum = 0;
    for (double v : x) {
      sum += v;
    }
    if (x.length == 0 || !(sum > 0)) {
      return new Estimate(x.length, Double.NaN, Double.NaN);
    }
    Estimate ratio = CpuStatistics.ratioOfMeans(x, y);
    return new Estimate(ratio.n(), 100 * (ratio.value() - 1), 100 * ratio.halfWidth());
  }

  static String line(CpuComparison cpu) {
    if (Double.isNaN(cpu.changePercent())) {
      return """
          new runtime: CPU per request not compared: no window in which both runtimes served half \
          the traffic and %s requests or more each (give a longer duration)"""
          .formatted(MIN_REQUESTS);
    }
    if (!cpu.hasInterval()) {
      return """
          new runtime: %s %% CPU per request (n = %s: too few windows for an interval; give a \
          longer duration)"""
          .formatted(signed(cpu.changePercent(), 1), cpu.steps());
    }
    return "new runtime: %s CPU per request (95 %% CI, n = %s)"
        .formatted(plusMinus(cpu.changePercent(), cpu.changeHalfWidthPercent()), cpu.steps());
  }

  static String thresholdLine(CpuComparison cpu) {
    Double max = cpu.maxRegressionPercent();
    if (max == null) {
      return "";
    }
    String limit = "the limit of " + signed(max, 1) + " % (max CPU regression)";
    if (!cpu.hasInterval()) {
      return "CPU verdict: not judged against " + limit + ": too few windows for an interval";
    }
    double low = cpu.changePercent() - cpu.changeHalfWidthPercent();
    double high = cpu.changePercent() + cpu.changeHalfWidthPercent();
    if (cpu.regressionExceeded()) {
      return """
          CPU verdict: FAIL, the new runtime is slower by more than %s %% with 95 %% confidence \
          (the interval is %s %% to %s %%), over %s"""
          .formatted(signed(max, 1), signed(low, 1), signed(high, 1), limit);
    }
    return """
        CPU verdict: pass, no regression over %s %% shown with 95 %% confidence (the interval is \
        %s %% to %s %%), within %s"""
        .formatted(signed(max, 1), signed(low, 1), signed(high, 1), limit);
  }

  /** One scenario's change, such as {@code SPLIT +41 % ± 9 % (n = 4)}. */
  static String scenarioLine(ScenarioCpu scenario) {
    if (Double.isNaN(scenario.changePercent())) {
      return scenario.scenario() + " -";
    }
    if (scenario.windows() < 2 || Double.isNaN(scenario.changeHalfWidthPercent())) {
      return scenario.scenario() + " " + signed(scenario.changePercent(), 0) + " % (n = 1)";
    }
    return "%s %s (n = %s)"
        .formatted(
            scenario.scenario(),
            plusMinus(scenario.changePercent(), scenario.changeHalfWidthPercent()),
            scenario.windows());
  }

  /** {@code −12 % ± 3 %}: whole percent, or one decimal when the interval is under 1 point. */
  private static String plusMinus(double change, double halfWidth) {
    int digits = halfWidth >= 1 ? 0 : 1;
    return signed(change, digits) + " % \u00b1 " + f("%." + digits + "f", halfWidth) + " %";
  }

  /** {@code +4}, {@code −12} (a true minus sign), {@code 0}. */
  static String signed(double value, int digits) {
    String text = f("%." + digits + "f", Math.abs(value));
    if (Double.parseDouble(text) == 0) {
      return text;
    }
    return (value < 0 ? "\u2212" : "+") + text;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
