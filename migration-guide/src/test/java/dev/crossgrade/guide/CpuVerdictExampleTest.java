package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.rehearsal.Rehearsal;
import dev.crossgrade.rehearsal.RehearsalReport;
import dev.crossgrade.rehearsal.Strategy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The playbook's CPU verdict: a short rehearsal of one strategy, judged against a limit. */
class CpuVerdictExampleTest {
  @Test
  void theRehearsalJudgesTheNewRuntimesCpuPerRequestAgainstTheLimit() {
    // tag::cpu-verdict[]
    RehearsalReport report =
        Rehearsal.newBuilder()
            .duration(Duration.ofSeconds(4))
            .strategies(Strategy.DUAL_WRITE)
            .rollback(null)
            .maxCpuRegression(5) // percent
            .build()
            .run();
    RehearsalReport.CpuComparison cpu = report.cpu();
    String verdict = cpu.line(); // new runtime: −12 % ± 3 % CPU per request (95 % CI, n = 4)
    boolean stop = cpu.regressionExceeded(); // slower by over 5 % with 95 % confidence
    // end::cpu-verdict[]
    assertThat(cpu.steps()).isEqualTo(4); // the four ticks of the one 50% step
    assertThat(verdict)
        .matches(
            "new runtime: [+\u2212]?\\d+(\\.\\d)? % \u00b1 \\d+(\\.\\d)? % CPU per request"
                + " \\(95 % CI, n = 4\\)");
    assertThat(stop).isEqualTo(cpu.changePercent() - cpu.changeHalfWidthPercent() > 5);
    assertThat(cpu.thresholdLine()).startsWith(stop ? "CPU verdict: FAIL" : "CPU verdict: pass");
  }
}
