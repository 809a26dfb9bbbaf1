package dev.crossgrade.rehearsal;

import java.util.Locale;

/** What a rehearsal's steps change: the new runtime's traffic share, or its writer's cohorts. */
public enum Walk {
  /**
   * The new runtime's traffic share goes 0% -> 1% -> 10% -> 50% -> 100% and the runtimes unify,
   * once per strategy, and once more with a rollback from 50% to 10%; the writer writes the new
   * format for every key.
   */
  TRAFFIC,
  /**
   * A staged rollout by cohort, once per framework strategy: with both runtimes at half the
   * traffic, the new runtime's writer writes the new format for the {@code dev} cohort, then also
   * for {@code employees}, then also for 1% of the other keys, then for all of them, and the
   * runtimes unify. Each request belongs to a cohort: 2% {@code dev}, 8% {@code employees}, the
   * rest {@code users}.
   */
  COHORTS;

  /** The name on the command line: {@code traffic} or {@code cohorts}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The walk named {@code label}.
   *
   * @throws IllegalArgumentException if it is not {@code traffic} or {@code cohorts}
   */
  public static Walk of(String label) {
    for (Walk walk : values()) {
      if (walk.label().equals(label)) {
        return walk;
      }
    }
    throw new IllegalArgumentException("walk '" + label + "' is not one of traffic, cohorts");
  }
}
