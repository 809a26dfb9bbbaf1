package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.compat.CellResult;
import dev.crossgrade.compat.MatrixReport;
import dev.crossgrade.compat.UserCodec;
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
            .codec(UserCodec.JSON)
            .codec(UserCodec.MSGPACK)
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
        .hasSize(4)
        .allSatisfy(c -> assertThat(c.verdict()).isEqualTo(Verdict.PASS));
    report.assertNoFailures();
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
            "counterexample: Cart{id=\"\", items=[], totalCents=2147483648L}",
            "new shop-1.5-narrowed.jar cannot read it: CorruptPayloadException: 1:44: Numeric value"
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
        new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-proc:none"));
    try (Stream<Path> files = Files.walk(SOURCES.resolve(build))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
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
