package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTML matrix can be read at a glance: every colour a badge has is in the legend, with the
 * verdict it stands for and what that means, and the style gives each verdict its own colour.
 */
class MatrixReportHtmlTest {
  private static final Pattern BADGE = Pattern.compile("class=\"b ([A-Z-]+)\"");
  private static final Pattern LEGEND = Pattern.compile("<ul class=\"legend\">(.*?)</ul>");
  private static final Pattern COLOUR =
      Pattern.compile("\\.([A-Z-]+)\\{background:(#[0-9a-f]{6})}");

  private static MatrixReport report() {
    return new MatrixReport(
        "sample matrix",
        List.of(
            cell("a", "kryo5", Verdict.PASS, null),
            cell("a", "kryo4", Verdict.FAIL, "\"x\""),
            cell("b", "msgpack", Verdict.EXPECTED_FAIL, "\"" + "a".repeat(32) + "\""),
            cell("b", "json", Verdict.NOT_RUN, null)),
        Duration.ofSeconds(3),
        List.of("JDK 17: 17.0.15"),
        100);
  }

  private static CellResult cell(
      String writer, String codec, Verdict verdict, String counterexample) {
    return new CellResult(
        "schema",
        writer,
        "reader",
        codec,
        verdict,
        100,
        0,
        counterexample,
        verdict == Verdict.PASS ? null : "because",
        null);
  }

  @Test
  void everyBadgeColourIsInTheLegendWithItsMeaning() throws IOException {
    StringBuilder html = new StringBuilder();
    report().writeHtml(html);
    String page = html.toString();
    // Kept for a person to look at: target/matrix-report.html.
    Files.writeString(Path.of("target", "matrix-report.html"), page);

    Matcher legend = LEGEND.matcher(page);
    assertThat(legend.find()).as("a legend").isTrue();
    String keys = legend.group(1);
    Set<String> used = new LinkedHashSet<>();
    Matcher badge = BADGE.matcher(page.substring(legend.end()));
    while (badge.find()) {
      used.add(badge.group(1));
    }
    assertThat(used).containsExactlyInAnyOrder("PASS", "FAIL", "EXPECTED-FAIL", "NOT-RUN");
    Set<String> colours = new LinkedHashSet<>();
    for (Verdict verdict : Verdict.values()) {
      assertThat(keys)
          .contains(
              "<span class=\"b "
                  + verdict.label()
                  + "\">"
                  + verdict.label()
                  + "</span> "
                  + MatrixReport.meaning(verdict));
      Matcher colour = COLOUR.matcher(page);
      String found = null;
      while (colour.find()) {
        if (colour.group(1).equals(verdict.label())) {
          found = colour.group(2);
        }
      }
      assertThat(found).as("colour of %s", verdict.label()).isNotNull();
      colours.add(found);
    }
    assertThat(colours).as("one colour per verdict").hasSize(Verdict.values().length);
  }
}
