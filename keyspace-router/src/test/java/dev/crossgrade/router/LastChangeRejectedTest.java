package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Rollout#lastChangeRejected()}: true from a rejected file or change until the next one is
 * applied, while {@link Rollout#lastRejected()} keeps the last rejection (what a health check
 * cannot tell apart by itself).
 */
class LastChangeRejectedTest {
  @TempDir Path dir;

  @Test
  void aRejectedFileCounts_untilAChangeIsAppliedAgain() throws IOException {
    String prefix = TwoRuntimes.randomPrefix();
    Path file = dir.resolve("rollout.yaml");
    Files.writeString(
        file, TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key"), StandardCharsets.UTF_8);
    try (Rollout rollout = Rollout.newBuilder().watch(file).build()) {
      assertThat(rollout.lastChangeRejected()).isFalse();

      Files.writeString(
          file,
          TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key").replace("SPLIT", "split"),
          StandardCharsets.UTF_8);
      assertThat(rollout.reloadNow().valid()).isFalse();
      assertThat(rollout.lastChangeRejected()).isTrue();

      Files.writeString(
          file, TwoRuntimes.yaml(prefix, Phase.READ_FALLBACK, 0, "key"), StandardCharsets.UTF_8);
      assertThat(rollout.reloadNow().valid()).isTrue();
      assertThat(rollout.lastChangeRejected()).isFalse();
      assertThat(rollout.lastRejected()).as("the last rejection is still kept").isPresent();

      RolloutConfig otherTransport =
          RolloutConfig.parse(
              TwoRuntimes.yaml(prefix, Phase.SPLIT, 0, "key")
                  .replace("transport: {timeout: 500ms}", "transport: {timeout: 400ms}"),
              "other.yaml");
      assertThatThrownBy(() -> rollout.apply(otherTransport))
          .isInstanceOf(RolloutConfigException.class);
      assertThat(rollout.lastChangeRejected()).as("a change in code counts too").isTrue();
    }
  }
}
