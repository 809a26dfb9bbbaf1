package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.WriterSelection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A staged rollout by cohort, as a fleet migration does it: the writer format goes to dev, then to
 * employees, then to 1 % of users, then to everyone, each step one edit of the YAML.
 */
class CohortRolloutTest {
  private static final Set<String> COHORTS = Set.of("dev", "employees", "users");

  @TempDir Path dir;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  /** The request's user, as an application keeps it: the cohort function reads it. */
  private final ThreadLocal<String> requestCohort = ThreadLocal.withInitial(() -> "users");

  private static String yaml(String prefix, String writerExtra) {
    return """
        version: 1
        prefix: %s
        capabilities: {ttl: 30s, refresh: 10s}
        leaseTtl: 5s
        transport: {timeout: 500ms}
        codecs:
          - {name: test-old, id: 0x80}
          - {name: test-new, id: 0x81}
        runtimes:
          - {name: shop-v1, generation: 1}
          - {name: shop-v2, generation: 2}
        keyspaces:
          - name: items
            from: shop-v1
            to: shop-v2
            phase: SPLIT
            ttl: 10m
            writer:
              codec: test-new
              schemaVersion: 2
        %s
        """
        .formatted(prefix, writerExtra.indent(6).stripTrailing());
  }

  private VersionedCache<String, ItemV2> cache(
      Rollout rollout,
      CacheTransport transport,
      @Nullable Function<String, @Nullable String> cohortOf) {
    VersionedCache.Builder<String, ItemV2> builder =
        VersionedCache.<String, ItemV2>newBuilder()
            .keyspace(TwoRuntimes.KEYSPACE)
            .runtime(TestFormats.NEW_RUNTIME)
            .registry(TestFormats.newRegistry())
            .compatibleRegistry(TestFormats.compatibleRegistry())
            .transport(transport)
            .rollout(rollout)
            .meterRegistry(meters);
    if (cohortOf != null) {
      builder.cohorts(COHORTS, cohortOf);
    }
    return builder.build();
  }

  private static @Nullable String formatAt(CacheTransport store, String prefix, String key) {
    Optional<byte[]> bytes =
        store.get(KeyRouter.withPrefix(prefix).physicalKey(TwoRuntimes.KEYSPACE, 2, key)).join();
    return bytes
        .map(b -> PayloadHeader.read(b).codecId() == TestFormats.NEW.id() ? "new" : "old")
        .orElse(null);
  }

  private double selections(String cohort, String format) {
    Counter counter =
        meters
            .find(WriterSelection.SELECTIONS)
            .tag("cohort", cohort)
            .tag("format", format)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /** The number of 100 user keys written in the new format by a user request. */
  private int usersRolledOut(VersionedCache<String, ItemV2> cache, CacheTransport store, String p) {
    requestCohort.set("users");
    int rolled = 0;
    for (int i = 0; i < 100; i++) {
      String key = "user-key-" + i;
      assertThat(cache.set(key, new ItemV2(key, 1, List.of("a")))).isTrue();
      rolled += "new".equals(formatAt(store, p, key)) ? 1 : 0;
    }
    return rolled;
  }

  private String writtenBy(
      String cohort,
      String key,
      VersionedCache<String, ItemV2> cache,
      CacheTransport store,
      String p) {
    requestCohort.set(cohort);
    assertThat(cache.set(key, new ItemV2(key, 1, List.of("a")))).isTrue();
    return String.valueOf(formatAt(store, p, key));
  }

  @Test
  void devThenEmployeesThenOnePercentThenEveryone() throws IOException {
    String p = TwoRuntimes.randomPrefix();
    Path file = dir.resolve("rollout.yaml");
    Files.writeString(file, yaml(p, "cohorts: [dev]\npercent: 0"));
    try (Rollout rollout = Rollout.newBuilder().watch(file).meterRegistry(meters).build();
        CacheTransport store = CacheTransport.embedded();
        VersionedCache<String, ItemV2> cache = cache(rollout, store, key -> requestCohort.get())) {
      // dev only.
      assertThat(cache.status().writerCohorts()).containsExactly("dev");
      assertThat(writtenBy("dev", "d1", cache, store, p)).isEqualTo("new");
      assertThat(writtenBy("employees", "e1", cache, store, p)).isEqualTo("old");
      assertThat(usersRolledOut(cache, store, p)).isZero();
      assertThat(selections("dev", "rolled-out")).isEqualTo(1);
      assertThat(selections("employees", "other")).isEqualTo(1);
      assertThat(selections("users", "other")).isEqualTo(100);

      // dev and employees.
      Files.writeString(file, yaml(p, "cohorts: [employees, dev]\npercent: 0"));
      assertThat(rollout.reloadNow().valid()).isTrue();
      assertThat(cache.status().writerCohorts()).containsExactly("dev", "employees");
      assertThat(writtenBy("employees", "e2", cache, store, p)).isEqualTo("new");
      assertThat(usersRolledOut(cache, store, p)).isZero();

      // 1 % of users: the keys in bucket 0, the same keys on every process and runtime.
      Files.writeString(file, yaml(p, "cohorts: [dev, employees]\npercent: 1"));
      assertThat(rollout.reloadNow().valid()).isTrue();
      int expected = 0;
      for (int i = 0; i < 100; i++) {
        expected += KeyRouter.bucketOf("user-key-" + i) < 1 ? 1 : 0;
      }
      assertThat(usersRolledOut(cache, store, p)).isEqualTo(expected);
      assertThat(writtenBy("dev", "d2", cache, store, p)).isEqualTo("new");

      // Everyone.
      Files.writeString(file, yaml(p, "percent: 100"));
      assertThat(rollout.reloadNow().valid()).isTrue();
      assertThat(cache.status().writerCohorts()).isEmpty();
      assertThat(usersRolledOut(cache, store, p)).isEqualTo(100);
      assertThat(cache.get("d1")).isPresent();
      assertThat(cache.get("e1")).isPresent();
    }
  }

  @Test
  void aMisspeltCohortIsRejectedOnReload_namingFileLineAndField_andTheLastGoodConfigStays()
      throws IOException {
    String p = TwoRuntimes.randomPrefix();
    Path file = dir.resolve("rollout.yaml");
    Files.writeString(file, yaml(p, "cohorts: [dev]\npercent: 0"));
    try (Rollout rollout = Rollout.newBuilder().watch(file).meterRegistry(meters).build();
        CacheTransport store = CacheTransport.embedded();
        VersionedCache<String, ItemV2> cache = cache(rollout, store, key -> requestCohort.get())) {
      Files.writeString(file, yaml(p, "cohorts: [dev, employes]\npercent: 0"));
      ValidationResult result = rollout.reloadNow();
      assertThat(result.errors())
          .singleElement()
          .satisfies(
              error -> {
                assertThat(error.file()).endsWith("rollout.yaml");
                assertThat(error.field()).isEqualTo("keyspaces[items].writer.cohorts");
                assertThat(error.line()).isEqualTo(21);
                assertThat(error.message())
                    .contains("unknown cohort 'employes'")
                    .contains("[dev, employees, users]")
                    .contains("did you mean 'employees'?");
                assertThat(error.fix()).contains("VersionedCache.Builder.cohorts");
              });
      assertThat(cache.status().writerCohorts()).containsExactly("dev");
      assertThat(cache.status().holdBacks())
          .singleElement()
          .asString()
          .contains("was not applied", "employes");
      assertThat(writtenBy("dev", "d", cache, store, p)).isEqualTo("new");
    }
  }

  @Test
  void cohortsInTheConfig_withoutACohortFunction_failTheBuildWithTheFix() {
    String p = TwoRuntimes.randomPrefix();
    try (Rollout rollout =
            Rollout.of(RolloutConfig.parse(yaml(p, "cohorts: [dev]\npercent: 0"), "r.yaml"));
        CacheTransport store = CacheTransport.embedded()) {
      assertThatThrownBy(() -> cache(rollout, store, null))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("r.yaml")
          .hasMessageContaining("writer cohorts [dev] need a cohort function")
          .hasMessageContaining("VersionedCache.Builder.cohorts");
    }
  }

  @Test
  void theOldRuntimeNeedsNoCohorts_itDoesNotRollTheWriterOut() {
    String p = TwoRuntimes.randomPrefix();
    try (Rollout rollout =
            Rollout.of(RolloutConfig.parse(yaml(p, "cohorts: [dev]\npercent: 0"), "r.yaml"));
        CacheTransport store = CacheTransport.embedded();
        VersionedCache<String, TestFormats.ItemV1> old =
            VersionedCache.<String, TestFormats.ItemV1>newBuilder()
                .keyspace(TwoRuntimes.KEYSPACE)
                .runtime(TestFormats.OLD_RUNTIME)
                .registry(TestFormats.oldRegistry())
                .transport(store)
                .rollout(rollout)
                .build()) {
      assertThat(old.status().holdBacks()).isEmpty();
    }
  }

  @Test
  void aCohortFunctionThatThrowsReturnsNullOrAnUndeclaredName_putsTheKeyInNoCohort() {
    String p = TwoRuntimes.randomPrefix();
    Map<String, Function<String, @Nullable String>> functions =
        Map.of(
            "error",
            key -> {
              throw new IllegalStateException("no request in scope");
            },
            "none",
            key -> null,
            "undeclared",
            key -> "contractors");
    for (Map.Entry<String, Function<String, @Nullable String>> entry : functions.entrySet()) {
      try (Rollout rollout =
              Rollout.of(RolloutConfig.parse(yaml(p, "cohorts: [dev]\npercent: 0"), "r.yaml"));
          CacheTransport store = CacheTransport.embedded();
          VersionedCache<String, ItemV2> cache = cache(rollout, store, entry.getValue())) {
        assertThat(cache.set("k", new ItemV2("k", 1, List.of("a")))).isTrue();
        assertThat(formatAt(store, p, "k")).as(entry.getKey()).isEqualTo("old");
        assertThat(cache.get("k")).isPresent();
        assertThat(selections(entry.getKey(), "other")).as(entry.getKey()).isEqualTo(1);
      }
    }
  }

  @Test
  void aCohortNameTheRouterCannotTagIsRefusedByTheBuilder() {
    assertThatThrownBy(
            () ->
                VersionedCache.<String, ItemV2>newBuilder()
                    .cohorts(Set.of("dev team"), key -> "dev team"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cohort name must be 1 to 64 letters");
  }
}
