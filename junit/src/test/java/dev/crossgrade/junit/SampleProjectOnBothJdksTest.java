package dev.crossgrade.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension on a real suite, on both JDKs: the sample project's tests run in forked JVMs on JDK
 * 17 and JDK 25 under {@code LANG=C}, through the JUnit console launcher, with only this module's
 * classes and a list file added to the class path. Three of its tests fail on JDK 25 for real
 * reasons ({@code Double.toString(2e23)}, the default charset under {@code LANG=C}).
 */
class SampleProjectOnBothJdksTest {
  private static final String PRICE = "com.example.shop.PriceLabelTest";
  private static final String RECEIPT = "com.example.shop.ReceiptTest";
  private static final String HUGE = PRICE + "#formatsAHugeAmount";
  private static final String EURO = RECEIPT + "#euroSignIsReplacedUnderTheCLocale";
  private static final String CHARSET = RECEIPT + "#defaultCharsetIsAsciiUnderTheCLocale";
  private static final String ASCII = RECEIPT + "#asciiTextIsOneBytePerCharacter";

  private static final String INCLUDE_ON_25 =
      """
      # what already passes on JDK 25; the rest runs and is reported
      include on jdk 25
        com.example.shop.PriceLabelTest#formatsASmallAmount
        com.example.shop.PriceLabelTest#formatsRoundAmounts
        com.example.shop.ReceiptTest#asciiTextIsOneBytePerCharacter
      """;

  private static final String EXCLUDE_ON_25 =
      """
      exclude on jdk 25 strict
        com.example.shop.PriceLabelTest#formatsAHugeAmount   # Double.toString, JDK 19
        com.example.shop.ReceiptTest#euroSignIsReplacedUnderTheCLocale
        com.example.shop.ReceiptTest#defaultCharsetIsAsciiUnderTheCLocale
      """;

  @TempDir static Path work;
  private static SampleProject sample;

  @BeforeAll
  static void compile() throws IOException {
    sample = SampleProject.compile(work);
  }

  @Test
  void withoutAListThreeTestsFailOnJdk25AndNoneOnJdk17() throws Exception {
    SampleProject.Run on17 = sample.run(SampleProject.jdk(SampleProject.JDK_17), null);
    SampleProject.Run on25 = sample.run(SampleProject.jdk(SampleProject.JDK_25), null);
    assertThat(on17.exitCode()).as(on17.output()).isZero();
    assertThat(on17.outcomes())
        .hasSize(7)
        .containsValue(Outcome.PASSED)
        .doesNotContainValue(Outcome.FAILED);
    assertThat(on25.exitCode()).as(on25.output()).isEqualTo(1);
    assertThat(failed(on25.outcomes())).containsExactlyInAnyOrder(HUGE, EURO, CHARSET);
    assertThat(on25.output()).contains("2.0E23").doesNotContain(RunSummary.PREFIX);
  }

  @Test
  void includeModeOnJdk25ReportsTheOthersAndPasses() throws Exception {
    SampleProject.Run on25 = sample.run(SampleProject.jdk(SampleProject.JDK_25), INCLUDE_ON_25);
    assertThat(on25.exitCode()).as(on25.output()).isZero();
    assertThat(on25.outcomes())
        .containsEntry(HUGE, Outcome.SKIPPED)
        .containsEntry(EURO, Outcome.SKIPPED)
        .containsEntry(CHARSET, Outcome.SKIPPED)
        .containsEntry(ASCII, Outcome.PASSED);
    assertThat(on25.summary())
        .anySatisfy(line -> assertThat(line).contains("runtime tests on jdk 25: include list"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "7 tests: 3 listed and passed, 0 listed and failed (fail the build), 3 not"
                            + " listed and failed (reported only), 1 not listed and passed"))
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "flip: "
                            + PRICE
                            + "#formatsZero passes on jdk 25 but is not on the include"
                            + " list")
                    .contains("add it to the list"))
        .anySatisfy(
            line -> assertThat(line).contains("allowed failure: " + HUGE + " fails on jdk 25"));
  }

  @Test
  void includeModeAppliesOnlyToItsRuntime() throws Exception {
    SampleProject.Run on17 = sample.run(SampleProject.jdk(SampleProject.JDK_17), INCLUDE_ON_25);
    assertThat(on17.exitCode()).as(on17.output()).isZero();
    assertThat(on17.summary())
        .singleElement()
        .asString()
        .contains(
            "has no section for jdk 17, so every test must pass: 7 tests, 7 passed, 0 failed");
  }

  @Test
  void includeModeFailsTheBuildWhenAListedTestFails() throws Exception {
    SampleProject.Run on25 =
        sample.run(SampleProject.jdk(SampleProject.JDK_25), INCLUDE_ON_25 + "  " + HUGE + "\n");
    assertThat(on25.exitCode()).as(on25.output()).isEqualTo(1);
    assertThat(on25.outcomes()).containsEntry(HUGE, Outcome.FAILED);
    assertThat(on25.summary())
        .anySatisfy(line -> assertThat(line).contains("FAILED: " + HUGE + " must pass on jdk 25"))
        .anySatisfy(line -> assertThat(line).contains("the list fails this build"));
  }

  @Test
  void excludeModeAllowsTheListedFailuresOnJdk25AndAllMustPassOnJdk17() throws Exception {
    SampleProject.Run on25 = sample.run(SampleProject.jdk(SampleProject.JDK_25), EXCLUDE_ON_25);
    SampleProject.Run on17 = sample.run(SampleProject.jdk(SampleProject.JDK_17), EXCLUDE_ON_25);
    assertThat(on25.exitCode()).as(on25.output()).isZero();
    assertThat(on25.outcomes())
        .containsEntry(HUGE, Outcome.SKIPPED)
        .containsEntry(ASCII, Outcome.PASSED);
    assertThat(on25.output()).contains("allowed: listed in crossgrade-runtime-tests.txt line 2");
    assertThat(on25.summary())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "7 tests: 4 passed, 0 failed (fail the build), 3 listed and failed"
                            + " (allowed), 0 listed and passed (flips: remove them)"))
        .anySatisfy(line -> assertThat(line).contains("the list passes this build"));
    assertThat(on17.exitCode()).as(on17.output()).isZero();
  }

  @Test
  void excludeModeFailsTheBuildWhenAnUnlistedTestFails() throws Exception {
    String list = EXCLUDE_ON_25.replace("  " + CHARSET + "\n", "");
    SampleProject.Run on25 = sample.run(SampleProject.jdk(SampleProject.JDK_25), list);
    assertThat(on25.exitCode()).as(on25.output()).isEqualTo(1);
    assertThat(on25.outcomes()).containsEntry(CHARSET, Outcome.FAILED);
  }

  @Test
  void aListedTestThatNowPassesIsReportedAsAFlip() throws Exception {
    String list =
        """
        exclude on jdk 25
          com.example.shop.PriceLabelTest#formatsAHugeAmount
          com.example.shop.ReceiptTest
        """;
    SampleProject.Run on25 = sample.run(SampleProject.jdk(SampleProject.JDK_25), list);
    assertThat(on25.exitCode()).as(on25.output()).isZero();
    assertThat(on25.outcomes()).containsEntry(ASCII, Outcome.PASSED);
    assertThat(on25.summary())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains(
                        "flip: "
                            + ASCII
                            + " passes on jdk 25 but crossgrade-runtime-tests.txt line 3 ("
                            + RECEIPT
                            + ") lists it as allowed to fail: remove it from the list")
                    .doesNotContain("strict"))
        .anySatisfy(line -> assertThat(line).contains("add 'strict' to the section line"));
  }

  @Test
  void strictModeFailsTheBuildOnAFlip() throws Exception {
    String list = EXCLUDE_ON_25 + "  " + ASCII + "\n";
    SampleProject.Run on25 = sample.run(SampleProject.jdk(SampleProject.JDK_25), list);
    assertThat(on25.exitCode()).as(on25.output()).isEqualTo(1);
    assertThat(on25.output())
        .contains(ASCII + " passes on jdk 25 but crossgrade-runtime-tests.txt line 5 lists it")
        .contains("(strict: this fails the build)");
    assertThat(on25.summary())
        .anySatisfy(line -> assertThat(line).contains("the list fails this build"));
  }

  @Test
  void strictModeCanBeSwitchedOnByAProperty() throws Exception {
    String list = EXCLUDE_ON_25.replace(" strict", "") + "  " + ASCII + "\n";
    SampleProject.Run on25 =
        sample.run(SampleProject.jdk(SampleProject.JDK_25), list, Policy.STRICT_PROPERTY + "=true");
    assertThat(on25.exitCode()).as(on25.output()).isEqualTo(1);
  }

  @Test
  void aNamedRuntimeSelectsItsSectionWhateverTheJdk() throws Exception {
    String list =
        EXCLUDE_ON_25.replace("exclude on jdk 25 strict", "exclude on runtime new-fleet strict");
    SampleProject.Run named =
        sample.run(
            SampleProject.jdk(SampleProject.JDK_25), list, TestRuntime.PROPERTY + "=new-fleet");
    assertThat(named.exitCode()).as(named.output()).isZero();
    assertThat(named.summary().get(0)).contains("runtime tests on runtime new-fleet: exclude list");
    SampleProject.Run unknown =
        sample.run(
            SampleProject.jdk(SampleProject.JDK_17), list, TestRuntime.PROPERTY + "=old-fleet");
    assertThat(unknown.exitCode()).isNotZero();
    assertThat(unknown.output())
        .contains(
            "-Dcrossgrade.runtime=old-fleet is set, but the list has no section for runtime"
                + " old-fleet (it has: exclude on runtime new-fleet strict)");
  }

  @Test
  void observeModeChangesNoOutcomeButStillSummarizes() throws Exception {
    SampleProject.Run on25 =
        sample.run(
            SampleProject.jdk(SampleProject.JDK_25),
            EXCLUDE_ON_25,
            Policy.ENFORCE_PROPERTY + "=false");
    assertThat(on25.exitCode()).isEqualTo(1);
    assertThat(failed(on25.outcomes())).containsExactlyInAnyOrder(HUGE, EURO, CHARSET);
    assertThat(on25.summary().get(0)).contains("observe only");
  }

  @Test
  void aBadListFileStopsTheRunNamingFileLineAndFix() throws Exception {
    String list = "exclude on jdk 25\n  com.example.shop.PriceLabelTest#formatsAHugeAmount()\n";
    SampleProject.Run on25 = sample.run(SampleProject.jdk(SampleProject.JDK_25), list);
    assertThat(on25.exitCode()).isNotZero();
    assertThat(on25.outcomes()).isEmpty();
    assertThat(on25.output())
        .contains(
            "crossgrade-runtime-tests.txt:2: 'com.example.shop.PriceLabelTest#formatsAHugeAmount()'"
                + " is not a test name (fix: write a class (com.acme.CartTest), a method");
  }

  private static java.util.List<String> failed(Map<String, Outcome> outcomes) {
    return outcomes.entrySet().stream()
        .filter(e -> e.getValue() == Outcome.FAILED)
        .map(Map.Entry::getKey)
        .toList();
  }
}
