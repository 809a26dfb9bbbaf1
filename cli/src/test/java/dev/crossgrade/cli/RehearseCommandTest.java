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
            html.toString());
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertThat(report.toString()).contains("READ_FALLBACK", "DUAL_WRITE", "SPLIT", "NAIVE");
    assertThat(Files.readString(html, StandardCharsets.UTF_8)).contains("<svg");
    assertThat(run.err()).contains(html.toString());
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
}
