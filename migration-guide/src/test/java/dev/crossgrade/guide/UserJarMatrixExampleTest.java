package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.compat.CellResult;
import dev.crossgrade.compat.MatrixReport;
import dev.crossgrade.compat.UserJarMatrix;
import dev.crossgrade.compat.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playbook's user-jar matrix: two builds of a sample shop, compiled here from the guide's
 * sources, checked for the cached type {@code com.acme.Cart}.
 */
class UserJarMatrixExampleTest {
  static final Path SOURCES = Path.of("src/test/resources/userjar");

  @TempDir Path dir;

  static MatrixReport check(Path oldJar, Path newJar) {
    // tag::user-jar-matrix[]
    MatrixReport report =
        UserJarMatrix.newBuilder()
            .oldJar(oldJar) // the build in production
            .newJar(newJar) // the candidate
            .type("com.acme.Cart") // every cached type
            .tries(300)
            .build()
            .run();
    // end::user-jar-matrix[]
    return report;
  }

  @Test
  void anAddedFieldPassesInBothDirections() throws IOException {
    MatrixReport report = check(jar("shop-1.4"), jar("shop-1.5"));
    assertThat(report.hasFailures()).isFalse();
    assertThat(report.cells())
        .hasSize(6)
        .allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.PASS));
    report.assertNoFailures();
  }

  static MatrixReport checkWithProviders(Path oldJar, Path newJar) {
    // tag::provider-check[]
    MatrixReport report =
        UserJarMatrix.newBuilder()
            .oldJar(oldJar) // ships com.acme.CacheTypes in META-INF/services
            .newJar(newJar) // ships its own
            .tries(300)
            .build()
            .run(); // every cached type the providers name, with their registries
    // end::provider-check[]
    return report;
  }

  @Test
  void theRegistriesProductionBuildsPassOnTheRealPathAndTheDowncastPath() throws IOException {
    MatrixReport report = checkWithProviders(jar("shop-2.0"), jar("shop-2.1"));
    StringBuilder text = new StringBuilder();
    report.writeText(text);
    report.assertNoFailures();
    assertThat(report.cells())
        .extracting(CellResult::writer, CellResult::codec, CellResult::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("old shop-2.0.jar v1", "json", Verdict.PASS),
            org.assertj.core.groups.Tuple.tuple("new shop-2.1.jar v1", "json", Verdict.PASS),
            org.assertj.core.groups.Tuple.tuple(
                "new shop-2.1.jar v2 downcast to v1", "json (downcast path)", Verdict.PASS));
    assertThat(text.toString()).contains("setup: each build's CachedTypesProvider");
  }

  @Test
  void aNarrowedFieldFailsWhereTheNewBuildReadsWhatTheOldOneWrote() throws IOException {
    MatrixReport report = check(jar("shop-1.4"), jar("shop-1.5-narrowed"));
    StringBuilder text = new StringBuilder();
    report.writeText(text);
    assertThat(report.hasFailures()).isTrue();
    assertThat(text.toString())
        .contains(
            "FAIL: json, old shop-1.4.jar -> new shop-1.5-narrowed.jar",
            "counterexample: Cart{id=null, items=null, totalCents=2147483648L}",
            "new shop-1.5-narrowed.jar cannot read it: CorruptPayloadException: 1:48: Numeric value"
                + " (2147483648) out of range of int (-2147483648 - 2147483647) at $.totalCents");
    List<CellResult> failed =
        report.cells().stream().filter(c -> c.verdict() == Verdict.FAIL).toList();
    assertThat(failed)
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.group()).isEqualTo("com.acme.Cart");
              assertThat(c.writer()).isEqualTo("old shop-1.4.jar");
              assertThat(c.reader()).isEqualTo("new shop-1.5-narrowed.jar");
            });
  }

  /** Compiles one build of the sample shop into a jar, as its CI would. */
  Path jar(String build) throws IOException {
    Path classes = Files.createDirectories(dir.resolve(build + "-classes"));
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "--release",
                "17",
                "-proc:none",
                "-cp",
                System.getProperty("java.class.path")));
    Path sources = SOURCES.resolve(build);
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (f.toString().endsWith(".java")) {
          args.add(f.toString());
        } else {
          Path copy = classes.resolve(sources.relativize(f).toString());
          Files.createDirectories(copy.getParent());
          Files.copy(f, copy); // META-INF/services and other resources
        }
      }
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(new String[0]))).isZero();
    Path jar = dir.resolve(build + ".jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
