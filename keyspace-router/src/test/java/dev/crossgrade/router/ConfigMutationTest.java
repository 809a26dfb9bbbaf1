package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Config abuse by mutation: a valid config with YAML's sharp edges inserted (anchors, aliases,
 * tags, merge keys, BOMs, NULs, lone surrogates, huge numbers and durations, brackets), characters
 * deleted or replaced. Whatever comes out, validation returns a result, never an exception, and
 * every error says where and how to fix it.
 */
class ConfigMutationTest {
  private static final String VALID =
      TwoRuntimes.yaml("shop", Phase.DUAL_WRITE, 25, "key")
          .replace(
              "transport: {timeout: 500ms}",
              "transport: {client: spymemcached, servers: [127.0.0.1:11211, \"[::1]:11212\"],"
                  + " timeout: 500ms}");

  private static final List<String> SHARP_EDGES =
      List.of(
          "\u0000",
          "\uFEFF",
          "\uD800",
          "&a ",
          "*a",
          "<<: *a\n",
          "!!binary ",
          "!!java.io.File ",
          "? [a, b]\n: c\n",
          "{",
          "}",
          "[",
          "]",
          ":",
          "- ",
          "\n  ",
          "'",
          "\"",
          "#",
          "|\n",
          ">\n",
          "99999999999999999999",
          "-1",
          "0x",
          "1e999",
          "999999999d",
          "PT99999999999999H",
          "%YAML 1.1\n",
          "---\n",
          "...\n",
          "\t",
          "\\",
          "~",
          "null",
          "é");

  /** One edit: insert a sharp edge, delete a character, or replace one by any ASCII character. */
  record Edit(int kind, double at, String text) {
    String applyTo(String yaml) {
      int position = (int) (at * yaml.length());
      return switch (kind) {
        case 0 -> yaml.substring(0, position) + text + yaml.substring(position);
        case 1 ->
            position < yaml.length()
                ? yaml.substring(0, position) + yaml.substring(position + 1)
                : yaml;
        default ->
            position < yaml.length()
                ? yaml.substring(0, position) + text.charAt(0) + yaml.substring(position + 1)
                : yaml;
      };
    }
  }

  @Provide
  Arbitrary<List<Edit>> edits() {
    Arbitrary<Edit> edit =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.oneOf(
                    Arbitraries.of(SHARP_EDGES),
                    Arbitraries.chars().range('\u0000', '\u007f').map(String::valueOf)))
            .as(Edit::new);
    return edit.list().ofMinSize(1).ofMaxSize(5);
  }

  @Property(tries = 2000)
  void anyMutationIsAResultWithErrorsThatSayWhereAndHow(@ForAll("edits") List<Edit> edits) {
    String yaml = VALID;
    for (Edit edit : edits) {
      yaml = edit.applyTo(yaml);
    }
    for (ValidationResult result :
        List.of(
            RolloutConfig.validate(yaml, "m.yaml"),
            RolloutConfig.validate(yaml.getBytes(StandardCharsets.UTF_8), "m.yaml"))) {
      assertThat(result.valid()).isEqualTo(result.config().isPresent());
      assertThat(result.summary()).isNotBlank();
      for (ConfigError error : result.errors()) {
        assertThat(error.file()).isEqualTo("m.yaml");
        assertThat(error.line()).isNotNegative();
        assertThat(error.field()).isNotBlank();
        assertThat(error.message()).isNotBlank().hasSizeLessThan(2_000);
        assertThat(error.fix()).isNotBlank();
      }
    }
  }

  @Example
  void aDurationBeyondALongOfMillisecondsIsAnError_notAnArithmeticException() {
    ValidationResult result =
        RolloutConfig.validate(
            VALID.replace("timeout: 500ms", "timeout: 500ms, connectTimeout: PT99999999999999H"),
            "huge.yaml");
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("transport.connectTimeout");
              assertThat(error.message()).contains("PT99999999999999H is outside 1ms to 1m");
            });
  }
}
