package dev.crossgrade.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.compat.CellResult;
import dev.crossgrade.compat.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML report: one test case per type, codec and direction, as CI systems read it. */
class JUnitReportTest {
  static final CellResult BACKWARD_FAIL =
      new CellResult(
          "com.acme.Cart",
          "old shop-1.0.0.jar v1",
          "new shop-1.1.0-SNAPSHOT",
          "json",
          Verdict.FAIL,
          3,
          0,
          "Cart{id=null, quantity=0, items=null}",
          "new shop-1.1.0-SNAPSHOT: $.quantity read back as \"0\" <&> (java.lang.String)",
          null);
  static final CellResult FORWARD_PASS =
      new CellResult(
          "com.acme.Cart",
          "new shop-1.1.0-SNAPSHOT v1",
          "old shop-1.0.0.jar",
          "json",
          Verdict.PASS,
          100,
          0,
          null,
          null,
          null);
  static final CellResult NOT_RUN =
      new CellResult(
          "com.acme.Customer",
          "old shop-1.0.0.jar",
          "new shop-1.1.0-SNAPSHOT",
          "msgpack",
          Verdict.NOT_RUN,
          0,
          0,
          null,
          "msgpack cannot be set up for com.acme.Customer",
          null);
  static final CellResult DOWNCAST =
      new CellResult(
          "cart",
          "new shop-2.0.jar v2 downcast to v1",
          "new shop-2.0.jar upcast back",
          "json (downcast path)",
          Verdict.PASS,
          100,
          0,
          null,
          null,
          null);

  @Test
  void eachCellIsATestCaseNamedByCodecAndDirection_aFailCarriesItsCounterexample(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("TEST-crossgrade-check.xml");
    JUnitReport.write(
        List.of(BACKWARD_FAIL, FORWARD_PASS, NOT_RUN, DOWNCAST),
        Duration.ofMillis(1234),
        "crossgrade:check",
        false,
        file);

    Element suite =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(file.toFile())
            .getDocumentElement();
    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("crossgrade:check");
    assertThat(suite.getAttribute("tests")).isEqualTo("4");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("1");
    assertThat(suite.getAttribute("time")).isEqualTo("1.234");
    NodeList cases = suite.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(4);

    Element failed = (Element) cases.item(0);
    assertThat(failed.getAttribute("classname")).isEqualTo("com.acme.Cart");
    assertThat(failed.getAttribute("name"))
        .isEqualTo(
            "json, BACKWARD (new reads old): old shop-1.0.0.jar v1 -> new shop-1.1.0-SNAPSHOT");
    Element failure = (Element) failed.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("FAIL");
    assertThat(failure.getAttribute("message")).isEqualTo(BACKWARD_FAIL.explanation());
    assertThat(failure.getTextContent())
        .isEqualTo(
            "counterexample: Cart{id=null, quantity=0, items=null}\n"
                + BACKWARD_FAIL.explanation()
                + "\n");

    Element passed = (Element) cases.item(1);
    assertThat(passed.getAttribute("name")).startsWith("json, FORWARD (old reads new): ");
    assertThat(passed.getChildNodes().getLength()).isZero();

    Element skipped = (Element) cases.item(2);
    assertThat(skipped.getElementsByTagName("skipped").getLength()).isEqualTo(1);
    assertThat(((Element) cases.item(3)).getAttribute("name"))
        .startsWith("json (downcast path), downcast path (new reads its own downcast): ");
  }

  @Test
  void withFailOnNotRunANotRunCellIsAFailure(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("report.xml");
    JUnitReport.write(List.of(NOT_RUN), Duration.ZERO, "crossgrade:check", true, file);
    Element suite =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(file.toFile())
            .getDocumentElement();
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("skipped")).isEqualTo("0");
    Element failure = (Element) suite.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("NOT-RUN");
  }
}
