package dev.crossgrade.rehearsal;

/**
 * Told how far a {@link Rehearsal} has come, for a progress bar: at the start of each step and a
 * few times during it, from the thread that called {@link Rehearsal#run()}.
 */
@FunctionalInterface
public interface RehearsalProgress {
  /**
   * The rehearsal has come this far.
   *
   * @param done the share of the steps' time that has passed, 0 to 1
   * @param scenario the scenario running, such as {@code READ_FALLBACK}
   * @param step the step running, such as {@code 50%}
   */
  void progress(double done, String scenario, String step);

  /** A listener that ignores every call. */
  static RehearsalProgress none() {
    return (done, scenario, step) -> {};
  }
}
