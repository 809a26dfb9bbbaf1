package dev.crossgrade.transport.lettuce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LettuceVersionsTest {
  @Test
  void lettuce7WithNetty41_theMixSpringBoot35GivesWhenOnlyLettuceIsPinned_isNamedWithTheFix() {
    String problem =
        LettuceVersions.problem(
            Set.of(LettuceVersions.LETTUCE_7)::contains, "7.7.0.RELEASE", "4.1.128.Final");

    assertThat(problem)
        .contains("Lettuce 7.7.0.RELEASE with Netty 4.1.128.Final")
        .contains("netty.version to 4.2.15.Final")
        .contains("lettuce.version to the Lettuce your Boot line manages");
  }

  @Test
  void lettuce7OnNetty42_andLettuce6OnEitherNetty_areFine() {
    assertThat(
            LettuceVersions.problem(
                Set.of(LettuceVersions.LETTUCE_7, LettuceVersions.NETTY_4_2)::contains,
                "7.7.0.RELEASE",
                "4.2.15.Final"))
        .isNull();
    assertThat(
            LettuceVersions.problem(Set.<String>of()::contains, "6.6.0.RELEASE", "4.1.128.Final"))
        .isNull();
    assertThat(
            LettuceVersions.problem(
                Set.of(LettuceVersions.NETTY_4_2)::contains, "6.8.2.RELEASE", "4.2.15.Final"))
        .isNull();
  }

  @Test
  void unknownVersions_stillGiveAMessage() {
    assertThat(LettuceVersions.problem(Set.of(LettuceVersions.LETTUCE_7)::contains, null, null))
        .contains("Lettuce 7 with Netty older than 4.2");
  }

  @Test
  void thisBuildsClassPath_passes() {
    LettuceVersions.require();
  }
}
