package dev.crossgrade.junit;

import dev.crossgrade.junit.RuntimeTestList.Entry;
import dev.crossgrade.junit.RuntimeTestList.Mode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/**
 * The outcomes of a run's tests, per test method ({@code Class#method}, every invocation of it
 * together), and the summary of them under a {@link Policy}: counts per verdict, the flips, the
 * allowed failures, and the entries that matched no test.
 */
final class RunSummary {
  static final String PREFIX = "[crossgrade] ";

  private final Map<String, Outcome> outcomes = new ConcurrentSkipListMap<>();

  /** Records one invocation of {@code className#methodName}. */
  void add(String className, String methodName, Outcome outcome) {
    outcomes.merge(className + "#" + methodName, outcome, Outcome::and);
  }

  /** The outcome of each test method so far, by {@code Class#method}. */
  Map<String, Outcome> outcomes() {
    return Map.copyOf(outcomes);
  }

  /** The verdict on each test method under {@code policy}, in name order. */
  Map<String, Verdict> verdicts(Policy policy) {
    Map<String, Verdict> verdicts = new java.util.LinkedHashMap<>();
    outcomes.forEach(
        (test, outcome) -> {
          int hash = test.indexOf('#');
          verdicts.put(
              test, policy.verdict(test.substring(0, hash), test.substring(hash + 1), outcome));
        });
    return verdicts;
  }

  /** The summary lines, each starting with {@value #PREFIX}. */
  List<String> lines(Policy policy) {
    Map<String, Verdict> verdicts = verdicts(policy);
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Verdict verdict : Verdict.values()) {
      counts.put(verdict, 0);
    }
    verdicts.values().forEach(v -> counts.merge(v, 1, Integer::sum));
    List<String> lines = new ArrayList<>();
    Mode mode = policy.mode();
    String observe =
        policy.enforce()
            ? ""
            : " (observe only: -D" + Policy.ENFORCE_PROPERTY + "=false, outcomes not changed)";
    if (mode == null) {
      lines.add(
          """
          %sruntime tests on %s: %s has no section for %s, so every test must pass: %s tests, %s \
          passed, %s failed, %s skipped%s"""
              .formatted(
                  PREFIX,
                  policy.runtime(),
                  policy.where(null),
                  policy.runtime(),
                  verdicts.size(),
                  counts.get(Verdict.PASSED),
                  counts.get(Verdict.FAILED),
                  counts.get(Verdict.SKIPPED),
                  observe));
      return lines;
    }
    lines.add(
        "%sruntime tests on %s: %s list, %s%s%s"
            .formatted(
                PREFIX,
                policy.runtime(),
                mode.word(),
                policy.where(null),
                (policy.strict() ? ", strict" : ""),
                observe));
    String[] labels =
        mode == Mode.INCLUDE
            ? new String[] {
              "listed and passed",
              "listed and failed (fail the build)",
              "not listed and failed (reported only)",
              "not listed and passed (flips: add them)"
            }
            : new String[] {
              "passed",
              "failed (fail the build)",
              "listed and failed (allowed)",
              "listed and passed (flips: remove them)"
            };
    lines.add(
        f(
            "  %d tests: %d %s, %d %s, %d %s, %d %s, %d skipped",
            verdicts.size(),
            counts.get(Verdict.PASSED),
            labels[0],
            counts.get(Verdict.FAILED),
            labels[1],
            counts.get(Verdict.ALLOWED_FAILURE),
            labels[2],
            counts.get(Verdict.FLIP),
            labels[3],
            counts.get(Verdict.SKIPPED)));
    verdicts.forEach(
        (test, verdict) -> {
          Entry entry = entryOf(policy, test);
          switch (verdict) {
            case FLIP -> lines.add("  flip: " + policy.flipMessage(test, entry));
            case ALLOWED_FAILURE ->
                lines.add("  allowed failure: " + policy.allowedFailureMessage(test, entry));
            case FAILED -> lines.add("  FAILED: " + test + " must pass on " + policy.runtime());
            default -> {}
          }
        });
    List<String> tests = new ArrayList<>(verdicts.keySet());
    for (Entry entry : policy.section().entries()) {
      if (Policy.matching(entry, tests).isEmpty()) {
        lines.add(
            "  not run: %s (%s) matched no test of this run; if the test is gone, remove the line"
                .formatted(policy.where(entry), entry.pattern()));
      }
    }
    boolean fails =
        verdicts.values().stream().anyMatch(v -> v.failsBuild(policy.strict())) && policy.enforce();
    lines.add(
        "  "
            + (fails ? "the list fails this build" : "the list passes this build")
            + (counts.get(Verdict.FLIP) > 0 && !policy.strict()
                ? " (flips are reported; add 'strict' to the section line to fail on them)"
                : ""));
    for (int i = 1; i < lines.size(); i++) {
      lines.set(i, PREFIX + lines.get(i));
    }
    return lines;
  }

  private static @Nullable Entry entryOf(Policy policy, String test) {
    int hash = test.indexOf('#');
    return policy.entry(test.substring(0, hash), test.substring(hash + 1)).orElse(null);
  }

  private static String f(String format, Object... args) {
    return String.format(java.util.Locale.ROOT, format, args);
  }
}
