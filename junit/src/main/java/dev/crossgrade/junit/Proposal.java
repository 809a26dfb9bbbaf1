package dev.crossgrade.junit;

import dev.crossgrade.junit.RuntimeTestList.Entry;
import dev.crossgrade.junit.RuntimeTestList.Mode;
import dev.crossgrade.junit.RuntimeTestList.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The list proposed for the new runtime from the outcomes on both: {@code include} with the tests
 * that pass on it, or {@code exclude} with those that fail on it, whichever is shorter unless a
 * mode is asked for (early in a migration few tests pass and the include list is short; as fixes
 * land it flips to a short exclude list). A pure function of the outcomes.
 */
final class Proposal {
  private Proposal() {}

  static RuntimeTestList propose(
      TestRuntime oldRuntime,
      Map<String, Outcome> old,
      TestRuntime newRuntime,
      Map<String, Outcome> neu,
      @Nullable Mode mode) {
    List<String> passing = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    new TreeMap<>(neu)
        .forEach(
            (test, outcome) -> {
              if (outcome == Outcome.PASSED) {
                passing.add(test);
              } else if (outcome == Outcome.FAILED) {
                failing.add(test);
              }
            });
    Mode chosen =
        mode != null ? mode : failing.size() <= passing.size() ? Mode.EXCLUDE : Mode.INCLUDE;
    List<String> listed = chosen == Mode.INCLUDE ? passing : failing;
    List<Entry> entries = new ArrayList<>();
    for (String test : listed) {
      entries.add(new Entry(test, 0, note(test, oldRuntime, old, newRuntime, neu)));
    }
    return RuntimeTestList.of(
        "proposed", List.of(new Section(newRuntime, chosen, false, 0, entries)));
  }

  /** How the test fared on each runtime: {@code fails on jdk 25, passes on jdk 17}. */
  private static String note(
      String test,
      TestRuntime oldRuntime,
      Map<String, Outcome> old,
      TestRuntime newRuntime,
      Map<String, Outcome> neu) {
    Outcome before = old.get(test);
    return "%s on %s, %s on %s"
        .formatted(
            word(neu.get(test)),
            newRuntime,
            (before == null ? "did not run" : word(before)),
            oldRuntime);
  }

  private static String word(@Nullable Outcome outcome) {
    if (outcome == null) {
      return "did not run";
    }
    return switch (outcome) {
      case PASSED -> "passes";
      case FAILED -> "fails";
      case SKIPPED -> "skipped";
    };
  }
}
