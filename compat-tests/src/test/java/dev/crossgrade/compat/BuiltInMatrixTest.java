package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the built-in matrix once (2,000 tries per cell, to keep the module's test run short; the
 * command runs 10,000) and checks the verdicts the known facts predict.
 */
class BuiltInMatrixTest {
  static final int TRIES = 2_000;
  static MatrixReport report;

  @BeforeAll
  static void runMatrix() {
    report = CompatibilityMatrix.builtIn(MatrixOptions.newBuilder().tries(TRIES).ci(true).build());
  }

  static CellResult cell(String group, Predicate<CellResult> which) {
    List<CellResult> found =
        report.cells().stream().filter(c -> c.group().equals(group)).filter(which).toList();
    assertThat(found).as("cells of %s", group).hasSize(1);
    return found.get(0);
  }

  @Test
  void bothJdksRanUnderTheCLocaleWithTheirOwnDefaultCharsets() {
    assertThat(report.runtimes())
        .anySatisfy(r -> assertThat(r).startsWith("JDK 17: 17.").contains("US-ASCII"))
        .anySatisfy(r -> assertThat(r).startsWith("JDK 25: 25.").contains("UTF-8"));
  }

  @Test
  void everyCodecReadsAcrossJdk17And25InBothDirections() {
    List<CellResult> jdk = report.cells().stream().filter(c -> c.group().equals("jdk")).toList();
    assertThat(jdk).hasSize(20);
    assertThat(jdk)
        .allSatisfy(
            c -> {
              assertThat(c.verdict())
                  .as("%s %s -> %s: %s", c.codec(), c.writer(), c.reader(), c.explanation())
                  .isEqualTo(Verdict.PASS);
              assertThat(c.tries()).isEqualTo(TRIES);
            });
  }

  @Test
  void newSpecMessagePackFailsAnOldSpecReaderOnA32ByteString() {
    CellResult c =
        cell(
            "msgpack",
            x -> x.writer().equals("current-spec writer") && x.reader().startsWith("msgpack-java"));
    assertThat(c.verdict()).isEqualTo(Verdict.EXPECTED_FAIL);
    assertThat(c.counterexample()).isEqualTo("\"" + "a".repeat(32) + "\" (32 UTF-8 bytes)");
    assertThat(c.explanation()).contains("Invalid byte: -39");
  }

  @Test
  void theOldSpecWriterIsReadByTheOldReaderAndOldBytesByTheNewReader() {
    assertThat(report.cells().stream().filter(c -> c.group().equals("msgpack")))
        .filteredOn(
            c ->
                !c.writer().equals("current-spec writer") || !c.reader().startsWith("msgpack-java"))
        .hasSize(3)
        .allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.PASS));
  }

  @Test
  void canonicalJsonIsByteIdenticalAcrossJdksWhereNaiveJsonIsNot() {
    CellResult canonical = cell("json-bytes", c -> c.codec().startsWith("canonical-json"));
    assertThat(canonical.verdict()).isEqualTo(Verdict.PASS);
    assertThat(canonical.tries()).isEqualTo(TRIES);
    CellResult naive = cell("json-bytes", c -> c.codec().startsWith("naive JSON"));
    assertThat(naive.verdict()).isEqualTo(Verdict.EXPECTED_FAIL);
    assertThat(naive.explanation()).startsWith("bytes differ at offset");
    assertThat(naive.counterexample()).isNotNull();
  }

  @Test
  void kryo5ReadsKryo4OnlyWithTheKryo4Reader() {
    CellResult without =
        cell(
            "kryo",
            c -> c.writer().equals("Kryo 4 runtime") && c.reader().equals("Kryo 5 runtime"));
    assertThat(without.verdict()).isEqualTo(Verdict.EXPECTED_FAIL);
    assertThat(without.counterexample()).isEqualTo("\"\"");
    CellResult with =
        cell(
            "kryo",
            c -> c.writer().equals("Kryo 4 runtime") && c.reader().contains("Kryo 4 reader"));
    assertThat(with.verdict()).isEqualTo(Verdict.PASS);
    assertThat(
            cell(
                    "kryo",
                    c -> c.writer().equals("Kryo 5 runtime") && c.reader().equals("Kryo 4 runtime"))
                .verdict())
        .isEqualTo(Verdict.EXPECTED_FAIL);
  }

  @Test
  void jdk17DefaultCharsetTextReadOnJdk25FailsOnOneNonAsciiCharacter() {
    CellResult platform = cell("charset", c -> c.codec().contains("platform default"));
    assertThat(platform.verdict()).isEqualTo(Verdict.EXPECTED_FAIL);
    assertThat(platform.explanation()).contains("read back as \"?\"");
    assertThat(platform.counterexample()).matches("\"\\\\u[0-9a-f]{4}\" \\(\\d UTF-8 bytes\\)");
    assertThat(cell("charset", c -> c.codec().contains("UTF-8")).verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void schemaEvolutionShrinksToTheChangedFieldAlone() {
    CellResult renamed =
        cell(
            "schema",
            c ->
                c.codec().startsWith("kryo5 (compatible")
                    && c.writer().equals("Account v1")
                    && c.reader().contains("renamed"));
    assertThat(renamed.verdict()).isEqualTo(Verdict.EXPECTED_FAIL);
    assertThat(renamed.counterexample())
        .isEqualTo("Account{id=0L, name=\"\", visits=0, nickname=\"\", note=\"\"}");
    assertThat(renamed.explanation()).contains("$.displayName read back as null");

    CellResult narrowed =
        cell("schema", c -> c.codec().startsWith("json") && c.writer().contains("widened"));
    assertThat(narrowed.verdict()).isEqualTo(Verdict.EXPECTED_FAIL);
    assertThat(narrowed.counterexample()).contains("visits=2147483648L");

    CellResult tagged =
        cell(
            "schema",
            c ->
                c.codec().startsWith("kryo5 (tagged")
                    && c.writer().equals("Account v1")
                    && c.reader().contains("renamed"));
    assertThat(tagged.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void nothingFailsUnexpectedlyAndTheJsonMapOrderFixHolds() {
    // Regression: this matrix found JsonCodec.generic() writing a Map.of in its iteration order,
    // which differs between two JVMs. The codec now sorts hash-ordered maps; the cell must pass.
    assertThat(report.cells()).noneMatch(c -> c.verdict() == Verdict.FAIL);
    assertThat(report.cells())
        .filteredOn(c -> c.codec().startsWith("json (sorted"))
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.PASS));
    assertThat(report.cells()).noneMatch(c -> c.verdict() == Verdict.NOT_RUN);
  }

  @Test
  void theJsonReportHasEveryCellWithItsFields() throws IOException {
    StringWriter out = new StringWriter();
    report.writeJson(out);
    JsonNode json = new ObjectMapper().readTree(out.toString().getBytes(StandardCharsets.UTF_8));
    assertThat(json.get("cells")).hasSize(report.cells().size());
    JsonNode msgpack = null;
    for (JsonNode c : json.get("cells")) {
      assertThat(c.fieldNames())
          .toIterable()
          .contains(
              "writer", "reader", "codec", "verdict", "tries", "counterexample", "explanation");
      if (c.get("reader").asText().startsWith("msgpack-java")
          && c.get("writer").asText().startsWith("current")) {
        msgpack = c;
      }
    }
    assertThat(msgpack).isNotNull();
    assertThat(msgpack.get("verdict").asText()).isEqualTo("EXPECTED-FAIL");
    assertThat(msgpack.get("counterexample").asText()).contains("a".repeat(32));
  }

  @Test
  void theTextAndHtmlReportsShowEveryVerdictAndCounterexample() throws IOException {
    StringWriter text = new StringWriter();
    report.writeText(text);
    assertThat(text.toString())
        .contains("EXPECTED-FAIL", "PASS", "counterexample: \"" + "a".repeat(32))
        .contains(report.summary());
    assertThat(text.toString().lines().filter(l -> l.startsWith("schema ")).count()).isEqualTo(64);
    StringWriter html = new StringWriter();
    report.writeHtml(html);
    assertThat(html.toString())
        .startsWith("<!DOCTYPE html>")
        .contains("class=\"b EXPECTED-FAIL\"", "class=\"b PASS\"", "a".repeat(32))
        .doesNotContain("<script", "http://", "https://");
  }
}
