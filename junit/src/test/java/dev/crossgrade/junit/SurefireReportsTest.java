package dev.crossgrade.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Surefire's JUnit XML reports read into one outcome per test method. */
class SurefireReportsTest {
  @TempDir Path dir;

  @Test
  void readsOneOutcomePerMethodWithParameterizedInvocationsTogether() throws Exception {
    Path reports = Files.createDirectories(dir.resolve("module/target/surefire-reports"));
    Files.writeString(
        reports.resolve("TEST-com.acme.CartTest.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="com.acme.CartTest" tests="5" failures="1" errors="1" skipped="1">
          <testcase name="totals" classname="com.acme.CartTest" time="0.01"/>
          <testcase name="rounds(double)[1]" classname="com.acme.CartTest" time="0.01"/>
          <testcase name="rounds(double)[2]" classname="com.acme.CartTest" time="0.01">
            <failure message="expected: 2.0E23" type="org.opentest4j.AssertionFailedError"/>
          </testcase>
          <testcase name="charset" classname="com.acme.CartTest" time="0.01">
            <error type="java.lang.IllegalStateException"/>
          </testcase>
          <testcase name="later" classname="com.acme.CartTest" time="0">
            <skipped message="allowed"/>
          </testcase>
        </testsuite>
        """,
        StandardCharsets.UTF_8);
    List<Path> found = SurefireReports.find(dir);
    assertThat(found).hasSize(1);
    Map<String, Outcome> outcomes = SurefireReports.read(found);
    assertThat(outcomes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "com.acme.CartTest#totals", Outcome.PASSED,
                "com.acme.CartTest#rounds", Outcome.FAILED,
                "com.acme.CartTest#charset", Outcome.FAILED,
                "com.acme.CartTest#later", Outcome.SKIPPED));
  }

  @Test
  void aReportWithADoctypeIsRefusedAndNoEntityIsExpanded() throws Exception {
    Path report = dir.resolve("TEST-evil.xml");
    Files.writeString(
        report,
        """
        <?xml version="1.0"?>
        <!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <testsuite><testcase name="&x;" classname="a.B"/></testsuite>
        """,
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SurefireReports.read(List.of(report)))
        .isInstanceOf(SuiteComparisonException.class)
        .hasMessageContaining("is not a readable JUnit XML report");
  }

  @Test
  void methodNamesLoseTheirParametersAndInvocationIndex() {
    assertThat(SurefireReports.methodName("totals")).isEqualTo("totals");
    assertThat(SurefireReports.methodName("totals(int)[2]")).isEqualTo("totals");
    assertThat(SurefireReports.methodName("totals()")).isEqualTo("totals");
    assertThat(SurefireReports.methodName("totals[1]")).isEqualTo("totals");
  }
}
