package dev.crossgrade.rehearsal;

import dev.crossgrade.router.Phase;
import java.util.Optional;

/** How the two runtimes share the cache during a rehearsed rollout. */
public enum Strategy {
  /**
   * No framework: one shared key per value, each runtime writing its own codec's raw bytes and
   * reading whatever it finds there, so a decode error or a wrong value can reach the caller.
   */
  NAIVE,
  /** {@link Phase#SPLIT}: each runtime in its own generation of the key space. */
  SPLIT,
  /** {@link Phase#READ_FALLBACK}: as SPLIT, and the new runtime reads and upcasts the old's. */
  READ_FALLBACK,
  /** {@link Phase#DUAL_WRITE}: as READ_FALLBACK, and every write goes to both generations. */
  DUAL_WRITE;

  /** The rollout phase this strategy runs in until the runtimes unify; empty for {@link #NAIVE}. */
  public Optional<Phase> phase() {
    return switch (this) {
      case NAIVE -> Optional.empty();
      case SPLIT -> Optional.of(Phase.SPLIT);
      case READ_FALLBACK -> Optional.of(Phase.READ_FALLBACK);
      case DUAL_WRITE -> Optional.of(Phase.DUAL_WRITE);
    };
  }
}
