package dev.crossgrade.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The newest release among the versions a range request returns, in ascending order. */
class BaselineResolverTest {
  @Test
  void theNewestReleaseSkipsSnapshotsAboveIt() {
    assertThat(
            BaselineResolver.newestRelease(
                List.of("0.9.0", "1.0.0", "1.0.1-SNAPSHOT", "1.0.1-20250101.120000-3")))
        .isEqualTo("1.0.0");
  }

  @Test
  void aReleaseCandidateIsARelease() {
    assertThat(BaselineResolver.newestRelease(List.of("1.0.0", "1.1.0-rc1")))
        .isEqualTo("1.1.0-rc1");
  }

  @Test
  void onlySnapshotsOrNothingIsNoRelease() {
    assertThat(BaselineResolver.newestRelease(List.of("1.0.0-SNAPSHOT"))).isNull();
    assertThat(BaselineResolver.newestRelease(List.of())).isNull();
  }
}
