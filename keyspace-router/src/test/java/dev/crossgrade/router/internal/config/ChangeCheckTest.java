package dev.crossgrade.router.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.ConfigError;
import dev.crossgrade.router.RolloutConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which changes of the config in force a reload may make while caches use it. */
class ChangeCheckTest {
  private static final String BASE =
      """
      version: 1
      prefix: shop
      transport: {timeout: 250ms}
      runtimes: [{name: shop-v1, generation: 1}, {name: shop-v2, generation: 2}]
      keyspaces:
        - {name: users, from: shop-v1, to: shop-v2, phase: READ_FALLBACK, ttl: 10m}
        - {name: carts, from: shop-v1, to: shop-v2, phase: SPLIT, ttl: 10m}
      """;

  private final Object oldCache = "old cache";
  private final Object newCache = "new cache";

  private Map<Object, ChangeCheck.Use> inUse() {
    Map<Object, ChangeCheck.Use> uses = new LinkedHashMap<>();
    uses.put(oldCache, use("shop-v1", "kryo4@v1"));
    uses.put(newCache, use("shop-v2", "kryo5@v2"));
    return uses;
  }

  private static ChangeCheck.Use use(String runtime, String writes) {
    return new ChangeCheck.Use(
        "users", runtime, new WriterCheck("users", runtime, List.of(writes), Set.of()));
  }

  private ChangeCheck.Outcome check(String next) {
    RolloutConfig current = RolloutConfig.parse(BASE, "rollout.yaml");
    RolloutConfig offered = RolloutConfig.parse(next, "rollout.yaml");
    return ChangeCheck.check(current, offered, field -> lineOf(next, field), inUse());
  }

  /** The line of the first line of {@code yaml} naming the field's last segment, or 1. */
  private static int lineOf(String yaml, String field) {
    String key = field.replaceAll("^.*\\[(\\w+)]$", "$1").replaceAll("^.*\\.", "");
    String[] lines = yaml.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(key)) {
        return i + 1;
      }
    }
    return 1;
  }

  @Test
  void aPhaseChangeIsAllowed() {
    ChangeCheck.Outcome outcome = check(BASE.replace("READ_FALLBACK", "DUAL_WRITE"));
    assertThat(outcome.errors()).isEmpty();
    assertThat(outcome.writerRejections()).isEmpty();
  }

  @Test
  void aChangedPrefixIsReportedOnceForAllCachesInUse() {
    ChangeCheck.Outcome outcome = check(BASE.replace("prefix: shop", "prefix: store"));
    assertThat(outcome.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.file()).isEqualTo("rollout.yaml");
              assertThat(error.line()).isEqualTo(2);
              assertThat(error.field()).isEqualTo("prefix");
              assertThat(error.message()).contains("'shop' to 'store'");
              assertThat(error.fix()).contains("restore prefix 'shop'");
            });
  }

  @Test
  void aKeyspaceInUseCannotGo() {
    ChangeCheck.Outcome outcome =
        check(
            BASE.replace(
                "  - {name: users, from: shop-v1, to: shop-v2, phase: READ_FALLBACK, ttl: 10m}\n",
                ""));
    assertThat(outcome.errors()).extracting(ConfigError::field).containsOnly("keyspaces");
    assertThat(outcome.errors())
        .extracting(ConfigError::message)
        .anySatisfy(message -> assertThat(message).contains("'users' is missing"));
  }

  @Test
  void aKeyspaceNotInUseMayGo() {
    ChangeCheck.Outcome outcome =
        check(
            BASE.replace(
                "  - {name: carts, from: shop-v1, to: shop-v2, phase: SPLIT, ttl: 10m}\n", ""));
    assertThat(outcome.errors()).isEmpty();
  }

  @Test
  void aGenerationOfAKeyspaceInUseCannotChange() {
    ChangeCheck.Outcome outcome = check(BASE.replace("generation: 2", "generation: 3"));
    assertThat(outcome.errors())
        .extracting(ConfigError::field)
        .containsOnly("keyspaces[users].from/to");
  }

  @Test
  void theTransportCannotChangeOnAReload() {
    ChangeCheck.Outcome outcome = check(BASE.replace("timeout: 250ms", "timeout: 1s"));
    assertThat(outcome.errors())
        .singleElement()
        .satisfies(
            error -> {
              assertThat(error.field()).isEqualTo("transport.timeout");
              assertThat(error.message()).contains("from 250ms to 1s");
              assertThat(error.fix()).contains("restore timeout: 250ms");
            });
  }

  @Test
  void aWriterTheNewRuntimeCannotWriteIsRejectedAndRememberedForThatCache() {
    ChangeCheck.Outcome outcome =
        check(
            BASE.replace(
                "phase: READ_FALLBACK, ttl: 10m}",
                "phase: READ_FALLBACK, ttl: 10m, writer: {codec: msgpack, schemaVersion: 1, percent:"
                    + " 50}}"));
    assertThat(outcome.errors())
        .singleElement()
        .satisfies(error -> assertThat(error.field()).startsWith("keyspaces[users].writer"));
    assertThat(outcome.writerRejections()).containsOnlyKeys(newCache);
    assertThat(outcome.writerRejections().get(newCache))
        .startsWith("writer msgpack@v1 was not applied");
  }
}
