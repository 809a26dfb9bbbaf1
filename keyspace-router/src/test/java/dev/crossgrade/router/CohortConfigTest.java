package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.router.RolloutConfig.Stickiness;
import dev.crossgrade.router.RolloutConfig.WriterSpec;
import dev.crossgrade.router.internal.config.WriterCheck;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code writer: {cohorts: [...]}} as the file says it, and the rule that checks it. */
class CohortConfigTest {
  private static String yaml(String writer) {
    return TwoRuntimes.yaml("shop", Phase.SPLIT, 0, "key")
        .replace(
            "writer: {codec: test-new, schemaVersion: 2, percent: 0, stickiness: key}", writer);
  }

  @Test
  void cohortsAreReadSorted_andShownInTheSummary() {
    RolloutConfig config =
        RolloutConfig.parse(yaml("writer: {cohorts: [employees, dev], percent: 1}"), "r.yaml");
    WriterSpec writer = config.keyspace("items").orElseThrow().writer();
    assertThat(writer.cohorts()).containsExactly("dev", "employees");
    assertThat(writer.percent()).isEqualTo(1);
    assertThat(config.summary()).contains("dev+employees+1%");
    assertThat(config.withWriterPercent("items", 5).keyspace("items").orElseThrow().writer())
        .isEqualTo(writer.withPercent(5))
        .extracting(WriterSpec::cohorts)
        .isEqualTo(List.of("dev", "employees"));
  }

  @Test
  void noCohortsIsTheDefault() {
    RolloutConfig config = RolloutConfig.parse(yaml("writer: {percent: 5}"), "r.yaml");
    assertThat(config.keyspace("items").orElseThrow().writer().cohorts()).isEmpty();
  }

  @Test
  void badCohortListsAreRejectedWithFieldLineAndFix() {
    assertThat(RolloutConfig.validate(yaml("writer: {cohorts: dev}"), "r.yaml").errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("keyspaces[0].writer.cohorts");
              assertThat(e.line()).isEqualTo(18);
              assertThat(e.message()).contains("not a list");
              assertThat(e.fix()).contains("cohorts: [dev, employees]");
            });
    assertThat(RolloutConfig.validate(yaml("writer: {cohorts: [dev, dev]}"), "r.yaml").errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("keyspaces[0].writer.cohorts[1]");
              assertThat(e.message()).contains("'dev' is listed twice");
            });
    assertThat(RolloutConfig.validate(yaml("writer: {cohorts: [dev, 'q a']}"), "r.yaml").errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("is not a cohort name"));
  }

  @Test
  void theRule_everyListedCohortMustBeDeclaredByTheRuntimeThatRollsOut() {
    WriterSpec writer = new WriterSpec("k", 2, 0, Stickiness.KEY, List.of("dev", "staff"));
    Set<String> declared = Set.of("dev", "employees", "users");
    assertThat(WriterCheck.cohortProblem(writer, true, "v2", Set.of("dev", "staff"))).isNull();
    assertThat(WriterCheck.cohortProblem(writer, false, "v1", Set.of())).isNull();
    WriterCheck.Problem unknown = WriterCheck.cohortProblem(writer, true, "v2", declared);
    assertThat(unknown).isNotNull();
    assertThat(unknown.field()).isEqualTo("writer.cohorts");
    assertThat(unknown.message())
        .isEqualTo("unknown cohort 'staff': runtime 'v2' declares [dev, employees, users]");
    WriterCheck.Problem none = WriterCheck.cohortProblem(writer, true, "v2", Set.of());
    assertThat(none).isNotNull();
    assertThat(none.message()).contains("need a cohort function");
    assertThat(none.fix()).contains("or remove 'cohorts' from the writer");
  }

  @Test
  void aWriterSpecRefusesBadOrRepeatedCohorts() {
    assertThatThrownBy(() -> new WriterSpec(null, 1, 0, Stickiness.KEY, List.of("a", "a")))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> new WriterSpec(null, 1, 0, Stickiness.KEY, List.of("")))
        .hasMessageContaining("cohort name");
  }
}
