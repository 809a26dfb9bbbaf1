package dev.crossgrade.router.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.RolloutConfig.Stickiness;
import dev.crossgrade.router.RolloutConfig.WriterSpec;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Whether a runtime can write the writer its keyspace asks for: one table. */
class WriterCheckTest {
  private static final List<String> BOTH = List.of("kryo5@v2", "json@v1");

  static Stream<Arguments> table() {
    return Stream.of(
        // codec, schema, rolls out, writes, expected problem text (null: fine)
        Arguments.of(null, 1, true, BOTH, null),
        Arguments.of("kryo5", 2, true, BOTH, null),
        Arguments.of("json", 1, true, BOTH, null),
        Arguments.of("kryo5", 2, true, List.of("kryo5@v2"), null),
        Arguments.of("msgpack", 1, true, BOTH, "writer msgpack@v1 cannot be written"),
        Arguments.of("kryo5", 3, true, BOTH, "writer kryo5@v3 cannot be written"),
        Arguments.of("kryo5", 1, true, BOTH, "whose registries write kryo5@v2 and json@v1"),
        Arguments.of("json", 2, true, List.of("kryo5@v2"), "whose registries write kryo5@v2"),
        Arguments.of("kryo5", 2, true, List.of(), "whose registries write nothing"),
        // The old runtime does not roll the writer out: it keeps writing its own formats.
        Arguments.of("msgpack", 1, false, BOTH, null),
        Arguments.of("kryo5", 2, false, List.of("kryo4@v1"), null));
  }

  @ParameterizedTest(name = "{0}@v{1}, rolls out {2}, writes {3}")
  @MethodSource("table")
  void decides(
      @Nullable String codec,
      int schemaVersion,
      boolean rollsOut,
      List<String> writes,
      @Nullable String problem) {
    WriterCheck.Problem found =
        WriterCheck.problem(
            new WriterSpec(codec, schemaVersion, 25, Stickiness.KEY), rollsOut, "shop-v2", writes);
    if (problem == null) {
      assertThat(found).isNull();
      return;
    }
    assertThat(found).isNotNull();
    assertThat(found.message()).contains(problem).contains("'shop-v2'");
    assertThat(found.fix()).contains("set the writer to");
    for (String format : writes) {
      assertThat(found.fix()).contains(format);
    }
  }
}
