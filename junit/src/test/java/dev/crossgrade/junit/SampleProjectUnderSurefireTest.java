package dev.crossgrade.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension in a Maven build: the sample project built by its Maven Wrapper (offline) on JDK 25
 * under {@code LANG=C}, this module's classes added to Surefire's test class path and the list in
 * {@code src/test/resources}: a user's setup, with no configuration of JUnit or Surefire.
 */
class SampleProjectUnderSurefireTest {
  @TempDir Path dir;

  @Test
  void anExactExcludeListPassesTheBuildAndAStrictFlipFailsIt() throws Exception {
    Path jdk25 = SampleProject.jdk(SampleProject.JDK_25);
    Path project = SampleProject.copyWithWrapper(dir.resolve("shop"));
    Path list =
        Files.createDirectories(project.resolve("src/test/resources"))
            .resolve(RuntimeTestList.RESOURCE);
    String exact =
        """
        exclude on jdk 25 strict
          com.example.shop.PriceLabelTest#formatsAHugeAmount
          com.example.shop.ReceiptTest#euroSignIsReplacedUnderTheCLocale
          com.example.shop.ReceiptTest#defaultCharsetIsAsciiUnderTheCLocale
        """;
    Files.writeString(list, exact, StandardCharsets.UTF_8);
    Build passing = maven(project, jdk25);
    assertThat(passing.exitCode()).as(passing.log()).isZero();
    assertThat(passing.log())
        .contains("Tests run: 9, Failures: 0, Errors: 0, Skipped: 3")
        .contains("[crossgrade]   the list passes this build");

    Files.writeString(
        list, exact + "  com.example.shop.PriceLabelTest#formatsZero\n", StandardCharsets.UTF_8);
    Build failing = maven(project, jdk25);
    assertThat(failing.exitCode()).isEqualTo(1);
    assertThat(failing.log())
        .contains(
            "com.example.shop.PriceLabelTest#formatsZero passes on jdk 25 but"
                + " crossgrade-runtime-tests.txt line 5 lists it as allowed to fail: remove it from"
                + " the list (strict: this fails the build)")
        .contains("[crossgrade]   the list fails this build")
        .contains("BUILD FAILURE");
  }

  private record Build(int exitCode, String log) {}

  private static Build maven(Path project, Path javaHome) throws IOException, InterruptedException {
    String extension =
        String.join(
            ",",
            SampleProject.EXTENSION.toAbsolutePath().toString(),
            SampleProject.codeSource(dev.crossgrade.codec.CrossgradeException.class));
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    project.resolve("mvnw").toString(),
                    "-B",
                    "-o",
                    "test",
                    "-Dmaven.test.additionalClasspath=" + extension))
            .directory(project.toFile())
            .redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", javaHome.toString());
    builder.environment().put("LANG", "C");
    builder.environment().put("LC_ALL", "C");
    Path log = project.resolve("build.log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the sample's build did not finish within 5 minutes");
    }
    return new Build(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }
}
