package dev.crossgrade.junit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the JUnit XML reports that Maven Surefire (and the JUnit console launcher) write, {@code
 * TEST-*.xml}, into one outcome per test method ({@code Class#method}; parameterized invocations
 * together). Each file is read up to {@link #MAX_FILE_BYTES}, with DTDs and external entities
 * refused.
 */
final class SurefireReports {
  static final long MAX_FILE_BYTES = 64L << 20;
  private static final int MAX_DEPTH = 12;

  private SurefireReports() {}

  /** The reports under {@code root} (in any {@code surefire-reports} folder, or {@code root}). */
  static List<Path> find(Path root) throws IOException {
    List<Path> reports = new ArrayList<>();
    try (Stream<Path> paths = Files.walk(root, MAX_DEPTH)) {
      paths
          .filter(p -> p.getFileName().toString().matches("TEST-.*\\.xml"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(reports::add);
    }
    return reports;
  }

  /**
   * The outcome of every test method in the reports.
   *
   * @throws SuiteComparisonException if a report is too large or not a JUnit XML report
   */
  static Map<String, Outcome> read(List<Path> reports) {
    Map<String, Outcome> outcomes = new TreeMap<>();
    for (Path report : reports) {
      readOne(report, outcomes);
    }
    return outcomes;
  }

  private static void readOne(Path report, Map<String, Outcome> outcomes) {
    Document document;
    try {
      if (Files.size(report) > MAX_FILE_BYTES) {
        throw new SuiteComparisonException(
            report + " is over " + (MAX_FILE_BYTES >> 20) + " MiB; is it a test report?");
      }
      try (InputStream in = Files.newInputStream(report)) {
        document = builder().parse(in);
      }
    } catch (IOException | SAXException | ParserConfigurationException e) {
      throw new SuiteComparisonException(report + " is not a readable JUnit XML report: " + e, e);
    }
    NodeList cases = document.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element testcase = (Element) cases.item(i);
      String className = testcase.getAttribute("classname");
      String method = methodName(testcase.getAttribute("name"));
      if (className.isEmpty() || method.isEmpty()) {
        continue;
      }
      outcomes.merge(className + "#" + method, outcome(testcase), Outcome::and);
    }
  }

  /** A method's name from a report's test name: {@code totals(int)[2]} is {@code totals}. */
  static String methodName(String reported) {
    int end = reported.length();
    for (int i = 0; i < reported.length(); i++) {
      char c = reported.charAt(i);
      if (c == '(' || c == '[' || c == ' ') {
        end = i;
        break;
      }
    }
    return reported.substring(0, end);
  }

  private static Outcome outcome(Element testcase) {
    boolean skipped = false;
    for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        switch (element.getTagName()) {
          case "failure", "error" -> {
            return Outcome.FAILED;
          }
          case "skipped" -> skipped = true;
          default -> {}
        }
      }
    }
    return skipped ? Outcome.SKIPPED : Outcome.PASSED;
  }

  private static DocumentBuilder builder() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder();
  }
}
