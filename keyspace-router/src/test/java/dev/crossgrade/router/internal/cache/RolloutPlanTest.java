package dev.crossgrade.router.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.Phase;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.RolloutConfig.Stickiness;
import dev.crossgrade.router.RolloutConfig.WriterSpec;
import dev.crossgrade.router.internal.cache.CapabilityBoard.Format;
import dev.crossgrade.router.internal.cache.CapabilityBoard.Liveness;
import dev.crossgrade.router.internal.cache.CapabilityBoard.PeerState;
import dev.crossgrade.router.internal.cache.RolloutPlan.Choice;
import dev.crossgrade.router.internal.cache.RolloutPlan.Named;
import dev.crossgrade.router.internal.cache.RolloutPlan.Side;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollout plan, phase by side by what is known of the other runtime, as a table. The old
 * runtime is shop-v1 (g1, writes and reads old@v1 only); the new one shop-v2 (g2, writes new@v2,
 * and old@v1 through its compatible registry). Writer spec: new@v2 for 50 % of the keys.
 *
 * <p>Choices: P the primary format, C the compatible one, CX the compatible one where it reads back
 * exactly (else P), - invalidated.
 */
class RolloutPlanTest {
  private static final Named OLD = new Named(new Format(0x80, 1), "old@v1");
  private static final Named NEW = new Named(new Format(0x81, 2), "new@v2");
  private static final Side NEW_SIDE = new Side(true, NEW, OLD);
  private static final Side OLD_SIDE = new Side(false, OLD, null);

  /** Records: what the old runtime reads, in the generations given. */
  private static PeerState oldReads(Liveness liveness, Set<Integer> generations, Named... formats) {
    return peer("shop-v1", 1, liveness, generations, formats);
  }

  private static PeerState newReads(Set<Integer> generations, Named... formats) {
    return peer("shop-v2", 2, Liveness.LIVE, generations, formats);
  }

  private static PeerState peer(
      String runtime, int generation, Liveness liveness, Set<Integer> gens, Named... formats) {
    Set<Format> readable = new java.util.HashSet<>();
    List<String> names = new ArrayList<>();
    for (Named f : formats) {
      readable.add(f.format());
      names.add(f.label());
    }
    return new PeerState(
        liveness,
        new CapabilityBoard.Record(runtime, generation, readable, String.join(", ", names), gens));
  }

  private static final PeerState UNKNOWN = PeerState.UNKNOWN;
  private static final PeerState OLD_LIVE = oldReads(Liveness.LIVE, Set.of(1), OLD);
  private static final PeerState OLD_GONE = oldReads(Liveness.GONE, Set.of(1), OLD);
  private static final PeerState OLD_READS_BOTH = oldReads(Liveness.LIVE, Set.of(1), OLD, NEW);
  private static final PeerState OLD_ALREADY_UNIFIED = oldReads(Liveness.LIVE, Set.of(2, 1), OLD);
  private static final PeerState NEW_LIVE = newReads(Set.of(2, 1), OLD, NEW);
  private static final PeerState NEW_READS_NO_OLD = newReads(Set.of(2), NEW);

  /** One row: the case, then read, fallback, and per written generation rolled/others. */
  static Stream<Object[]> table() {
    return Stream.of(
        // The new runtime.
        row(Phase.SPLIT, NEW_SIDE, OLD_LIVE, "g2 NONE", "g2=P/CX"),
        row(Phase.READ_FALLBACK, NEW_SIDE, OLD_LIVE, "g2 ON_MISS g1", "g2=P/CX"),
        row(Phase.DUAL_WRITE, NEW_SIDE, OLD_LIVE, "g2 ON_MISS g1", "g1=C/C g2=P/CX"),
        row(Phase.SHADOW, NEW_SIDE, OLD_LIVE, "g2 ON_MISS g1 shadow", "g1=C/C g2=P/CX"),
        row(Phase.UNIFIED, NEW_SIDE, OLD_LIVE, "g2 NONE", "g2=C/C"),
        // Before any record was read: the compatible format wherever the old runtime may read.
        row(Phase.SPLIT, NEW_SIDE, UNKNOWN, "g2 NONE", "g2=P/CX"),
        row(Phase.DUAL_WRITE, NEW_SIDE, UNKNOWN, "g2 ON_MISS g1", "g1=C/C g2=P/CX"),
        row(Phase.UNIFIED, NEW_SIDE, UNKNOWN, "g2 NONE", "g2=C/C"),
        // Gone: its own generation still gets only what it reads; the shared one the newest.
        row(Phase.DUAL_WRITE, NEW_SIDE, OLD_GONE, "g2 ON_MISS g1", "g1=C/C g2=P/CX"),
        row(Phase.UNIFIED, NEW_SIDE, OLD_GONE, "g2 NONE", "g2=P/CX"),
        // An old build that reads the new format gets it for the rolled-out keys.
        row(Phase.DUAL_WRITE, NEW_SIDE, OLD_READS_BOTH, "g2 ON_MISS g1", "g1=P/C g2=P/CX"),
        row(Phase.UNIFIED, NEW_SIDE, OLD_READS_BOTH, "g2 NONE", "g2=P/C"),
        // Mixed phases: the old runtime already reads g2 (UNIFIED) while this one is behind.
        row(Phase.SPLIT, NEW_SIDE, OLD_ALREADY_UNIFIED, "g2 NONE", "g2=C/C"),
        row(Phase.DUAL_WRITE, NEW_SIDE, OLD_ALREADY_UNIFIED, "g2 ON_MISS g1", "g1=C/C g2=C/C"),
        // The old runtime.
        row(Phase.SPLIT, OLD_SIDE, NEW_LIVE, "g1 NONE", "g1=P/P"),
        row(Phase.READ_FALLBACK, OLD_SIDE, NEW_LIVE, "g1 NONE", "g1=P/P"),
        row(Phase.DUAL_WRITE, OLD_SIDE, NEW_LIVE, "g1 NONE", "g1=P/P g2=P/P"),
        row(Phase.SHADOW, OLD_SIDE, NEW_LIVE, "g1 NONE", "g1=P/P g2=P/P"),
        row(Phase.UNIFIED, OLD_SIDE, NEW_LIVE, "g2 ON_FOREIGN_FORMAT g1", "g2=P/P"),
        row(Phase.UNIFIED, OLD_SIDE, UNKNOWN, "g2 ON_FOREIGN_FORMAT g1", "g2=P/P"),
        // A new runtime that does not read the old format: the old one invalidates its copies.
        row(Phase.DUAL_WRITE, OLD_SIDE, NEW_READS_NO_OLD, "g1 NONE", "g1=P/P g2=-/-"),
        row(Phase.UNIFIED, OLD_SIDE, NEW_READS_NO_OLD, "g2 ON_FOREIGN_FORMAT g1", "g2=-/-"));
  }

  private static Object[] row(Phase phase, Side side, PeerState peer, String reads, String writes) {
    return new Object[] {phase, side.isNew() ? "new" : "old", side, peer, reads, writes};
  }

  @ParameterizedTest(name = "{0} {1} runtime, peer {3}")
  @MethodSource("table")
  void thePlanOfEachPhaseSideAndPeer(
      Phase phase, String name, Side side, PeerState peer, String reads, String writes) {
    KeyspaceSpec spec =
        new KeyspaceSpec(
            "items",
            "shop-v1",
            "shop-v2",
            phase,
            Duration.ofMinutes(10),
            new WriterSpec("new", 2, 50, Stickiness.KEY));
    RolloutPlan plan = RolloutPlan.of(spec, 1, 2, side, peer, side.isNew() ? "shop-v1" : "shop-v2");

    String actualReads =
        "g"
            + plan.readGeneration()
            + " "
            + plan.fallback()
            + (plan.fallbackGeneration() < 0 ? "" : " g" + plan.fallbackGeneration())
            + (plan.shadow() ? " shadow" : "");
    List<String> actualWrites = new ArrayList<>();
    for (Map.Entry<Integer, RolloutPlan.Write> e : plan.writes().entrySet()) {
      actualWrites.add(
          "g"
              + e.getKey()
              + "="
              + code(e.getValue().rolledOut())
              + "/"
              + code(e.getValue().others()));
    }
    assertThat(actualReads).as("reads").isEqualTo(reads);
    assertThat(String.join(" ", actualWrites)).as("writes").isEqualTo(writes);
    assertThat(plan.liveGenerations()).as("old generation first").containsExactly(1, 2);
    assertThat(plan.readGenerations()).contains(plan.readGeneration());
  }

  private static String code(Choice choice) {
    return switch (choice) {
      case PRIMARY -> "P";
      case COMPATIBLE -> "C";
      case COMPATIBLE_IF_EXACT -> "CX";
      case NONE -> "-";
    };
  }

  @org.junit.jupiter.api.Test
  void holdBacksNameTheReaderTheFormatAndTheGeneration() {
    KeyspaceSpec spec =
        new KeyspaceSpec(
            "items",
            "shop-v1",
            "shop-v2",
            Phase.DUAL_WRITE,
            Duration.ofMinutes(10),
            new WriterSpec("new", 2, 100, Stickiness.KEY));
    assertThat(RolloutPlan.of(spec, 1, 2, NEW_SIDE, OLD_LIVE, "shop-v1").holdBacks())
        .containsExactly(
            "live runtime 'shop-v1' reads [old@v1] but not new@v2 in generation g1; writing old@v1"
                + " instead");
    assertThat(RolloutPlan.of(spec, 1, 2, NEW_SIDE, UNKNOWN, "shop-v1").holdBacks())
        .containsExactly(
            "the capability record of runtime 'shop-v1' has not been read yet; writing old@v1"
                + " instead");
    assertThat(RolloutPlan.of(spec, 1, 2, NEW_SIDE, OLD_GONE, "shop-v1").holdBacks())
        .as("a gone runtime holds nothing back")
        .isEmpty();
  }
}
