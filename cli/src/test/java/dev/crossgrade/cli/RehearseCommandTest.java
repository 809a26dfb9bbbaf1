package dev.crossgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RehearseCommandTest {
  @TempDir Path dir;

  @Test
  void aShortRehearsalPrintsJsonAndHtmlAndNoFrameworkStrategyServesAFault() throws IOException {
    Path html = dir.resolve("rehearsal.html");
    CliRun run =
        CliRun.of(
            "rehearse",
            "--duration",
            "6s",
            "--seed",
            "3",
            "--format",
            "json",
            "--html",
            html.toString(),
            "--max-cpu-regression",
            "1000%");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.toString()).contains("READ_FALLBACK", "DUAL_WRITE", "SPLIT", "NAIVE");
    JsonNode cpu = report.path("cpu");
    assertThat(cpu.path("maxRegressionPercent").asDouble()).isEqualTo(1000.0);
    assertThat(cpu.path("regressionExceeded").asBoolean()).isFalse();
    assertThat(cpu.path("verdict").asText())
        .startsWith("new runtime: ")
        .contains("% CPU per request (95 % CI, n = ");
    assertThat(cpu.path("thresholdVerdict").asText())
        .startsWith("CPU verdict: pass, no regression over +1000.0 %");
    assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("<svg");
    assertThat(run.err()).contains(html.toString());
  }

  @Test
  void theCpuLimitFailsTheRunWhenTheNewRuntimeIsNotCheaperByAsMuchAsRequired() {
    // -99%: the new runtime must need under 1% of the old one's CPU per request; with the real
    // measurements' interval far above that, the verdict fails and the exit status is 1
    CliRun run = CliRun.of("rehearse", "--duration", "6s", "--max-cpu-regression", "-99%");
    assertThat(run.status()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("new runtime: [+\u2212]?\\d+(\\.\\d)? % \u00b1 [0-9.]+ % CPU per request")
        .contains("CPU verdict: FAIL, the new runtime is slower by more than \u221299.0 %");
    assertThat(run.err()).contains("crossgrade rehearse: CPU verdict: FAIL");
    CliRun bad = CliRun.of("rehearse", "--max-cpu-regression", "five");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("'five' is not a percentage such as 5% or -10%");
    CliRun outOfRange = CliRun.of("rehearse", "--max-cpu-regression", "-100%");
    assertThat(outOfRange.status()).isEqualTo(2);
    assertThat(outOfRange.err()).contains("maxCpuRegression must be over -100");
    assertThat(RehearseCommand.parsePercent("5%", "x")).isEqualTo(5.0);
    assertThat(RehearseCommand.parsePercent(" 2.5 % ", "x")).isEqualTo(2.5);
  }

  /** Regression: a bare % in a description made picocli warn and print the text unformatted. */
  @Test
  void everySubcommandsHelpFormatsWithoutAPicocliWarning() {
    java.io.PrintStream before = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (String command :
          new String[] {"rehearse", "tests", "matrix", "inspect", "encode", "decode", "canon"}) {
        CliRun help = CliRun.of(command, "--help");
        assertThat(help.status()).as(command).isZero();
        assertThat(help.out()).as(command).doesNotContain("%n");
      }
    } finally {
      System.setErr(before);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    assertThat(CliRun.of("rehearse", "--help").out().replaceAll("\\s+", " "))
        .contains("0% -> 1% -> 10%")
        .contains("5%) with 95% confidence");
  }

  @Test
  void aLossyPairWithAnUnderivableCurrencyServesNoFaultAndTheReportNamesTheScenario()
      throws IOException {
    CliRun run =
        CliRun.of("rehearse", "--scenario", "lossy", "--duration", "4s", "--format", "json");
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode settings = new ObjectMapper().readTree(run.out()).path("settings");
    assertThat(settings.path("scenario").asText()).isEqualTo("lossy");
    assertThat(settings.path("newRuntime").path("reads").asText())
        .contains("cannot derive the currency");
    CliRun bad = CliRun.of("rehearse", "--scenario", "guessing");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err())
        .contains(
            "crossgrade rehearse: --scenario 'guessing' is not one of default, lossy,"
                + " lossy-guessing");
    assertThat(CliRun.of("rehearse", "--help").out()).contains("--scenario", "lossy-guessing");
  }

  @Test
  void theCohortWalkPrintsTheWritesInTheNewFormatPerCohortOrAnUnknownWalkIsRefused() {
    CliRun run = CliRun.of("rehearse", "--walk", "cohorts", "--duration", "3s");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("  walk      cohorts (")
        .contains("writes in the new format (kryo5@v2) by the cohort of the request")
        .contains("READ_FALLBACK by cohort", "dev, employees + 1%");
    CliRun bad = CliRun.of("rehearse", "--walk", "cohort");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err())
        .contains("crossgrade rehearse: --walk 'cohort' is not one of traffic, cohorts");
    assertThat(CliRun.of("rehearse", "--help").out()).contains("--walk", "cohorts");
  }

  @Test
  void durationsAreParsedOrRefused() {
    assertThat(RehearseCommand.parseDuration("20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(RehearseCommand.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(RehearseCommand.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(RehearseCommand.parseDuration("PT15S")).isEqualTo(Duration.ofSeconds(15));
    CliRun bad = CliRun.of("rehearse", "--duration", "soon");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("not a duration");
    CliRun html = CliRun.of("rehearse", "--format", "html");
    assertThat(html.status()).isEqualTo(2);
  }

  @Test
  void redisIsHostAndPort_andNotTogetherWithMemcached() {
    CliRun bad = CliRun.of("rehearse", "--redis", "redis://127.0.0.1:6379");
    assertThat(bad.status()).isEqualTo(2);
    assertThat(bad.err()).contains("redis must be HOST:PORT", "127.0.0.1:6379");
    CliRun both =
        CliRun.of("rehearse", "--redis", "127.0.0.1:6379", "--memcached", "127.0.0.1:11211");
    assertThat(both.status()).isEqualTo(2);
    assertThat(both.err()).contains("choose one cache");
    assertThat(CliRun.of("rehearse", "--help").out()).contains("--redis=HOST:PORT");
  }
}
