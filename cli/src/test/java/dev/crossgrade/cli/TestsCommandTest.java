package dev.crossgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.junit.RuntimeTestList;
import dev.crossgrade.junit.SampleProject;
import dev.crossgrade.junit.TestRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crossgrade tests} on the real sample project (crossgrade-junit's, under {@code
 * src/test/sample}) with the project's Maven Wrapper, offline, on JDK 17 and JDK 25 under {@code
 * LANG=C}.
 */
class TestsCommandTest {
  @TempDir Path dir;

  @Test
  void runsTheSuiteOnBothJdksAndProposesTheExcludeListForTheNewOne() throws IOException {
    SampleProject.jdk(SampleProject.JDK_17);
    SampleProject.jdk(SampleProject.JDK_25);
    Path project = SampleProject.copyWithWrapper(dir.resolve("shop"));
    CliRun run =
        CliRun.of(
            "tests",
            "--jdk",
            "17",
            "--jdk",
            "25",
            "--project",
            project.toString(),
            "--env",
            "LANG=C",
            "--env",
            "LC_ALL=C",
            "--offline");
    assertThat(run.status()).as(run.err() + run.out()).isZero();
    assertThat(run.out())
        .contains("jdk 17: 7 tests, 7 passed, 0 failed, 0 skipped")
        .contains("jdk 25: 7 tests, 4 passed, 3 failed, 0 skipped")
        .contains("3 tests differ:")
        .contains(
            "PASSED   on jdk 17, FAILED   on jdk 25  com.example.shop.PriceLabelTest#formatsAHugeAmount")
        .contains("proposed list (exclude on jdk 25, 3 entries)");
    Path out = project.resolve("target/crossgrade-tests");
    assertThat(Files.readString(out.resolve("outcomes-jdk-17.txt"), StandardCharsets.UTF_8))
        .contains("PASSED   com.example.shop.ReceiptTest#defaultCharsetIsAsciiUnderTheCLocale")
        .contains("PASSED   com.example.shop.PriceLabelTest#formatsRoundAmounts");
    assertThat(Files.readString(out.resolve("outcomes-jdk-25.txt"), StandardCharsets.UTF_8))
        .contains("FAILED   com.example.shop.ReceiptTest#defaultCharsetIsAsciiUnderTheCLocale");
    RuntimeTestList proposed = RuntimeTestList.read(out.resolve(RuntimeTestList.RESOURCE));
    RuntimeTestList.Section section = proposed.section(TestRuntime.jdk(25)).orElseThrow();
    assertThat(section.mode()).isEqualTo(RuntimeTestList.Mode.EXCLUDE);
    assertThat(section.entries())
        .extracting(RuntimeTestList.Entry::pattern)
        .containsExactly(
            "com.example.shop.PriceLabelTest#formatsAHugeAmount",
            "com.example.shop.ReceiptTest#defaultCharsetIsAsciiUnderTheCLocale",
            "com.example.shop.ReceiptTest#euroSignIsReplacedUnderTheCLocale");
    assertThat(section.entries().get(0).comment()).isEqualTo("fails on jdk 25, passes on jdk 17");
    assertThat(proposed.section(TestRuntime.jdk(17))).isEmpty();
    assertThat(out.resolve("maven-jdk-25.log")).isRegularFile();
  }

  @Test
  void aSuiteThatDoesNotCompileStopsTheRunWithTheEndOfItsLog() throws IOException {
    SampleProject.jdk(SampleProject.JDK_17);
    Path project = SampleProject.copyWithWrapper(dir.resolve("broken"));
    Path test = project.resolve("src/test/java/com/example/shop/ReceiptTest.java");
    Files.writeString(test, "class ReceiptTest {", StandardCharsets.UTF_8);
    CliRun run =
        CliRun.of(
            "tests", "--jdk", "17", "--jdk", "25", "--project", project.toString(), "--offline");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("failed (exit status 1) other than by failed tests; the end of")
        .contains("COMPILATION ERROR");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void badArgumentsAreRefusedWithTheFix() throws IOException {
    CliRun once = CliRun.of("tests", "--jdk", "17", "--project", dir.toString());
    assertThat(once.status()).isEqualTo(2);
    assertThat(once.err()).contains("give --jdk twice, the old runtime then the new");
    CliRun noPom = CliRun.of("tests", "--jdk", "17", "--jdk", "25", "--project", dir.toString());
    assertThat(noPom.status()).isEqualTo(2);
    assertThat(noPom.err()).contains("has no pom.xml: give the folder of a Maven project");
    CliRun noJdk = CliRun.of("tests", "--jdk", "17", "--jdk", "99", "--project", dir.toString());
    assertThat(noJdk.status()).isEqualTo(2);
    assertThat(noJdk.err()).contains("no JDK 99 on this machine");
    Files.writeString(dir.resolve("pom.xml"), "<project/>", StandardCharsets.UTF_8);
    CliRun mode =
        CliRun.of(
            "tests", "--jdk", "17", "--jdk", "25", "--project", dir.toString(), "--mode", "both");
    assertThat(mode.status()).isEqualTo(2);
    assertThat(mode.err()).contains("--mode is include or exclude, was 'both'");
  }
}
