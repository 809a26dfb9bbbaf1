package dev.crossgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixAndRolloutCommandTest {
  @TempDir Path dir;

  private static Path config(String name) throws URISyntaxException {
    return Path.of(MatrixAndRolloutCommandTest.class.getResource("/config/" + name).toURI());
  }

  @Test
  void aValidRolloutConfigPrintsItsSummaryAndExitsZero() throws URISyntaxException {
    CliRun run = CliRun.of("rollout", "validate", config("valid.yaml").toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isNotBlank();
  }

  @Test
  void anInvalidRolloutConfigNamesFileLineAndFieldAndExitsTwo() throws URISyntaxException {
    Path file = config("percent-140.yaml");
    CliRun run = CliRun.of("rollout", "validate", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("percent-140.yaml").contains("percent").contains("140");
    assertThat(run.err()).containsPattern(":\\d+");
  }

  @Test
  void aManifestChecksEachWriterAgainstWhatTheNewRuntimeWrites() throws Exception {
    Path manifest = dir.resolve("manifest.yaml");
    Files.writeString(
        manifest,
        """
        version: 1
        runtimes:
          - name: shop-v2
            keyspaces:
              - {name: users, writes: [test-new@v2, test-old@v1]}
              - {name: carts, writes: [kryo5@v1]}
        """,
        StandardCharsets.UTF_8);
    Path valid = config("valid.yaml");
    CliRun ok =
        CliRun.of("rollout", "validate", valid.toString(), "--manifest", manifest.toString());
    assertThat(ok.status()).as(ok.err()).isZero();

    Files.writeString(
        manifest,
        Files.readString(manifest, StandardCharsets.UTF_8).replace("[kryo5@v1]", "[kryo5@v2]"),
        StandardCharsets.UTF_8);
    CliRun wrong =
        CliRun.of("rollout", "validate", valid.toString(), "--manifest", manifest.toString());
    assertThat(wrong.status()).isEqualTo(2);
    assertThat(wrong.err())
        .contains("valid.yaml:")
        .contains("keyspaces[carts].writer")
        .contains("writer kryo5@v1 cannot be written by runtime 'shop-v2'")
        .contains("kryo5@v2 ({codec: kryo5, schemaVersion: 2})");
  }

  @Test
  void aDeviceIsNotReadAsAConfig() {
    CliRun run = CliRun.of("rollout", "validate", "/dev/zero");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("/dev/zero").contains("not a regular file");
  }

  @Test
  void theMatrixWritesAJsonReportWithEveryCellAndNoFailure() throws IOException {
    Path out = dir.resolve("matrix.json");
    CliRun run =
        CliRun.of(
            "matrix", "--tries", "50", "--seed", "7", "--format", "json", "--out", out.toString());
    assertThat(run.status()).as(run.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(Files.readString(out, StandardCharsets.UTF_8));
    assertThat(report.get("cells").size()).isGreaterThan(50);
    for (JsonNode cell : report.get("cells")) {
      assertThat(cell.get("verdict").asText()).isIn("PASS", "EXPECTED-FAIL");
      assertThat(cell.get("writer").asText()).isNotBlank();
      assertThat(cell.get("reader").asText()).isNotBlank();
    }
    assertThat(run.err()).contains(out.toString());
  }

  @Test
  void userJarModeNeedsBothJarsAndATypeAndTriesMustBePositive() {
    CliRun missing = CliRun.of("matrix", "--old", "a.jar", "--type", "com.acme.User");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("needs --old and --new");
    CliRun zero = CliRun.of("matrix", "--tries", "0");
    assertThat(zero.status()).isEqualTo(2);
  }
}
