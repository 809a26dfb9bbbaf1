package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.router.internal.config.ConfigReader;
import dev.crossgrade.router.internal.config.Durations;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RolloutConfigTest {

  static Path resource(String name) {
    try {
      return Path.of(RolloutConfigTest.class.getResource("/config/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ConfigError onlyError(String file) {
    ValidationResult result = RolloutConfig.validate(resource(file));
    assertThat(result.valid()).isFalse();
    assertThat(result.config()).isEmpty();
    assertThat(result.errors()).hasSize(1);
    ConfigError error = result.errors().get(0);
    assertThat(error.file()).endsWith(file);
    assertThat(error.fix()).isNotBlank();
    assertThat(error.toString()).startsWith(error.file() + ":" + error.line() + ":");
    return error;
  }

  @Test
  void theSampleConfigIsValidAndSummarized() {
    ValidationResult result = RolloutConfig.validate(resource("valid.yaml"));

    assertThat(result.errors()).isEmpty();
    RolloutConfig config = result.config().orElseThrow();
    assertThat(config.prefix()).isEqualTo("shop");
    assertThat(config.transport().client()).isEqualTo("spymemcached");
    assertThat(config.transport().servers()).hasSize(3);
    assertThat(config.transport().timeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.runtimes())
        .extracting(RolloutConfig.RuntimeSpec::generation)
        .containsExactly(1, 2);
    RolloutConfig.KeyspaceSpec users = config.keyspace("users").orElseThrow();
    assertThat(users.phase()).isEqualTo(Phase.READ_FALLBACK);
    assertThat(users.ttl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(users.writer())
        .isEqualTo(new RolloutConfig.WriterSpec("test-new", 2, 25, RolloutConfig.Stickiness.KEY));
    assertThat(config.keyspace("carts").orElseThrow().phase()).isEqualTo(Phase.DUAL_WRITE);

    String summary = result.summary();
    assertThat(summary.lines().count()).isLessThan(25);
    assertThat(summary)
        .contains("valid rollout config", "shop-v1 (g1)", "shop-v2 (g2)", "spymemcached")
        .containsPattern("users\\s+shop-v1 g1 -> shop-v2 g2\\s+READ_FALLBACK\\s+test-new@v2\\s+25%")
        .containsPattern("carts\\s+.*DUAL_WRITE\\s+kryo5@v1\\s+100%");
  }

  @Test
  void unknownCodec_namesFileLineAndField() {
    ConfigError error = onlyError("unknown-codec.yaml");
    assertThat(error.line()).isEqualTo(12);
    assertThat(error.column()).isEqualTo(14);
    assertThat(error.field()).isEqualTo("keyspaces[0].writer.codec");
    assertThat(error.message()).contains("unknown codec 'kryo7'");
    assertThat(error.fix()).contains("kryo5", "codecs:", "did you mean 'kryo");
  }

  @Test
  void unknownPhase_namesFileLineAndField() {
    ConfigError error = onlyError("unknown-phase.yaml");
    assertThat(error.line()).isEqualTo(10);
    assertThat(error.field()).isEqualTo("keyspaces[0].phase");
    assertThat(error.message()).contains("HALF_SPLIT");
    assertThat(error.fix()).contains("SPLIT, READ_FALLBACK, DUAL_WRITE, SHADOW, UNIFIED");
  }

  @Test
  void percent140_namesFileLineAndField() {
    ConfigError error = onlyError("percent-140.yaml");
    assertThat(error.line()).isEqualTo(13);
    assertThat(error.field()).isEqualTo("keyspaces[0].writer.percent");
    assertThat(error.message()).contains("140", "0 to 100");
  }

  @Test
  void missingKeyspaces_namesFileLineAndField() {
    ConfigError error = onlyError("missing-keyspace.yaml");
    assertThat(error.line()).isEqualTo(1);
    assertThat(error.field()).isEqualTo("keyspaces");
    assertThat(error.message()).contains("missing", "keyspaces");
    assertThat(error.fix()).contains("keyspaces:");
  }

  @Test
  void yamlSyntaxError_namesFileAndLine() {
    ConfigError error = onlyError("syntax-error.yaml");
    assertThat(error.line()).isBetween(4, 6);
    assertThat(error.column()).isPositive();
    assertThat(error.field()).isEqualTo("(syntax)");
    assertThat(error.message()).startsWith("YAML syntax error");
  }

  @Test
  void everyErrorOfAFileIsCollected_inFileOrder() {
    ValidationResult result = RolloutConfig.validate(resource("many-errors.yaml"));

    assertThat(result.valid()).isFalse();
    assertThat(result.errors())
        .extracting(ConfigError::field)
        .contains(
            "version",
            "prefix",
            "capabilities.refresh",
            "transport.client",
            "transport.timeout",
            "codecs[0].name",
            "codecs[1].id",
            "runtimes[1].generation",
            "keyspaces[0].from",
            "keyspaces[0].ttl",
            "keyspaces[0].writr",
            "keyspaces[1].name",
            "keyspaces[1].writer.percent",
            "keyspaces[1].writer.stickiness");
    assertThat(result.errors()).allSatisfy(error -> assertThat(error.line()).isPositive());
    assertThat(result.errors())
        .isSortedAccordingTo(java.util.Comparator.comparingInt(ConfigError::line));
    assertThat(result.errorReport().lines().count()).isEqualTo(result.errors().size());
    assertThat(result.errors())
        .filteredOn(error -> error.field().equals("keyspaces[0].writr"))
        .singleElement()
        .satisfies(error -> assertThat(error.fix()).contains("did you mean 'writer'"));
  }

  @Test
  void aFileThatCannotBeReadIsAnError() {
    ValidationResult result = RolloutConfig.validate(Path.of("does/not/exist.yaml"));
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("(file)");
              assertThat(error.message()).contains("does not exist");
            });
  }

  @Test
  void load_throwsWithEveryError() {
    assertThatThrownBy(() -> RolloutConfig.load(resource("percent-140.yaml")))
        .isInstanceOf(RolloutConfigException.class)
        .hasMessageContaining("percent-140.yaml:13:16: keyspaces[0].writer.percent")
        .satisfies(e -> assertThat(((RolloutConfigException) e).errors()).hasSize(1));
  }

  @Test
  void programmaticChangesAreValidatedToo() {
    RolloutConfig config = RolloutConfig.load(resource("valid.yaml"));

    assertThat(config.withPhase("users", Phase.UNIFIED).keyspace("users").orElseThrow().phase())
        .isEqualTo(Phase.UNIFIED);
    assertThat(
            config
                .withWriterPercent("users", 60)
                .keyspace("users")
                .orElseThrow()
                .writer()
                .percent())
        .isEqualTo(60);
    assertThat(config.keyspace("users").orElseThrow().phase()).isEqualTo(Phase.READ_FALLBACK);
    assertThatThrownBy(() -> config.withWriterPercent("users", 140))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("140");
    assertThatThrownBy(() -> config.withPhase("orders", Phase.SPLIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("orders");
  }

  @Test
  void aKeyspaceWithoutAnOldRuntimeCanOnlyBeUnifiedOrSplit() {
    String yaml =
        """
        version: 1
        prefix: p
        runtimes: [{name: a, generation: 3}]
        keyspaces:
          - {name: k, to: a, phase: UNIFIED}
          - {name: j, to: a, phase: DUAL_WRITE}
        """;
    ValidationResult result = RolloutConfig.validate(yaml, "inline.yaml");
    assertThat(result.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.line()).isEqualTo(6);
              assertThat(error.field()).isEqualTo("keyspaces[1].phase");
              assertThat(error.message()).contains("needs an old runtime");
            });
  }

  @Test
  void durationsReadAndPrintTheShortForms() {
    for (String text : List.of("250ms", "30s", "10m", "1h", "2d")) {
      assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }
    assertThat(Durations.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("soon")).isNull();
  }

  private static final String HEAD =
      """
      version: 1
      prefix: p
      runtimes: [{name: a, generation: 1}, {name: b, generation: 2}]
      keyspaces:
        - {name: k, from: a, to: b, phase: SPLIT}
      """;

  @Test
  void phasesClientsAndStickinessHaveOneSpellingEach_andANearMissIsNamed() {
    String yaml =
        HEAD.replace("phase: SPLIT", "phase: dual-write, writer: {stickiness: Key}")
            + "transport: {client: SPYMEMCACHED, servers: [h:1]}\n";
    ValidationResult result = RolloutConfig.validate(yaml, "spell.yaml");
    assertThat(result.errors())
        .extracting(ConfigError::field)
        .containsExactlyInAnyOrder(
            "keyspaces[0].phase", "keyspaces[0].writer.stickiness", "transport.client");
    assertThat(result.errorReport())
        .contains("unknown phase 'dual-write'")
        .contains("write it exactly as one of SPLIT, READ_FALLBACK, DUAL_WRITE, SHADOW, UNIFIED")
        .contains("did you mean 'DUAL_WRITE'?")
        .contains("unknown stickiness 'Key'")
        .contains("did you mean 'key'?")
        .contains("unknown client 'SPYMEMCACHED'")
        .contains("did you mean 'spymemcached'?");
    for (String wrong : List.of("DUAL-WRITE", "dual_write", "Dual_Write", " DUAL_WRITE")) {
      assertThat(Phase.parse(wrong)).as(wrong).isEmpty();
    }
    assertThat(Phase.parse("DUAL_WRITE")).contains(Phase.DUAL_WRITE);
  }

  @Test
  void aFileOfThousandsOfMistakesListsAHundredAndCountsTheRest() {
    StringBuilder yaml = new StringBuilder(HEAD);
    for (int i = 0; i < 50_000; i++) {
      yaml.append("field").append(i).append(": x\n");
    }
    ValidationResult result = RolloutConfig.validate(yaml.toString(), "many.yaml");
    assertThat(result.errors()).hasSize(ConfigReader.MAX_ERRORS + 1);
    ConfigError last = result.errors().get(ConfigReader.MAX_ERRORS);
    assertThat(last.field()).isEqualTo("(more)");
    assertThat(last.message()).isEqualTo("49900 more errors, from this line on, are not listed");
    assertThat(last.line()).isEqualTo(6 + ConfigReader.MAX_ERRORS);
  }

  @Test
  void aKeyTwiceInOneMapIsAnError_namingTheFirstLine() {
    StringBuilder yaml = new StringBuilder(HEAD).append("capabilities:\n");
    for (int i = 0; i < 20_000; i++) {
      yaml.append("  k").append(i).append(": x\n");
    }
    yaml.append("  k7: again\n");
    assertThat(RolloutConfig.validate(yaml.toString(), "dup.yaml").errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.line()).isEqualTo(20_007);
              assertThat(error.message()).contains("key 'k7' appears twice", "first on line 14");
            });
  }

  @Test
  void aDocumentOfMoreThanAHundredThousandValuesIsRefused() {
    StringBuilder yaml = new StringBuilder(HEAD);
    for (int i = 0; i < 30_000; i++) {
      yaml.append("  - {name: k").append(i).append(", from: a, to: b, phase: SPLIT}\n");
    }
    assertThat(RolloutConfig.validate(yaml.toString(), "big.yaml").errors())
        .singleElement()
        .satisfies(
            error -> assertThat(error.message()).contains("more than 100000 keys and values"));
  }

  @Test
  void aLineLongerThan64KiBIsRefusedBeforeParsing_andLongValuesAreShortenedInMessages() {
    String long1 = "x".repeat(ConfigReader.MAX_LINE + 1);
    assertThat(RolloutConfig.validate(HEAD + "prefix2: " + long1 + "\n", "l.yaml").errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.line()).isEqualTo(6);
              assertThat(error.message()).contains("line 6 is 65546 characters long, over 65536");
            });
    String value = "y".repeat(10_000);
    ValidationResult result =
        RolloutConfig.validate(HEAD.replace("prefix: p", "prefix: " + value), "v.yaml");
    assertThat(result.errorReport()).contains("yyy... (10000 characters)").hasSizeLessThan(2_000);
  }
}
