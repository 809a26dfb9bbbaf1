package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a build plugin needs of the user-jar check: each build as a class path (its jar, then the
 * libraries it runs with), one direction at a time, and a named type that no provider knows as a
 * bad argument rather than a cell.
 */
class UserJarClassPathTest {
  static final int TRIES = 200;

  static final String MONEY =
      "package com.acme.lib;\npublic record Money(long cents, String currency) {}\n";
  static final String INVOICE =
      "package com.acme;\n"
          + "import com.acme.lib.Money;\n"
          + "public record Invoice(String id, Money total) {}\n";
  static final String ORDER_QUANTITY_AS_LONG =
      "package com.acme;\n"
          + "import java.util.List;\n"
          + "public record Order(String id, long quantity, List<String> items) {}\n";

  @Test
  void aTypeWhoseFieldComesFromALibraryIsCheckedWithTheLibraryOnEachClassPath_andIsNotRunWithoutIt(
      @TempDir Path dir) throws IOException {
    Path lib = SampleApp.build(dir, "money-lib", Map.of("com.acme.lib.Money", MONEY));
    Path app =
        SampleApp.build(
            dir, "billing", Map.of("com.acme.Invoice", INVOICE), Map.of(), List.of(lib));

    MatrixReport report =
        UserJarMatrix.newBuilder()
            .oldClassPath("billing-1.0.jar", List.of(app, lib))
            .newClassPath("billing-1.1-SNAPSHOT", List.of(app, lib))
            .type("com.acme.Invoice")
            .codec(UserCodec.JSON)
            .tries(TRIES)
            .build()
            .run();

    assertThat(report.cells())
        .hasSize(2)
        .allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.PASS))
        .extracting(CellResult::writer)
        .containsExactly("old billing-1.0.jar", "new billing-1.1-SNAPSHOT");
    assertThat(report.runtimes()).contains("old build: " + app + " and 1 library it runs with");

    MatrixReport withoutLibrary =
        UserJarMatrix.newBuilder()
            .oldJar(app)
            .newJar(app)
            .type("com.acme.Invoice")
            .codec(UserCodec.JSON)
            .tries(TRIES)
            .build()
            .run();
    assertThat(withoutLibrary.cells())
        .hasSize(2)
        .allSatisfy(
            c -> {
              assertThat(c.verdict()).isEqualTo(Verdict.NOT_RUN);
              assertThat(c.explanation())
                  .contains("NoClassDefFoundError: com/acme/lib/Money")
                  .contains("missing from the build's class path");
            });
  }

  @Test
  void aClassPathEntryThatDoesNotExistIsABadArgumentNamingIt(@TempDir Path dir) throws IOException {
    Path app = SampleApp.build(dir, "app-1", Map.of("com.acme.Order", SampleApp.ORDER_V1));
    UserJarMatrix matrix =
        UserJarMatrix.newBuilder()
            .oldClassPath("app-1.jar", List.of(app, dir.resolve("gone.jar")))
            .newJar(app)
            .type("com.acme.Order")
            .build();
    assertThatThrownBy(matrix::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the class path of the old build lists ")
        .hasMessageContaining("gone.jar, which is neither a jar nor a folder");
  }

  @Test
  void aWidenedFieldPassesBackwardAndFailsForward(@TempDir Path dir) throws IOException {
    Path v1 = SampleApp.build(dir, "app-1", Map.of("com.acme.Order", SampleApp.ORDER_V1));
    Path v2 = SampleApp.build(dir, "app-2", Map.of("com.acme.Order", ORDER_QUANTITY_AS_LONG));

    MatrixReport backward = check(v1, v2, Compatibility.BACKWARD);
    assertThat(backward.cells())
        .hasSize(1)
        .allSatisfy(
            c -> {
              assertThat(c.writer()).isEqualTo("old app-1.jar");
              assertThat(c.reader()).isEqualTo("new app-2.jar");
              assertThat(c.verdict()).isEqualTo(Verdict.PASS);
            });
    assertThat(backward.runtimes()).anyMatch(line -> line.startsWith("directions: BACKWARD"));

    MatrixReport forward = check(v1, v2, Compatibility.FORWARD);
    assertThat(forward.cells()).hasSize(1);
    CellResult cell = forward.cells().get(0);
    assertThat(cell.writer()).isEqualTo("new app-2.jar");
    assertThat(cell.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(cell.counterexample()).contains("quantity=");
    assertThat(cell.explanation()).contains("quantity");

    MatrixReport full = check(v1, v2, Compatibility.FULL);
    assertThat(full.cells())
        .extracting(CellResult::writer, CellResult::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("old app-1.jar", Verdict.PASS),
            org.assertj.core.groups.Tuple.tuple("new app-2.jar", Verdict.FAIL));
  }

  private static MatrixReport check(Path v1, Path v2, Compatibility compatibility) {
    return UserJarMatrix.newBuilder()
        .oldJar(v1)
        .newJar(v2)
        .type("com.acme.Order")
        .codec(UserCodec.JSON)
        .compatibility(compatibility)
        .tries(TRIES)
        .build()
        .run();
  }

  @Test
  void aNamedTypeThatNeitherProviderHasIsABadArgumentListingTheTypesTheyName(@TempDir Path dir)
      throws IOException {
    Path build =
        SampleApp.build(
            dir,
            "shop-1",
            Map.of(
                "com.acme.User",
                UserProviderTest.USER_V1,
                "com.acme.Types",
                UserProviderTest.OLD_PROVIDER),
            Map.of(UserProviderTest.SERVICE, "com.acme.Types\n"));
    UserJarMatrix matrix =
        UserJarMatrix.newBuilder().oldJar(build).newJar(build).type("com.acme.Usr").build();
    assertThatThrownBy(matrix::run)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "com.acme.Usr is a cached type of neither build; their CachedTypesProviders name user"
                + " (name a type by its CachedType name or class name)");
  }
}
