package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.rehearsal.CpuVerdict.Window;
import dev.crossgrade.rehearsal.RehearsalReport.CpuComparison;
import dev.crossgrade.rehearsal.RehearsalReport.RuntimeInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Which windows count, the comparison's line and the threshold's verdict. */
class CpuVerdictTest {
  private static final RuntimeInfo OLD =
      new RuntimeInfo("shop-v1", "old", "v1", "kryo4@v1", "kryo4@v1", "17.0.15", "this JVM");
  private static final RuntimeInfo NEW =
      new RuntimeInfo("shop-v2", "new", "v2", "kryo5@v2", "both", "25.0.1", "this JVM");

  @Test
  void onlyTicksOfFrameworkStepsWithEqualSharesAndEnoughRequestsCount() {
    StepStats old =
        stats(new long[] {4_000_000, 4_000_000, 4_000_000, 4_000_000}, 200, 200, 49, 200);
    StepStats neu =
        stats(new long[] {3_000_000, 3_000_000, 3_000_000, 3_000_000}, 100, 200, 200, 10);
    List<Window> windows = CpuVerdict.windows(Strategy.SPLIT, "SPLIT", 50, old, neu);
    assertThat(windows).hasSize(2);
    assertThat(windows.get(0).oldMicros()).isEqualTo(20.0);
    assertThat(windows.get(0).newMicros()).isEqualTo(30.0);
    assertThat(CpuVerdict.windows(Strategy.NAIVE, "NAIVE", 50, old, neu)).isEmpty();
    assertThat(CpuVerdict.windows(Strategy.SPLIT, "SPLIT", 10, old, neu)).isEmpty();
  }

  @Test
  void aCheaperNewRuntimePrintsItsChangeWithTheInterval() {
    CpuComparison cpu = compare(pairs(40, 0.88, 10), 5.0);
    assertThat(cpu.steps()).isEqualTo(10);
    assertThat(cpu.line())
        .isEqualTo("new runtime: \u221211.6 % \u00b1 0.3 % CPU per request (95 % CI, n = 10)");
    assertThat(cpu.regressionExceeded()).isFalse();
    assertThat(cpu.thresholdLine()).startsWith("CPU verdict: pass, no regression over +5.0 %");
    assertThat(cpu.scenarios())
        .singleElement()
        .satisfies(s -> assertThat(s.windows()).isEqualTo(10));
  }

  @Test
  void aNewRuntimeSlowerBeyondTheLimitWithConfidenceFails() {
    CpuComparison cpu = compare(pairs(40, 1.10, 10), 5.0);
    assertThat(cpu.changePercent() - cpu.changeHalfWidthPercent()).isGreaterThan(5.0);
    assertThat(cpu.regressionExceeded()).isTrue();
    assertThat(cpu.thresholdLine())
        .startsWith(
            "CPU verdict: FAIL, the new runtime is slower by more than +5.0 % with 95 % confidence");
  }

  @Test
  void aRegressionThatMayBeUnderTheLimitDoesNotFail() {
    List<Window> noisy = new ArrayList<>();
    double[] factors = {0.9, 1.3, 1.0, 1.25, 0.95, 1.2};
    for (double f : factors) {
      noisy.add(new Window("SPLIT", 40, 40 * f));
    }
    CpuComparison cpu = compare(noisy, 5.0);
    assertThat(cpu.changePercent()).isGreaterThan(5.0);
    assertThat(cpu.changePercent() - cpu.changeHalfWidthPercent()).isLessThan(5.0);
    assertThat(cpu.regressionExceeded()).isFalse();
  }

  @Test
  void withoutWindowsOrALimitTheLinesSaySo() {
    CpuComparison none = compare(List.of(), null);
    assertThat(none.line()).contains("not compared: no window in which both runtimes served");
    assertThat(none.thresholdLine()).isEmpty();
    assertThat(none.regressionExceeded()).isFalse();
    CpuComparison one = compare(List.of(new Window("SPLIT", 40, 44)), 5.0);
    assertThat(one.line()).contains("+10.0 % CPU per request (n = 1: too few windows");
    assertThat(one.regressionExceeded()).isFalse();
    assertThat(one.thresholdLine()).contains("not judged");
  }

  @Test
  void signsAreATrueMinusOrAPlus() {
    assertThat(CpuVerdict.signed(-12.4, 0)).isEqualTo("\u221212");
    assertThat(CpuVerdict.signed(3.25, 1)).isEqualTo("+3.3");
    assertThat(CpuVerdict.signed(-0.04, 1)).isEqualTo("0.0");
  }

  private static CpuComparison compare(List<Window> windows, @Nullable Double max) {
    return CpuVerdict.compare(windows, OLD, "kryo4@v1", NEW, "kryo5@v2", "products", max, "n/a");
  }

  /** Pairs whose new value is {@code ratio} times the old, with a little spread. */
  private static List<Window> pairs(double micros, double ratio, int n) {
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double load = 1 + 0.02 * (i % 3);
      windows.add(
          new Window("READ_FALLBACK", micros * load, micros * ratio * load * (1 + 0.01 * (i % 2))));
    }
    return windows;
  }

  private static StepStats stats(long[] cpu, long... requests) {
    long[] zeros = new long[requests.length];
    return new StepStats(
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        Map.of(),
        new long[LatencyHistogram.BUCKETS],
        zeros,
        zeros,
        zeros,
        zeros,
        cpu,
        requests,
        List.of(),
        Map.of());
  }
}
