package dev.crossgrade.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.junit.RuntimeTestList.Mode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one rule, as a table: mode, listed, outcome, strict -> verdict, fails the build. */
class VerdictTest {
  @ParameterizedTest(name = "{0} listed={1} {2} strict={3} -> {4}")
  @CsvSource({
    // no section: every test must pass
    "NONE,    false, PASSED,  false, PASSED,          false",
    "NONE,    false, FAILED,  true,  FAILED,          true",
    // include: the listed tests must pass, the others are reported
    "INCLUDE, true,  PASSED,  true,  PASSED,          false",
    "INCLUDE, true,  FAILED,  false, FAILED,          true",
    "INCLUDE, false, FAILED,  true,  ALLOWED_FAILURE, false",
    "INCLUDE, false, PASSED,  false, FLIP,            false",
    "INCLUDE, false, PASSED,  true,  FLIP,            true",
    // exclude: the listed tests may fail, every other must pass
    "EXCLUDE, true,  FAILED,  true,  ALLOWED_FAILURE, false",
    "EXCLUDE, true,  PASSED,  false, FLIP,            false",
    "EXCLUDE, true,  PASSED,  true,  FLIP,            true",
    "EXCLUDE, false, PASSED,  true,  PASSED,          false",
    "EXCLUDE, false, FAILED,  false, FAILED,          true",
    // skipped by the test itself: not judged
    "INCLUDE, true,  SKIPPED, true,  SKIPPED,         false",
    "EXCLUDE, false, SKIPPED, true,  SKIPPED,         false",
  })
  void theVerdictOnATest(
      String mode,
      boolean listed,
      Outcome outcome,
      boolean strict,
      Verdict verdict,
      boolean failsBuild) {
    Mode m = mode.equals("NONE") ? null : Mode.valueOf(mode);
    Verdict actual = Verdict.of(m, listed, outcome);
    assertThat(actual).isEqualTo(verdict);
    assertThat(actual.failsBuild(strict)).isEqualTo(failsBuild);
  }

  @ParameterizedTest
  @CsvSource({
    "PASSED, PASSED, PASSED",
    "PASSED, FAILED, FAILED",
    "SKIPPED, FAILED, FAILED",
    "SKIPPED, PASSED, PASSED",
    "SKIPPED, SKIPPED, SKIPPED"
  })
  void aParameterizedTestFailsIfAnyInvocationFails(Outcome a, Outcome b, Outcome both) {
    assertThat(a.and(b)).isEqualTo(both);
    assertThat(b.and(a)).isEqualTo(both);
  }
}
