package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real builds of a sample app, compiled here, loaded side by side in isolated loaders. */
class UserJarMatrixTest {
  static final int TRIES = 500;

  @Test
  void findsThePlantedIncompatibilityWithTypeCodecAndDirection(@TempDir Path dir)
      throws IOException {
    Path v1 =
        SampleApp.build(
            dir,
            "app-1",
            Map.of(
                "com.acme.Order", SampleApp.ORDER_V1, "com.acme.Customer", SampleApp.CUSTOMER_V1));
    Path v2 =
        SampleApp.build(
            dir,
            "app-2",
            Map.of(
                "com.acme.Order",
                SampleApp.ORDER_V2_QUANTITY_AS_TEXT,
                "com.acme.Customer",
                SampleApp.CUSTOMER_V2));
    MatrixReport report =
        UserJarMatrix.newBuilder()
            .oldJar(v1)
            .newJar(v2)
            .type("com.acme.Order")
            .type("com.acme.Customer")
            .tries(TRIES)
            .build()
            .run();

    List<CellResult> broken =
        report.cells().stream().filter(c -> c.verdict() == Verdict.FAIL).toList();
    assertThat(broken)
        .isNotEmpty()
        .allSatisfy(c -> assertThat(c.group()).isEqualTo("com.acme.Order"));
    CellResult jsonForward =
        report.cells().stream()
            .filter(c -> c.group().equals("com.acme.Order") && c.codec().equals("json"))
            .filter(c -> c.writer().equals("old app-1.jar"))
            .findFirst()
            .orElseThrow();
    assertThat(jsonForward.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(jsonForward.reader()).isEqualTo("new app-2.jar");
    assertThat(jsonForward.counterexample()).isEqualTo("Order{id=null, quantity=0, items=null}");
    assertThat(jsonForward.explanation())
        .isEqualTo(
            "new app-2.jar: $.quantity read back as \"0\" (java.lang.String), expected 0"
                + " (java.lang.Integer)");
    assertThat(broken)
        .extracting(CellResult::codec, CellResult::writer)
        .contains(
            org.assertj.core.groups.Tuple.tuple("json", "new app-2.jar"),
            org.assertj.core.groups.Tuple.tuple("msgpack", "old app-1.jar"),
            org.assertj.core.groups.Tuple.tuple("msgpack", "new app-2.jar"));
    assertThat(report.cells())
        .filteredOn(c -> c.group().equals("com.acme.Customer"))
        .hasSize(6)
        .allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.PASS));
    assertThat(report.runtimes()).anyMatch(line -> line.startsWith("setup: default"));
    assertThatThrownBy(report::assertNoFailures)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("json: old app-1.jar -> new app-2.jar")
        .hasMessageContaining("quantity");

    StringWriter json = new StringWriter();
    report.writeJson(json);
    assertThat(json.toString())
        .contains("\"group\" : \"com.acme.Order\"", "\"verdict\" : \"FAIL\"");
  }

  @Test
  void passesWhenTheNewBuildOnlyAddsFields(@TempDir Path dir) throws IOException {
    Path v1 =
        SampleApp.build(
            dir,
            "app-1",
            Map.of(
                "com.acme.Order", SampleApp.ORDER_V1, "com.acme.Customer", SampleApp.CUSTOMER_V1));
    Path v2 =
        SampleApp.build(
            dir,
            "app-2",
            Map.of(
                "com.acme.Order",
                SampleApp.ORDER_V2_TAGS,
                "com.acme.Customer",
                SampleApp.CUSTOMER_V2));
    MatrixReport report =
        UserJarMatrix.newBuilder()
            .oldJar(v1)
            .newJar(v2)
            .type("com.acme.Order")
            .type("com.acme.Customer")
            .codec(UserCodec.JSON)
            .codec(UserCodec.MSGPACK)
            .codec(UserCodec.KRYO5)
            .fieldArbitrary("com.acme.Order.id", Arbitraries.strings().numeric().ofLength(8))
            .tries(TRIES)
            .build()
            .run();
    report.assertNoFailures();
    assertThat(report.cells())
        .filteredOn(c -> c.verdict() == Verdict.PASS)
        .hasSize(12)
        .allSatisfy(c -> assertThat(c.tries()).isEqualTo(TRIES));
    assertThat(report.cells())
        .filteredOn(c -> c.writer().startsWith("old") && c.group().equals("com.acme.Order"))
        .allSatisfy(c -> assertThat(c.explanation()).contains("defaulted", "Order.tags"));
  }

  @Test
  void aFieldItCannotGenerateIsANotRunCellThatNamesTheFieldAndTheFix(@TempDir Path dir)
      throws IOException {
    String shape =
        "package com.acme;\npublic record Drawing(String id, Shape shape) {\n"
            + "  public interface Shape { double area(); } }\n";
    Path v1 = SampleApp.build(dir, "draw-1", Map.of("com.acme.Drawing", shape));
    Path v2 = SampleApp.build(dir, "draw-2", Map.of("com.acme.Drawing", shape));
    MatrixReport report =
        UserJarMatrix.newBuilder()
            .oldJar(v1)
            .newJar(v2)
            .type("com.acme.Drawing")
            .tries(50)
            .build()
            .run();
    assertThat(report.cells())
        .hasSize(6)
        .allSatisfy(
            c -> {
              assertThat(c.verdict()).isEqualTo(Verdict.NOT_RUN);
              assertThat(c.explanation())
                  .contains("Drawing.shape", "com.acme.Drawing$Shape", "give a generator");
            });
  }

  @Test
  void aMissingTypeIsABadArgumentNamingTheBuild(@TempDir Path dir) throws IOException {
    Path v1 = SampleApp.build(dir, "app-1", Map.of("com.acme.Order", SampleApp.ORDER_V1));
    UserJarMatrix matrix =
        UserJarMatrix.newBuilder().oldJar(v1).newJar(v1).type("com.acme.Missing").build();
    assertThatThrownBy(matrix::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("com.acme.Missing is not in ");
    UserJarMatrix noJar =
        UserJarMatrix.newBuilder()
            .oldJar(dir.resolve("nope.jar"))
            .newJar(v1)
            .type("com.acme.Order")
            .build();
    assertThatThrownBy(noJar::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope.jar is neither a jar nor a classes folder");
  }
}
