package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user-jar check against {@link ChangeCorpus}, with the default setup (no provider): each
 * change's expected verdict per codec and direction against the one the check gives. Prints the
 * figures (breaking cells caught, false alarms on safe cells, cells not run) and every cell that
 * differs from its expectation.
 */
class ChangeCorpusTest {
  static final int TRIES = 300;

  @TempDir static Path dir;
  static MatrixReport report;

  @BeforeAll
  static void runTheCorpus() throws IOException {
    Map<String, String> oldSources = new LinkedHashMap<>();
    Map<String, String> newSources = new LinkedHashMap<>();
    for (ChangeCorpus.Change change : ChangeCorpus.CHANGES) {
      oldSources.putAll(change.oldSources());
      newSources.putAll(change.newSources());
    }
    Path oldJar = SampleApp.build(dir, "corpus-old", oldSources);
    Path newJar = SampleApp.build(dir, "corpus-new", newSources);
    UserJarMatrix.Builder builder =
        UserJarMatrix.newBuilder()
            .oldJar(oldJar)
            .newJar(newJar)
            .tries(TRIES)
            .timeLimitPerCell(Duration.ofSeconds(10));
    for (ChangeCorpus.Change change : ChangeCorpus.CHANGES) {
      builder.type(change.oldRoot(), change.newRoot());
    }
    report = builder.build().run();
    Path text = Path.of("target", "change-corpus.txt");
    Files.createDirectories(text.getParent());
    try (Writer out = Files.newBufferedWriter(text, StandardCharsets.UTF_8)) {
      report.writeText(out);
    }
  }

  @Test
  void catchesTheBreakingCellsWithoutFalseAlarms() {
    int breaking = 0;
    int caught = 0;
    int safe = 0;
    int falseAlarms = 0;
    int notRun = 0;
    StringBuilder differences = new StringBuilder();
    for (ChangeCorpus.Change change : ChangeCorpus.CHANGES) {
      String group =
          change.oldRoot().equals(change.newRoot())
              ? change.oldRoot()
              : change.oldRoot() + " -> " + change.newRoot();
      List<CellResult> cells =
          report.cells().stream().filter(c -> c.group().equals(group)).toList();
      assertThat(cells).as(group).hasSize(6);
      for (CellResult cell : cells) {
        boolean forward = cell.writer().startsWith("old ");
        Verdict expected = change.expected(cell.codec(), forward);
        Verdict actual = cell.verdict();
        if (actual == Verdict.NOT_RUN) {
          notRun++;
        }
        if (expected == Verdict.FAIL) {
          breaking++;
          caught += actual == Verdict.FAIL ? 1 : 0;
        } else {
          safe++;
          falseAlarms += actual == Verdict.FAIL ? 1 : 0;
        }
        if (actual != expected) {
          differences
              .append(
                  String.format(
                      Locale.ROOT,
                      "%n  %s %s %s: expected %s, got %s (%s)%n    %s",
                      change.id(),
                      cell.codec(),
                      forward ? "old->new" : "new->old",
                      expected.label(),
                      actual.label(),
                      change.reason(),
                      cell.explanation()))
              .append(cell.counterexample() == null ? "" : "\n    " + cell.counterexample());
        }
      }
    }
    int cells = breaking + safe;
    String figures =
        String.format(
            Locale.ROOT,
            "change corpus: %d changes, %d cells; breaking caught %d/%d (%.1f %%), false alarms"
                + " %d/%d (%.1f %%), not run %d/%d (%.1f %%), %.1f s",
            ChangeCorpus.CHANGES.size(),
            cells,
            caught,
            breaking,
            100.0 * caught / breaking,
            falseAlarms,
            safe,
            100.0 * falseAlarms / safe,
            notRun,
            cells,
            100.0 * notRun / cells,
            report.elapsed().toMillis() / 1000.0);
    System.out.println(figures + (differences.length() == 0 ? "" : differences));
    assertThat(ChangeCorpus.CHANGES).hasSizeGreaterThanOrEqualTo(40);
    assertThat(100.0 * caught / breaking).as(figures + differences).isGreaterThanOrEqualTo(95.0);
    assertThat(100.0 * falseAlarms / safe).as(figures + differences).isLessThanOrEqualTo(2.0);
    assertThat(100.0 * notRun / cells).as(figures + differences).isLessThanOrEqualTo(5.0);
  }
}
