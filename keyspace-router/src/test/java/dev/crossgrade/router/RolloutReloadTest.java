package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.router.TestFormats.ItemV2;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: a valid file is applied, a bad one never is, and the last good config stays. */
class RolloutReloadTest {
  @TempDir Path dir;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private double reloads(String outcome) {
    return meters.get("crossgrade.rollout.reloads").tag("outcome", outcome).counter().count();
  }

  private Path write(String name, String yaml) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static String bad(String resource) throws IOException {
    return Files.readString(RolloutConfigTest.resource(resource), StandardCharsets.UTF_8);
  }

  private VersionedCache<String, ItemV2> cacheOn(Rollout rollout, CacheTransport transport) {
    return VersionedCache.<String, ItemV2>newBuilder()
        .keyspace(TwoRuntimes.KEYSPACE)
        .runtime(TestFormats.NEW_RUNTIME)
        .registry(TestFormats.newRegistry())
        .transport(transport)
        .rollout(rollout)
        .meterRegistry(meters)
        .build();
  }

  @Test
  void aValidChangeIsApplied_andEveryBadFileIsRejectedWhileTheLastGoodConfigStays()
      throws IOException {
    String prefix = TwoRuntimes.randomPrefix();
    Path file = write("rollout.yaml", TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key"));
    try (Rollout rollout = Rollout.newBuilder().watch(file).meterRegistry(meters).build();
        CacheTransport transport = CacheTransport.embedded();
        VersionedCache<String, ItemV2> cache = cacheOn(rollout, transport)) {
      assertThat(cache.status().phase()).isEqualTo(Phase.SPLIT);

      Files.writeString(file, TwoRuntimes.yaml(prefix, Phase.READ_FALLBACK, 40, "key"));
      assertThat(rollout.reloadNow().valid()).isTrue();
      assertThat(cache.status().phase()).isEqualTo(Phase.READ_FALLBACK);
      assertThat(cache.status().writerPercent()).isEqualTo(40);
      assertThat(reloads("applied")).isEqualTo(1);

      int rejected = 0;
      for (String resource :
          new String[] {
            "unknown-codec.yaml",
            "unknown-phase.yaml",
            "percent-140.yaml",
            "missing-keyspace.yaml",
            "syntax-error.yaml"
          }) {
        Files.writeString(file, bad(resource));
        ValidationResult result = rollout.reloadNow();
        assertThat(result.valid()).as(resource).isFalse();
        assertThat(result.errors())
            .allSatisfy(
                error -> {
                  assertThat(error.file()).isEqualTo(file.toString());
                  assertThat(error.line()).isPositive();
                  assertThat(error.field()).isNotBlank();
                });
        assertThat(rollout.lastRejected()).contains(result);
        assertThat(reloads("rejected")).isEqualTo(++rejected);
        assertThat(cache.status().phase()).as("after %s", resource).isEqualTo(Phase.READ_FALLBACK);
        assertThat(rollout.config().keyspace(TwoRuntimes.KEYSPACE).orElseThrow().writer().percent())
            .isEqualTo(40);
      }
    }
  }

  @Test
  void aValidFileThatDropsAKeyspaceInUseIsRejected() throws IOException {
    String prefix = TwoRuntimes.randomPrefix();
    Path file = write("rollout.yaml", TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key"));
    String otherKeyspaceOnly =
        TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key").replace("- name: items", "- name: carts");
    try (Rollout rollout = Rollout.newBuilder().watch(file).meterRegistry(meters).build();
        CacheTransport transport = CacheTransport.embedded();
        VersionedCache<String, ItemV2> cache = cacheOn(rollout, transport)) {
      Files.writeString(file, otherKeyspaceOnly);
      ValidationResult result = rollout.reloadNow();

      assertThat(result.errors())
          .singleElement()
          .satisfies(
              error -> {
                assertThat(error.field()).isEqualTo("keyspaces");
                assertThat(error.line()).isEqualTo(12);
                assertThat(error.message()).contains("'items' is missing", "shop-v2");
              });
      assertThat(rollout.config().keyspace("items")).isPresent();
      assertThat(cache.status().phase()).isEqualTo(Phase.SPLIT);

      String newGeneration =
          TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key").replace("generation: 2", "generation: 3");
      Files.writeString(file, newGeneration);
      assertThat(rollout.reloadNow().errors())
          .singleElement()
          .satisfies(
              error ->
                  assertThat(error.message()).contains("generations of keyspace 'items' changed"));
      assertThat(cache.status().readGeneration()).isEqualTo(2);
    }
  }

  @Test
  void thePollerPicksUpAChangedFileByItself() throws IOException {
    String prefix = TwoRuntimes.randomPrefix();
    Path file = write("rollout.yaml", TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key"));
    try (Rollout rollout =
        Rollout.newBuilder()
            .watch(file)
            .pollInterval(Duration.ofMillis(50))
            .meterRegistry(meters)
            .build()) {
      Files.writeString(file, TwoRuntimes.yaml(prefix, Phase.DUAL_WRITE, 0, "key"));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (rollout.config().keyspace("items").orElseThrow().phase() != Phase.DUAL_WRITE
          && System.nanoTime() < deadline) {
        MemcachedServer.sleep(20);
      }
      assertThat(rollout.config().keyspace("items").orElseThrow().phase())
          .isEqualTo(Phase.DUAL_WRITE);

      Files.writeString(file, bad("percent-140.yaml"));
      while (reloads("rejected") < 1 && System.nanoTime() < deadline) {
        MemcachedServer.sleep(20);
      }
      assertThat(reloads("rejected")).isEqualTo(1);
      MemcachedServer.sleep(200);
      assertThat(reloads("rejected"))
          .as("a bad file is reported once, not at every poll")
          .isEqualTo(1);
      assertThat(rollout.config().keyspace("items").orElseThrow().phase())
          .isEqualTo(Phase.DUAL_WRITE);
    }
  }

  @Test
  void aVanishedFileIsReportedOnceAndTheConfigStays() throws IOException {
    String prefix = TwoRuntimes.randomPrefix();
    Path file = write("rollout.yaml", TwoRuntimes.yaml(prefix, Phase.SHADOW, 0, "key"));
    try (Rollout rollout =
        Rollout.newBuilder()
            .watch(file)
            .pollInterval(Duration.ofMillis(20))
            .meterRegistry(meters)
            .build()) {
      Files.delete(file);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (reloads("rejected") < 1 && System.nanoTime() < deadline) {
        MemcachedServer.sleep(10);
      }
      MemcachedServer.sleep(200);
      assertThat(reloads("rejected")).isEqualTo(1);
      assertThat(rollout.lastRejected().orElseThrow().errors())
          .singleElement()
          .satisfies(error -> assertThat(error.message()).contains("cannot read the file"));
      assertThat(rollout.config().keyspace("items").orElseThrow().phase()).isEqualTo(Phase.SHADOW);
    }
  }

  @Test
  void anInvalidFileCannotStartARollout() throws IOException {
    Path file = write("bad.yaml", bad("unknown-phase.yaml"));
    assertThatThrownBy(() -> Rollout.newBuilder().watch(file).build())
        .isInstanceOf(RolloutConfigException.class)
        .hasMessageContaining("bad.yaml:10:")
        .hasMessageContaining("keyspaces[0].phase");
  }

  @Test
  void programmaticChangesGoThroughTheSameChecks() {
    RolloutConfig config =
        RolloutConfig.parse(
            TwoRuntimes.yaml(TwoRuntimes.randomPrefix(), Phase.SPLIT, 0, "key"), "x");
    try (Rollout rollout = Rollout.newBuilder().config(config).meterRegistry(meters).build()) {
      rollout.setPhase("items", Phase.SHADOW);
      rollout.setWriterPercent("items", 75);
      assertThat(rollout.config().keyspace("items").orElseThrow().writer().percent()).isEqualTo(75);
      assertThatThrownBy(() -> rollout.setWriterPercent("items", 140)).hasMessageContaining("140");
      assertThatThrownBy(() -> rollout.reloadNow()).isInstanceOf(IllegalStateException.class);
      assertThat(rollout.config().keyspace("items").orElseThrow().phase()).isEqualTo(Phase.SHADOW);
    }
  }
}
