package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.compat.CellResult;
import dev.crossgrade.compat.CompatibilityMatrix;
import dev.crossgrade.compat.MatrixOptions;
import dev.crossgrade.compat.MatrixReport;
import dev.crossgrade.compat.Verdict;
import dev.crossgrade.guide.GuidePages.Link;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the built-in compatibility matrix (few tries: the cells' verdicts, not their depth, are
 * checked here) and checks every matrix cell the guide cites: it exists, with the verdict the guide
 * gives it. A cell is cited as inline code in the form the text report uses for its explanations,
 * {@code VERDICT: codec, writer -> reader}.
 */
class GuideCellsTest {
  static final Pattern CELL =
      Pattern.compile("(PASS|FAIL|EXPECTED-FAIL|NOT-RUN): (.+), ([^,]+) -> (.+)");
  static MatrixReport report;

  @BeforeAll
  static void runTheBuiltInMatrix() {
    // tag::builtin-matrix[]
    MatrixReport report =
        CompatibilityMatrix.builtIn(
            MatrixOptions.newBuilder()
                .tries(200) // ./crossgrade matrix runs 10,000 per cell
                .build());
    // end::builtin-matrix[]
    GuideCellsTest.report = report;
  }

  @Test
  void everyCellTheGuideCitesExistsWithTheVerdictItGives() {
    List<String> problems = new ArrayList<>();
    int cited = 0;
    for (Path page : GuidePages.pages()) {
      for (Link span : GuidePages.inlineCode(page)) {
        Matcher m = CELL.matcher(span.text());
        if (!m.matches()) {
          continue;
        }
        cited++;
        String verdict = m.group(1);
        List<CellResult> found =
            report.cells().stream()
                .filter(c -> c.codec().equals(m.group(2)))
                .filter(c -> c.writer().equals(m.group(3)))
                .filter(c -> c.reader().equals(m.group(4)))
                .toList();
        if (found.size() != 1) {
          problems.add(span.where() + ": " + found.size() + " cells match `" + span.text() + "`");
        } else if (found.get(0).verdict() != Verdict.NOT_RUN
            && !found.get(0).verdict().label().equals(verdict)) {
          problems.add(
              span.where() + ": `" + span.text() + "` is " + found.get(0).verdict().label());
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(cited).isGreaterThanOrEqualTo(10);
  }

  @Test
  void theMatrixHasNoUnexpectedFailure() {
    assertThat(report.hasFailures()).as(report.summary()).isFalse();
  }
}
