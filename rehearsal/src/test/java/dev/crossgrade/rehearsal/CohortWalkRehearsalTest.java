package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The staged rollout by cohort (issue 17.2) on the embedded cache: with both runtimes at half the
 * traffic, the new runtime's writer goes dev -> employees -> 1% of users -> 100%, once per
 * framework strategy; every request belongs to a cohort (2% dev, 8% employees, the rest users).
 */
class CohortWalkRehearsalTest {
  private static RehearsalReport report;

  @BeforeAll
  static void rehearse() {
    report =
        Rehearsal.newBuilder()
            .duration(Duration.ofSeconds(10))
            .seed(1)
            .writePercent(20)
            .walk(Walk.COHORTS)
            .build()
            .run();
  }

  @Test
  void eachStepWritesTheNewFormatForItsCohortsAndNoneServesAFault() {
    RehearsalAssertions.frameworkStrategiesServeNoFault(report);
    RehearsalAssertions.theCohortWalkWritesTheNewFormatForItsCohorts(report);
    assertThat(report.scenarios())
        .extracting(RehearsalReport.Scenario::name)
        .containsExactly("SPLIT by cohort", "READ_FALLBACK by cohort", "DUAL_WRITE by cohort");
  }

  @Test
  void everyFormatShowsTheWritesInTheNewFormatPerCohort() throws Exception {
    StringBuilder text = new StringBuilder();
    report.writeText(text);
    assertThat(text.toString())
        .contains("  walk      cohorts (both runtimes at 50% of the traffic")
        .contains("writes in the new format (kryo5@v2) by the cohort of the request")
        .containsPattern(
            "READ_FALLBACK by cohort +dev +dev \\+ 0% +100\\.0% \\(\\d+\\) +0\\.0% \\(\\d+\\)"
                + " +0\\.0% \\([\\d,]+\\)");

    StringBuilder json = new StringBuilder();
    report.writeJson(json);
    JsonNode root = new ObjectMapper().readTree(json.toString());
    assertThat(root.path("settings").path("walk").asText()).isEqualTo("cohorts");
    JsonNode step = root.path("scenarios").get(1).path("steps").get(1);
    assertThat(step.path("label").asText()).isEqualTo("employees");
    assertThat(step.path("writerCohorts").toString()).isEqualTo("[\"dev\",\"employees\"]");
    assertThat(step.path("writerPercent").asInt()).isZero();
    RehearsalReport.CohortWrites employees =
        report.scenarios().get(1).steps().get(1).newRuntime().writesByCohort().get("employees");
    assertThat(
            step.path("newRuntime")
                .path("writesByCohort")
                .path("employees")
                .path("newFormat")
                .asLong())
        .isEqualTo(employees.newFormat());

    StringBuilder html = new StringBuilder();
    report.writeHtml(html);
    assertThat(
            ChartLayoutAssertions.assertReadable(
                html.toString(),
                report.scenarios().stream().map(RehearsalReport.Scenario::name).toList()))
        .isEqualTo(2);
    assertThat(html.toString())
        .contains("<h2>Writes in the new format by cohort</h2>")
        .contains("<td class=\"l\">dev, employees + 1%</td>");
  }
}
