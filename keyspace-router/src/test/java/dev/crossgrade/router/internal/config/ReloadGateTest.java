package dev.crossgrade.router.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.internal.config.ReloadGate.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** When new content of a watched file may be applied: one table of scenarios, settle 100 ms. */
class ReloadGateTest {
  private static final Duration SETTLE = Duration.ofMillis(100);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.000000123Z");

  /**
   * One look at the file.
   *
   * @param content the file's content
   * @param modifiedMs its last-modified time, in ms after T0 (Long.MIN_VALUE: exactly T0 - 5 s, a
   *     whole second)
   * @param atMs when it is read, in ms after T0 (wall clock and monotonic alike)
   * @param verdict what the gate must say
   * @param waitMs for WAIT, after how long it must say to look again
   */
  record Look(String content, long modifiedMs, long atMs, Verdict verdict, long waitMs) {}

  static Look look(String content, long modifiedMs, long atMs, Verdict verdict, long waitMs) {
    return new Look(content, modifiedMs, atMs, verdict, waitMs);
  }

  static Stream<Arguments> scenarios() {
    Verdict apply = Verdict.APPLY;
    Verdict wait = Verdict.WAIT;
    Verdict same = Verdict.UNCHANGED;
    return Stream.of(
        Arguments.of(
            "content applied before is not applied again", List.of(look("old", 0, 500, same, 0))),
        Arguments.of(
            "a file last written longer ago than the settle time is applied at once",
            List.of(look("new", 0, 500, apply, 0), look("new", 0, 600, same, 0))),
        Arguments.of(
            "a file written just now waits until it has stood still for the settle time",
            List.of(look("new", 490, 500, wait, 90), look("new", 490, 590, apply, 0))),
        Arguments.of(
            "a writer that pauses half-way: the half file is never applied",
            List.of(
                look("half", 490, 500, wait, 90),
                look("half and the rest", 560, 590, wait, 70),
                look("half and the rest", 560, 660, apply, 0))),
        Arguments.of(
            "an empty file (echo > file truncated it) waits like any other content",
            List.of(look("", 495, 500, wait, 95), look("whole", 520, 595, wait, 25))),
        Arguments.of(
            "a clock that is behind the file's time: the second look after settle applies",
            List.of(look("new", 10_000, 500, wait, 100), look("new", 10_000, 600, apply, 0))),
        Arguments.of(
            "whole-second times (a coarse file system) are not trusted: the second look applies",
            List.of(
                look("new", Long.MIN_VALUE, 500, wait, 100),
                look("new", Long.MIN_VALUE, 600, apply, 0))),
        Arguments.of(
            "the same content rewritten (a new time) starts the wait again",
            List.of(
                look("new", 490, 500, wait, 90),
                look("new", 550, 560, wait, 90),
                look("new", 550, 650, apply, 0))),
        Arguments.of(
            "going back to the content in force while waiting cancels the change",
            List.of(look("new", 490, 500, wait, 90), look("old", 540, 550, same, 0))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void decides(String scenario, List<Look> looks) {
    ReloadGate gate = new ReloadGate(SETTLE, bytes("old"));
    for (Look look : looks) {
      Instant modified =
          look.modifiedMs() == Long.MIN_VALUE
              ? Instant.parse("2025-12-31T23:59:55Z")
              : T0.plusMillis(look.modifiedMs());
      ReloadGate.Decision decision =
          gate.offer(
              bytes(look.content()),
              modified,
              T0.plusMillis(look.atMs()),
              Duration.ofMillis(look.atMs()).toNanos());
      assertThat(decision.verdict())
          .as("%s at %d ms", look.content(), look.atMs())
          .isEqualTo(look.verdict());
      assertThat(decision.lookAgainIn())
          .as("wait at %d ms", look.atMs())
          .isEqualTo(Duration.ofMillis(look.waitMs()));
    }
  }

  @ParameterizedTest(name = "after forget, {0}")
  @MethodSource("contents")
  void afterAMissingFileTheSameContentIsNewAgain(String content) {
    ReloadGate gate = new ReloadGate(SETTLE, bytes(content));
    gate.forget();
    assertThat(gate.offer(bytes(content), T0, T0.plusSeconds(1), 0).verdict())
        .isEqualTo(Verdict.APPLY);
  }

  static Stream<String> contents() {
    return Stream.of("old", "");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
