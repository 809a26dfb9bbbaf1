package dev.crossgrade.compat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.crossgrade.tooling.Html;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The result of a compatibility matrix: every cell with its verdict, and the same as a text table,
 * JSON, or a self-contained HTML page with a coloured matrix and the counterexamples.
 */
public final class MatrixReport {
  private final String title;
  private final List<CellResult> cells;
  private final Duration elapsed;
  private final List<String> runtimes;
  private final int triesPerCell;

  MatrixReport(
      String title,
      List<CellResult> cells,
      Duration elapsed,
      List<String> runtimes,
      int triesPerCell) {
    this.title = title;
    this.cells = List.copyOf(cells);
    this.elapsed = elapsed;
    this.runtimes = List.copyOf(runtimes);
    this.triesPerCell = triesPerCell;
  }

  /** Every cell, in the matrix's order. */
  public List<CellResult> cells() {
    return cells;
  }

  /** How long the matrix took, workers' start-up included. */
  public Duration elapsed() {
    return elapsed;
  }

  /** The runtimes that took part: each JDK's version, home and default charset. */
  public List<String> runtimes() {
    return runtimes;
  }

  /** Whether any cell failed (a FAIL, not an EXPECTED-FAIL). */
  public boolean hasFailures() {
    return cells.stream().anyMatch(c -> c.verdict() == Verdict.FAIL);
  }

  /**
   * Throws an {@link AssertionError} listing every FAIL cell with its counterexample, for use in a
   * JUnit test.
   */
  public void assertNoFailures() {
    StringBuilder message = new StringBuilder();
    for (CellResult cell : cells) {
      if (cell.verdict() == Verdict.FAIL) {
        message
            .append("\n  ")
            .append(cell.codec())
            .append(": ")
            .append(cell.writer())
            .append(" -> ")
            .append(cell.reader())
            .append(": ")
            .append(cell.explanation());
        if (cell.counterexample() != null) {
          message.append("\n    counterexample: ").append(cell.counterexample());
        }
      }
    }
    if (message.length() > 0) {
      throw new AssertionError("incompatible in a mixed fleet:" + message);
    }
  }

  /** Writes a text table, one line per cell, then the counterexamples. */
  public void writeText(Appendable out) throws IOException {
    out.append(title)
        .append(": ")
        .append(String.valueOf(cells.size()))
        .append(" cells, ")
        .append(String.valueOf(triesPerCell))
        .append(" tries per cell, ")
        .append(seconds())
        .append(" s\n");
    for (String runtime : runtimes) {
      out.append("  ").append(runtime).append('\n');
    }
    int[] widths = {5, 6, 6, 5, 13};
    for (CellResult c : cells) {
      widths[0] = Math.max(widths[0], c.group().length());
      widths[1] = Math.max(widths[1], c.writer().length());
      widths[2] = Math.max(widths[2], c.reader().length());
      widths[3] = Math.max(widths[3], c.codec().length());
    }
    String format =
        "%-"
            + widths[0]
            + "s  %-"
            + widths[1]
            + "s  %-"
            + widths[2]
            + "s  %-"
            + widths[3]
            + "s  %-13s  %6s%n";
    out.append('\n')
        .append(
            String.format(
                Locale.ROOT, format, "GROUP", "WRITER", "READER", "CODEC", "VERDICT", "TRIES"));
    for (CellResult c : cells) {
      out.append(
          String.format(
              Locale.ROOT,
              format,
              c.group(),
              c.writer(),
              c.reader(),
              c.codec(),
              c.verdict().label(),
              c.tries()));
    }
    out.append('\n').append(summary()).append('\n');
    int number = 0;
    for (CellResult c : cells) {
      number++;
      if (c.explanation() == null) {
        continue;
      }
      out.append('\n')
          .append(c.verdict().label())
          .append(": ")
          .append(c.codec())
          .append(", ")
          .append(c.writer())
          .append(" -> ")
          .append(c.reader())
          .append(" (cell ")
          .append(String.valueOf(number))
          .append(")\n");
      if (c.counterexample() != null) {
        out.append("  counterexample: ").append(c.counterexample()).append('\n');
      }
      out.append("  ").append(c.explanation()).append('\n');
      if (c.expectation() != null) {
        out.append("  documented: ").append(c.expectation()).append('\n');
      }
    }
  }

  /** A one-line count of the verdicts. */
  public String summary() {
    Map<Verdict, Integer> counts = new LinkedHashMap<>();
    for (Verdict v : Verdict.values()) {
      counts.put(v, 0);
    }
    cells.forEach(c -> counts.merge(c.verdict(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((v, n) -> parts.add(n + " " + v.label()));
    return String.join(", ", parts);
  }

  private String seconds() {
    return String.format(Locale.ROOT, "%.1f", elapsed.toMillis() / 1000.0);
  }

  /**
   * Writes the report as JSON: the title, time, runtimes, and per cell its group, writer, reader,
   * codec, verdict, tries, discarded, counterexample, explanation and expectation.
   */
  public void writeJson(Appendable out) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = new JsonFactory().createGenerator(text)) {
      json.useDefaultPrettyPrinter();
      json.writeStartObject();
      json.writeStringField("title", title);
      json.writeNumberField("elapsedMillis", elapsed.toMillis());
      json.writeNumberField("triesPerCell", triesPerCell);
      json.writeArrayFieldStart("runtimes");
      for (String runtime : runtimes) {
        json.writeString(runtime);
      }
      json.writeEndArray();
      json.writeStringField("summary", summary());
      json.writeArrayFieldStart("cells");
      for (CellResult c : cells) {
        json.writeStartObject();
        json.writeStringField("group", c.group());
        json.writeStringField("writer", c.writer());
        json.writeStringField("reader", c.reader());
        json.writeStringField("codec", c.codec());
        json.writeStringField("verdict", c.verdict().label());
        json.writeNumberField("tries", c.tries());
        json.writeNumberField("discarded", c.discarded());
        writeNullable(json, "counterexample", c.counterexample());
        writeNullable(json, "explanation", c.explanation());
        writeNullable(json, "expectation", c.expectation());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    out.append(text.toString()).append('\n');
  }

  private static void writeNullable(JsonGenerator json, String name, @Nullable String value)
      throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeStringField(name, value);
    }
  }

  /**
   * Writes a self-contained HTML page: per group a grid of writers (rows) and readers (columns)
   * whose cells hold a coloured badge per codec, then every cell with its counterexample.
   */
  public void writeHtml(Appendable out) throws IOException {
    out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
        .append(Html.escape(title))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:system-ui,sans-serif;margin:2em;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left}"
                + "th{background:#f4f4f4}.b{display:inline-block;margin:2px;padding:2px 6px;"
                + "border-radius:4px;font-size:12px;color:#fff}"
                + ".PASS{background:#2e7d32}.FAIL{background:#c62828}"
                + ".EXPECTED-FAIL{background:#ef6c00}.NOT-RUN{background:#757575}"
                + ".legend{list-style:none;padding:0}.legend li{margin:4px 0}"
                + "code{font-size:12px;word-break:break-all}\n")
        .append("</style></head><body>\n<h1>")
        .append(Html.escape(title))
        .append("</h1>\n<p>")
        .append(Html.escape(summary()))
        .append(" &middot; ")
        .append(String.valueOf(triesPerCell))
        .append(" tries per cell &middot; ")
        .append(seconds())
        .append(" s</p>\n<ul>");
    for (String runtime : runtimes) {
      out.append("<li>").append(Html.escape(runtime)).append("</li>");
    }
    out.append("</ul>\n");
    writeLegend(out);
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      groups.computeIfAbsent(cells.get(i).group(), g -> new ArrayList<>()).add(i);
    }
    for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
      Set<String> writers = new LinkedHashSet<>();
      Set<String> readers = new LinkedHashSet<>();
      for (int i : group.getValue()) {
        writers.add(cells.get(i).writer());
        readers.add(cells.get(i).reader());
      }
      out.append("<h2>")
          .append(Html.escape(group.getKey()))
          .append("</h2>\n<table><tr><th>writer \\ reader</th>");
      for (String reader : readers) {
        out.append("<th>").append(Html.escape(reader)).append("</th>");
      }
      out.append("</tr>\n");
      for (String writer : writers) {
        out.append("<tr><th>").append(Html.escape(writer)).append("</th>");
        for (String reader : readers) {
          out.append("<td>");
          for (int i : group.getValue()) {
            CellResult c = cells.get(i);
            if (c.writer().equals(writer) && c.reader().equals(reader)) {
              out.append("<a href=\"#cell")
                  .append(String.valueOf(i + 1))
                  .append("\" class=\"b ")
                  .append(c.verdict().label())
                  .append("\" title=\"")
                  .append(Html.escape(c.verdict().label()))
                  .append("\">")
                  .append(Html.escape(c.codec()))
                  .append("</a> ");
            }
          }
          out.append("</td>");
        }
        out.append("</tr>\n");
      }
      out.append("</table>\n");
    }
    out.append(
        "<h2>All cells</h2>\n<table><tr><th>#</th><th>group</th><th>writer</th><th>reader</th>"
            + "<th>codec</th><th>verdict</th><th>tries</th><th>counterexample and explanation</th></tr>\n");
    for (int i = 0; i < cells.size(); i++) {
      CellResult c = cells.get(i);
      out.append("<tr id=\"cell")
          .append(String.valueOf(i + 1))
          .append("\"><td>")
          .append(String.valueOf(i + 1))
          .append("</td><td>")
          .append(Html.escape(c.group()))
          .append("</td><td>")
          .append(Html.escape(c.writer()))
          .append("</td><td>")
          .append(Html.escape(c.reader()))
          .append("</td><td>")
          .append(Html.escape(c.codec()))
          .append("</td><td><span class=\"b ")
          .append(c.verdict().label())
          .append("\">")
          .append(c.verdict().label())
          .append("</span></td><td>")
          .append(String.valueOf(c.tries()))
          .append("</td><td>");
      if (c.counterexample() != null) {
        out.append("<code>").append(Html.escape(c.counterexample())).append("</code><br>");
      }
      if (c.explanation() != null) {
        out.append(Html.escape(c.explanation()));
      }
      if (c.expectation() != null) {
        out.append("<br><small>documented: ")
            .append(Html.escape(c.expectation()))
            .append("</small>");
      }
      out.append("</td></tr>\n");
    }
    out.append("</table>\n</body></html>\n");
  }

  /**
   * Writes what the badges' colours mean: each badge in a matrix cell is one codec, coloured by its
   * verdict.
   */
  private static void writeLegend(Appendable out) throws IOException {
    out.append(
        "<p>Each cell lists the codecs tried from the row's writer to the column's reader; a"
            + " codec's colour is its verdict:</p>\n<ul class=\"legend\">");
    for (Verdict verdict : Verdict.values()) {
      out.append("<li><span class=\"b ")
          .append(verdict.label())
          .append("\">")
          .append(verdict.label())
          .append("</span> ")
          .append(Html.escape(meaning(verdict)))
          .append("</li>");
    }
    out.append("</ul>\n");
  }

  /** What a verdict means, as the legend says it. */
  static String meaning(Verdict verdict) {
    return switch (verdict) {
      case PASS -> "every generated value the writer wrote, the reader read back equivalent";
      case FAIL ->
          "an undocumented incompatibility, or a documented one that no longer happens: see the"
              + " counterexample below";
      case EXPECTED_FAIL -> "a documented incompatibility, observed as documented";
      case NOT_RUN -> "not run on this machine (a JDK is missing)";
    };
  }
}
