package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.config.ConfigFile;
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
  void aDeviceCannotStartARollout() throws IOException {
    Path zero = Files.createSymbolicLink(dir.resolve("zero.yaml"), Path.of("/dev/zero"));
    assertThatThrownBy(() -> Rollout.newBuilder().watch(zero).build())
        .isInstanceOf(RolloutConfigException.class)
        .hasMessageContaining("zero.yaml:0:0: (file): it is a symbolic link to /dev/zero");
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

  @Test
  void aChangedTransportIsRejectedWithAMessage_neverCountedAsApplied() throws IOException {
    String prefix = TwoRuntimes.randomPrefix();
    String good = TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key");
    Path file = write("rollout.yaml", good);
    try (Rollout rollout = Rollout.newBuilder().watch(file).meterRegistry(meters).build()) {
      Files.writeString(
          file,
          good.replace(
                  "transport: {timeout: 500ms}",
                  "transport: {client: xmemcached, servers: [10.0.0.9:11211], timeout: 900ms}")
              .replace("phase: SPLIT", "phase: DUAL_WRITE"));
      ValidationResult result = rollout.reloadNow();

      assertThat(result.valid()).isFalse();
      assertThat(result.errors())
          .extracting(ConfigError::field)
          .containsExactly("transport.client", "transport.servers", "transport.timeout");
      assertThat(result.errors())
          .allSatisfy(
              error -> {
                assertThat(error.line()).isEqualTo(5);
                assertThat(error.message()).contains("a reload cannot rebuild it");
                assertThat(error.fix()).contains("restart the process");
              });
      assertThat(result.errorReport())
          .contains("transport.timeout changed from 500ms to 900ms")
          .contains("restore servers: []");
      assertThat(reloads("applied")).isZero();
      assertThat(reloads("rejected")).isEqualTo(1);
      assertThat(rollout.config().transport().timeout()).isEqualTo(Duration.ofMillis(500));
      assertThat(rollout.config().keyspace("items").orElseThrow().phase()).isEqualTo(Phase.SPLIT);

      RolloutConfig programmatic =
          RolloutConfig.parse(good.replace("timeout: 500ms", "timeout: 1s"), "code");
      assertThatThrownBy(() -> rollout.apply(programmatic))
          .isInstanceOf(RolloutConfigException.class)
          .hasMessageContaining("transport.timeout changed from 500ms to 1s");
      assertThat(reloads("applied")).isZero();
    }
  }

  @Test
  void aWriterTheRuntimeCannotWriteFailsTheBuild_isRejectedOnReload_andShowsInStatus()
      throws IOException {
    String prefix = TwoRuntimes.randomPrefix();
    String good = TwoRuntimes.yaml(prefix, Phase.SPLIT, 25, "key");
    String wrongCodec = good.replace("codec: test-new, schemaVersion: 2", "codec: msgpack");
    String wrongVersion = good.replace("schemaVersion: 2", "schemaVersion: 3");

    Path bad = write("bad.yaml", wrongCodec);
    try (Rollout rollout = Rollout.newBuilder().watch(bad).meterRegistry(meters).build();
        CacheTransport transport = CacheTransport.embedded()) {
      assertThatThrownBy(() -> cacheOn(rollout, transport))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("writer msgpack@v1 cannot be written by runtime 'shop-v2'")
          .hasMessageContaining("test-new@v2")
          .hasMessageContaining("fix: set the writer to test-new@v2");
    }

    Path file = write("rollout.yaml", good);
    try (Rollout rollout = Rollout.newBuilder().watch(file).meterRegistry(meters).build();
        CacheTransport transport = CacheTransport.embedded();
        VersionedCache<String, ItemV2> cache = cacheOn(rollout, transport)) {
      for (String wrong : new String[] {wrongCodec, wrongVersion}) {
        Files.writeString(file, wrong.replace("phase: SPLIT", "phase: READ_FALLBACK"));
        ValidationResult result = rollout.reloadNow();
        assertThat(result.errors())
            .singleElement()
            .satisfies(
                error -> {
                  assertThat(error.field()).isEqualTo("keyspaces[items].writer");
                  assertThat(error.line()).isEqualTo(18);
                  assertThat(error.message()).contains("cannot be written by runtime 'shop-v2'");
                });
        assertThat(cache.status().phase()).isEqualTo(Phase.SPLIT);
        assertThat(cache.status().holdBacks())
            .singleElement()
            .asString()
            .contains("was not applied", "cannot be written", "rollout.yaml:18");
      }
      assertThat(reloads("applied")).isZero();

      Files.writeString(file, good.replace("phase: SPLIT", "phase: READ_FALLBACK"));
      assertThat(rollout.reloadNow().valid()).isTrue();
      assertThat(cache.status().phase()).isEqualTo(Phase.READ_FALLBACK);
      assertThat(cache.status().holdBacks()).isEmpty();
    }
  }

  @Test
  void theOldRuntimeIsNotHeldToTheWriterItDoesNotRollOut() throws IOException {
    String yaml = TwoRuntimes.yaml(TwoRuntimes.randomPrefix(), Phase.SPLIT, 25, "key");
    try (Rollout rollout = Rollout.of(RolloutConfig.parse(yaml, "t.yaml"));
        CacheTransport transport = CacheTransport.embedded();
        VersionedCache<String, TestFormats.ItemV1> old =
            VersionedCache.<String, TestFormats.ItemV1>newBuilder()
                .keyspace(TwoRuntimes.KEYSPACE)
                .runtime(TestFormats.OLD_RUNTIME)
                .registry(TestFormats.oldRegistry())
                .transport(transport)
                .rollout(rollout)
                .meterRegistry(meters)
                .build()) {
      assertThat(old.status().holdBacks()).isEmpty();
    }
  }

  @Test
  void anErrorWhileReading_neverReachesReloadNowsCaller_andPollingGoesOn() throws IOException {
    String prefix = TwoRuntimes.randomPrefix();
    Path file = write("rollout.yaml", TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key"));
    java.util.concurrent.atomic.AtomicInteger reads =
        new java.util.concurrent.atomic.AtomicInteger();
    Rollout.FileSource failing =
        (path, max) -> {
          int read = reads.incrementAndGet();
          if (read <= 3) {
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
          }
          if (read <= 6) {
            // Content without a modification time: the poll itself fails after the read.
            return new ConfigFile.Observation(
                ConfigFile.Kind.READ, "x".getBytes(StandardCharsets.UTF_8), null, null);
          }
          return ConfigFile.read(path, max);
        };
    try (Rollout rollout =
        Rollout.newBuilder()
            .watch(file)
            .pollInterval(Duration.ofMillis(50))
            .meterRegistry(meters)
            .fileSource(failing)
            .build()) {
      ValidationResult result = rollout.reloadNow();
      assertThat(result.valid()).isFalse();
      assertThat(result.errorReport()).contains("OutOfMemoryError");

      Files.writeString(file, TwoRuntimes.yaml(prefix, Phase.SHADOW, 0, "key"));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (rollout.config().keyspace("items").orElseThrow().phase() != Phase.SHADOW
          && System.nanoTime() < deadline) {
        MemcachedServer.sleep(10);
      }
      assertThat(reads.get()).isGreaterThan(6);
      assertThat(rollout.config().keyspace("items").orElseThrow().phase()).isEqualTo(Phase.SHADOW);
    }
  }
}
