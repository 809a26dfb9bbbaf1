package dev.crossgrade.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a finished check fails the build, and what the failure says. */
class BuildVerdictTest {
  static final Path REPORT = Path.of("target/crossgrade/report.html");

  private static String failure(boolean failOnNotRun, dev.crossgrade.compat.CellResult... cells) {
    return BuildVerdict.failure(
        List.of(cells), failOnNotRun, "shop-1.1.0-SNAPSHOT", "com.acme:shop:1.0.0", REPORT);
  }

  @Test
  void passingAndNotRunCellsPassTheBuild() {
    assertThat(failure(false, JUnitReportTest.FORWARD_PASS, JUnitReportTest.NOT_RUN)).isNull();
  }

  @Test
  void aFailCellFailsItWithTypeCodecDirectionCounterexampleAndExplanation() {
    assertThat(failure(false, JUnitReportTest.BACKWARD_FAIL, JUnitReportTest.FORWARD_PASS))
        .isEqualTo(
            "shop-1.1.0-SNAPSHOT cannot share a cache with com.acme:shop:1.0.0: 1 of 2 cells FAIL\n"
                + "  FAIL com.acme.Cart, json, BACKWARD (new reads old): old shop-1.0.0.jar v1 ->"
                + " new shop-1.1.0-SNAPSHOT\n"
                + "    counterexample: Cart{id=null, quantity=0, items=null}\n"
                + "    "
                + JUnitReportTest.BACKWARD_FAIL.explanation()
                + "\nreport: "
                + REPORT);
  }

  @Test
  void withFailOnNotRunANotRunCellFailsItAndIsListedAfterTheFails() {
    assertThat(failure(true, JUnitReportTest.NOT_RUN, JUnitReportTest.FORWARD_PASS))
        .startsWith("1 of 2 cells NOT-RUN, and failOnNotRun is set (crossgrade.failOnNotRun)\n")
        .contains(
            "  NOT-RUN com.acme.Customer, msgpack, BACKWARD (new reads old): old shop-1.0.0.jar ->"
                + " new shop-1.1.0-SNAPSHOT\n"
                + "    msgpack cannot be set up for com.acme.Customer\n");
    assertThat(failure(true, JUnitReportTest.NOT_RUN, JUnitReportTest.BACKWARD_FAIL))
        .startsWith(
            "shop-1.1.0-SNAPSHOT cannot share a cache with com.acme:shop:1.0.0: 1 of 2 cells FAIL,"
                + " 1 NOT-RUN\n  FAIL com.acme.Cart")
        .containsSubsequence("  FAIL com.acme.Cart", "  NOT-RUN com.acme.Customer");
  }
}
