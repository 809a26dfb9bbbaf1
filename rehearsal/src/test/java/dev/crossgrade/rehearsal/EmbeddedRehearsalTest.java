package dev.crossgrade.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossgrade.tooling.Html;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * One short rehearsal on the embedded cache (both runtimes in this JVM), and what it must show: the
 * naive shared key space serves decode errors once both runtimes are live, no framework strategy
 * serves an error, a wrong or a stale value in any step, and READ_FALLBACK keeps the hit ratio well
 * above SPLIT's during the transition. Then its text, JSON and HTML.
 */
class EmbeddedRehearsalTest {
  private static RehearsalReport report;
  private static final List<double[]> progress = new ArrayList<>();
  private static final List<String> progressSteps = new ArrayList<>();

  @BeforeAll
  static void rehearse() {
    report =
        Rehearsal.newBuilder()
            .duration(Duration.ofSeconds(15))
            .seed(1)
            .progress(
                (done, scenario, step) -> {
                  progress.add(new double[] {done});
                  progressSteps.add(scenario + " " + step);
                })
            .build()
            .run();
  }

  @Test
  void naiveServesDecodeErrorsOnceBothRuntimesAreLive() {
    RehearsalAssertions.naiveServesFaultsOnceBothRuntimesAreLive(report);
    assertThat(report.scenario(Strategy.NAIVE).transition().decodeErrors()).isPositive();
  }

  @Test
  void frameworkStrategiesServeNoErrorWrongOrStaleValue() {
    RehearsalAssertions.frameworkStrategiesServeNoFault(report);
  }

  @Test
  void readFallbackKeepsTheHitRatioWellAboveSplitDuringTheTransition() {
    RehearsalAssertions.readFallbackKeepsTheHitRatioWellAboveSplit(report);
  }

  @Test
  void everyScenarioRunsThePlannedSteps() {
    RehearsalAssertions.stepsFollowThePlan(report);
    assertThat(report.settings().cache()).startsWith("embedded");
    assertThat(report.settings().oldRuntime().javaVersion())
        .isEqualTo(System.getProperty("java.version"));
    assertThat(report.settings().seed()).isEqualTo(1);
  }

  @Test
  void progressGoesFromZeroToOneThroughEveryStep() {
    assertThat(progress).isNotEmpty();
    double last = -1;
    for (double[] done : progress) {
      assertThat(done[0]).isBetween(0.0, 1.0).isGreaterThanOrEqualTo(last);
      last = done[0];
    }
    assertThat(last).isEqualTo(1.0);
    assertThat(progressSteps)
        .contains("NAIVE 0%", "SPLIT 50%", "READ_FALLBACK unified", "DUAL_WRITE 100%")
        .contains("DUAL_WRITE with rollback rollback to 10%");
  }

  @Test
  void textHasOneRowPerStrategyAndStepAndTheVerdict() throws Exception {
    StringBuilder text = new StringBuilder();
    report.writeText(text);
    String out = text.toString();
    assertThat(out)
        .contains("strategy", "hit%", "errors", "wrong", "stale", "p50 us", "p99 us")
        .contains("NAIVE", "SPLIT", "READ_FALLBACK", "DUAL_WRITE with rollback")
        .contains("rollback to 10%", "UNIFIED", "cpu us/req", "kryo4@v1", "kryo5@v2")
        .contains(
            "SPLIT, READ_FALLBACK, DUAL_WRITE, DUAL_WRITE with rollback: no decode error, wrong or"
                + " stale value reached a caller");
    long rows =
        out.lines()
            .filter(line -> line.matches(".*\\s(\\d+)\\s+\\d+\\s+(\\d+\\.\\d|-)\\s.*"))
            .count();
    assertThat(rows).isGreaterThanOrEqualTo(6 * 4 + 8);
    assertThat(out)
        // 20 windows; on a loaded machine a window can go without a tick and is left out.
        .containsPattern(
            "cpu per request: thread CPU time of the request threads, in (1[5-9]|20) windows")
        .containsPattern("  old  shop-v1  keyspace products  kryo4@v1 .* us \u00b1 \\d+\\.\\d us")
        .containsPattern(
            "new runtime: [+\u2212]?\\d+(\\.\\d)? % \u00b1 \\d+(\\.\\d)? % CPU per request \\(95 % CI, n = 20\\)")
        .contains("hardware instructions: ");
  }

  @Test
  void theCpuComparisonPairsTheTicksOfTheEqualShareSteps() {
    RehearsalReport.CpuComparison cpu = report.cpu();
    // SPLIT, READ_FALLBACK and DUAL_WRITE have one 50% step, the rollback run two; 4 ticks each
    assertThat(cpu.steps()).as("windows with ticks, of 20").isBetween(15, 20);
    assertThat(cpu.scenarios())
        .extracting(RehearsalReport.ScenarioCpu::scenario)
        .containsExactly("SPLIT", "READ_FALLBACK", "DUAL_WRITE", "DUAL_WRITE with rollback");
    assertThat(cpu.oldMicros()).isPositive();
    assertThat(cpu.newMicros()).isPositive();
    assertThat(cpu.hasInterval()).isTrue();
    assertThat(cpu.changeHalfWidthPercent()).isPositive();
    assertThat(cpu.keyspace()).isEqualTo("products");
    assertThat(cpu.oldCodec()).isEqualTo("kryo4@v1");
    assertThat(cpu.newCodec()).isEqualTo("kryo5@v2");
    assertThat(cpu.maxRegressionPercent()).isNull();
    RehearsalReport.Step half = report.scenario(Strategy.DUAL_WRITE).step("50%").orElseThrow();
    assertThat(half.oldRuntime().cpuMicrosPerRequest()).isPositive();
    assertThat(half.newRuntime().cpuMicrosPerRequest()).isPositive();
  }

  @Test
  void jsonCarriesEveryFigure() throws Exception {
    StringBuilder json = new StringBuilder();
    report.writeJson(json);
    JsonNode root = new ObjectMapper().readTree(json.toString());
    assertThat(root.path("settings").path("seed").asLong()).isEqualTo(1);
    JsonNode scenarios = root.path("scenarios");
    assertThat(scenarios.size()).isEqualTo(report.scenarios().size());
    JsonNode naive = scenarios.get(0);
    assertThat(naive.path("strategy").asText()).isEqualTo("NAIVE");
    JsonNode step = naive.path("steps").get(3);
    assertThat(step.path("label").asText()).isEqualTo("50%");
    RehearsalReport.Figures expected = report.scenario(Strategy.NAIVE).steps().get(3).all();
    assertThat(step.path("requests").asLong()).isEqualTo(expected.requests());
    assertThat(step.path("decodeErrors").asLong()).isEqualTo(expected.decodeErrors());
    assertThat(step.path("hitRatio").asDouble()).isCloseTo(expected.hitRatio(), within(1e-4));
    assertThat(step.path("p99Micros").asDouble())
        .isCloseTo(expected.p99().toNanos() / 1000.0, within(1e-3));
    assertThat(step.path("newRuntime").path("reads").asLong())
        .isEqualTo(report.scenario(Strategy.NAIVE).steps().get(3).newRuntime().reads());
    assertThat(scenarios.get(1).path("steps").get(5).path("phase").asText()).isEqualTo("UNIFIED");
    assertThat(naive.path("steps").get(5).path("phase").isNull()).isTrue();
    assertThat(naive.path("runtimes").get(1).path("bytesPerValue").has("kryo5@v2 raw")).isTrue();
    assertThat(naive.path("timeline").size()).isEqualTo(24);
    assertThat(root.path("verdict").size()).isGreaterThanOrEqualTo(4);
    JsonNode cpu = root.path("cpu");
    assertThat(cpu.path("windows").asInt()).isEqualTo(report.cpu().steps());
    assertThat(cpu.path("changePercent").asDouble())
        .isCloseTo(report.cpu().changePercent(), within(1e-3));
    assertThat(cpu.path("changeHalfWidthPercent").asDouble())
        .isCloseTo(report.cpu().changeHalfWidthPercent(), within(1e-3));
    assertThat(cpu.path("verdict").asText()).isEqualTo(report.cpu().line());
    assertThat(cpu.path("scenarios").size()).isEqualTo(4);
    assertThat(cpu.path("maxRegressionPercent").isNull()).isTrue();
    assertThat(step.path("newRuntime").path("cpuMicrosPerRequest").asDouble())
        .isCloseTo(
            report.scenario(Strategy.NAIVE).steps().get(3).newRuntime().cpuMicrosPerRequest(),
            within(1e-3));
  }

  @Test
  void htmlIsSelfContainedWithWellFormedCharts() throws Exception {
    StringBuilder html = new StringBuilder();
    report.writeHtml(html);
    String page = html.toString();
    assertThat(page).startsWith("<!DOCTYPE html>").doesNotContain("<script");
    assertThat(page.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http:", "https:");
    Matcher svg = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(page);
    int charts = 0;
    while (svg.find()) {
      charts++;
      Document chart =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(svg.group().getBytes(StandardCharsets.UTF_8)));
      assertThat(chart.getElementsByTagName("polyline").getLength())
          .isEqualTo(report.scenarios().size());
    }
    assertThat(charts).isEqualTo(2);
    assertThat(page).contains("Hit ratio over time", "DUAL_WRITE with rollback", "<table>");
    assertThat(page)
        .contains("<h2>CPU per request</h2>")
        .contains(Html.escape(report.cpu().line()))
        .contains("&plusmn; (95% CI)");
  }

  @Test
  void chartsCanBeReadAtAGlance() throws Exception {
    StringBuilder html = new StringBuilder();
    report.writeHtml(html);
    // Kept for a person to look at: target/rehearsal-report.html.
    Files.writeString(Path.of("target", "rehearsal-report.html"), html);
    List<String> names = report.scenarios().stream().map(RehearsalReport.Scenario::name).toList();
    assertThat(names).contains("DUAL_WRITE with rollback");
    assertThat(ChartLayoutAssertions.assertReadable(html.toString(), names)).isEqualTo(2);
  }

  private static org.assertj.core.data.Offset<Double> within(double offset) {
    return org.assertj.core.data.Offset.offset(offset);
  }
}
