package dev.crossgrade.maven;

import dev.crossgrade.compat.CellResult;
import dev.crossgrade.compat.MatrixReport;
import dev.crossgrade.compat.Verdict;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A JUnit XML report of a check (the format Surefire writes and CI systems display): one test case
 * per type, codec and direction; a FAIL cell is a failure with its counterexample, a NOT-RUN cell
 * skipped (or a failure, when NOT-RUN fails the build).
 */
final class JUnitReport {
  private JUnitReport() {}

  /** Writes {@code report} to {@code file} as one test suite named {@code suite}. */
  static void write(MatrixReport report, String suite, boolean failOnNotRun, Path file)
      throws IOException {
    write(report.cells(), report.elapsed(), suite, failOnNotRun, file);
  }

  /** Writes {@code cells}, which took {@code elapsed}, to {@code file} as one test suite. */
  static void write(
      List<CellResult> cells, Duration elapsed, String suite, boolean failOnNotRun, Path file)
      throws IOException {
    int failures = 0;
    int skipped = 0;
    for (CellResult cell : cells) {
      if (failed(cell, failOnNotRun)) {
        failures++;
      } else if (cell.verdict() == Verdict.NOT_RUN) {
        skipped++;
      }
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", suite);
      xml.writeAttribute("tests", Integer.toString(cells.size()));
      xml.writeAttribute("failures", Integer.toString(failures));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", Integer.toString(skipped));
      xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", elapsed.toMillis() / 1000.0));
      xml.writeCharacters("\n");
      for (CellResult cell : cells) {
        xml.writeCharacters("  ");
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", cell.group());
        xml.writeAttribute("name", name(cell));
        if (failed(cell, failOnNotRun)) {
          xml.writeStartElement("failure");
          xml.writeAttribute("type", cell.verdict().label());
          xml.writeAttribute("message", String.valueOf(cell.explanation()));
          xml.writeCharacters(details(cell));
          xml.writeEndElement();
        } else if (cell.verdict() == Verdict.NOT_RUN) {
          xml.writeEmptyElement("skipped");
          xml.writeAttribute("message", String.valueOf(cell.explanation()));
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The test case's name: codec, direction, writer and reader. */
  static String name(CellResult cell) {
    return "%s, %s: %s -> %s"
        .formatted(cell.codec(), Direction.of(cell).label(), cell.writer(), cell.reader());
  }

  /** The counterexample and explanation, as the failure's text. */
  static String details(CellResult cell) {
    StringBuilder out = new StringBuilder();
    if (cell.counterexample() != null) {
      out.append("counterexample: ").append(cell.counterexample()).append('\n');
    }
    if (cell.explanation() != null) {
      out.append(cell.explanation()).append('\n');
    }
    return out.toString();
  }

  static boolean failed(CellResult cell, boolean failOnNotRun) {
    return cell.verdict() == Verdict.FAIL || (failOnNotRun && cell.verdict() == Verdict.NOT_RUN);
  }
}
