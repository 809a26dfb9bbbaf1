package dev.crossgrade.router;

import java.util.Optional;

/**
 * The rollout phase of one keyspace between an old runtime ({@code from}) and a new one ({@code
 * to}), in rollout order. Any phase may follow any other: moving to an earlier phase is a rollback,
 * and needs neither a flush nor a restart.
 */
public enum Phase {
  /** Each runtime reads and writes only its own generation; writes invalidate the other one. */
  SPLIT,
  /**
   * As {@link #SPLIT}, and the new runtime, on a miss in its own generation, reads the old one,
   * upcasts, and back-fills its own generation with {@code add}.
   */
  READ_FALLBACK,
  /**
   * As {@link #READ_FALLBACK}, and every write goes to both generations, each in a format that its
   * readers can read.
   */
  DUAL_WRITE,
  /**
   * As {@link #DUAL_WRITE}, and the new runtime reads both generations, serves its own and compares
   * the two decoded values, counting mismatches.
   */
  SHADOW,
  /**
   * Both runtimes use the new runtime's generation only; the old generation is retired and receives
   * only invalidations, so that a rollback finds no stale value there.
   */
  UNIFIED;

  /** The name as written in config files: {@code READ_FALLBACK}. */
  public String label() {
    return name();
  }

  /**
   * The phase whose {@link #label()} is exactly {@code text}, such as {@code DUAL_WRITE}; empty for
   * any other spelling ({@code dual-write}, {@code Dual_Write}), so that a config file, a log and a
   * dashboard all spell a phase the same way.
   */
  public static Optional<Phase> parse(String text) {
    for (Phase phase : values()) {
      if (phase.label().equals(text)) {
        return Optional.of(phase);
      }
    }
    return Optional.empty();
  }
}
