package dev.crossgrade.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.junit.RuntimeTestList.Entry;
import dev.crossgrade.junit.RuntimeTestList.Mode;
import dev.crossgrade.junit.RuntimeTestList.Section;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The proposed list: the shorter of include and exclude, each entry saying how it fared. */
class ProposalTest {
  private static final TestRuntime OLD = TestRuntime.jdk(17);
  private static final TestRuntime NEW = TestRuntime.jdk(25);

  @Test
  void fewFailuresOnTheNewRuntimeGiveAnExcludeList() {
    Map<String, Outcome> old =
        Map.of("a.T#x", Outcome.PASSED, "a.T#y", Outcome.PASSED, "a.T#z", Outcome.PASSED);
    Map<String, Outcome> neu =
        Map.of("a.T#x", Outcome.PASSED, "a.T#y", Outcome.PASSED, "a.T#z", Outcome.FAILED);
    Section section = Proposal.propose(OLD, old, NEW, neu, null).sections().get(0);
    assertThat(section.runtime()).isEqualTo(NEW);
    assertThat(section.mode()).isEqualTo(Mode.EXCLUDE);
    assertThat(section.entries())
        .containsExactly(new Entry("a.T#z", 0, "fails on jdk 25, passes on jdk 17"));
  }

  @Test
  void fewPassesOnTheNewRuntimeGiveAnIncludeList() {
    Map<String, Outcome> old = Map.of("a.T#x", Outcome.PASSED, "a.T#y", Outcome.FAILED);
    Map<String, Outcome> neu =
        Map.of(
            "a.T#x",
            Outcome.PASSED,
            "a.T#y",
            Outcome.FAILED,
            "a.T#z",
            Outcome.FAILED,
            "a.T#s",
            Outcome.SKIPPED);
    Section section = Proposal.propose(OLD, old, NEW, neu, null).sections().get(0);
    assertThat(section.mode()).isEqualTo(Mode.INCLUDE);
    assertThat(section.entries())
        .containsExactly(new Entry("a.T#x", 0, "passes on jdk 25, passes on jdk 17"));
  }

  @Test
  void aModeAskedForIsKeptAndTestsNewToTheNewRuntimeAreSaidSo() {
    Map<String, Outcome> neu = Map.of("a.T#x", Outcome.FAILED, "a.T#y", Outcome.FAILED);
    Section section =
        Proposal.propose(OLD, Map.of("a.T#x", Outcome.FAILED), NEW, neu, Mode.EXCLUDE)
            .sections()
            .get(0);
    assertThat(section.mode()).isEqualTo(Mode.EXCLUDE);
    assertThat(section.entries())
        .extracting(Entry::comment)
        .containsExactlyInAnyOrder(
            "fails on jdk 25, fails on jdk 17", "fails on jdk 25, did not run on jdk 17");
  }
}
