package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.Phase;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.internal.cache.CapabilityBoard.Format;
import dev.crossgrade.router.internal.cache.CapabilityBoard.PeerState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one runtime does in one keyspace: the generation it reads first and where it falls back, the
 * generations it writes and in which format, the order in which a {@code set} or {@code delete}
 * touches them, and why a format is held back. A pure function ({@link #of}) of the keyspace's
 * config, this runtime's formats and what is known of the other runtime: no I/O, so a table of
 * cases tests it ({@code RolloutPlanTest}).
 *
 * <p>The rules it encodes:
 *
 * <ul>
 *   <li>A generation belongs to its runtime: whatever is written into the other runtime's
 *       generation is a format that runtime reads (by its capability record, or, without one, the
 *       compatible format), live or not, so a runtime that comes back never finds a format it
 *       cannot read in its own generation.
 *   <li>Where the other runtime reads (by its record, or as its phase in this config predicts:
 *       phases can differ between runtimes while a change propagates), only formats it reads are
 *       written; a generation it cannot read anything of is invalidated instead.
 *   <li>Where only this runtime reads, the compatible (downcast) format is written only when it
 *       reads back as the same value ({@link Choice#COMPATIBLE_IF_EXACT}); a lossy downcast is
 *       written only where the other runtime needs it.
 *   <li>Every {@code set} and {@code delete} touches the old generation before the new one ({@link
 *       #liveGenerations}), which the back-fill's re-read of the old generation relies on.
 * </ul>
 *
 * @param phase the phase in force for this runtime
 * @param readGeneration the generation read first
 * @param fallbackGeneration the generation read second, or -1
 * @param fallback when the second generation is read
 * @param shadow whether both generations are read and compared on every read
 * @param liveGenerations every live generation, old first: the order of every set and delete
 * @param readGenerations the generations this runtime reads, as its capability record says
 * @param writes per generation written, the formats; a live generation not here is invalidated
 * @param holdBacks why a format is held back, one line per reason; empty when none
 * @param peer the other runtime of the keyspace, or null when there is one generation
 * @param peerLive whether the other runtime is known to be live
 */
public record RolloutPlan(
    Phase phase,
    int readGeneration,
    int fallbackGeneration,
    Fallback fallback,
    boolean shadow,
    List<Integer> liveGenerations,
    List<Integer> readGenerations,
    Map<Integer, Write> writes,
    List<String> holdBacks,
    @Nullable String peer,
    boolean peerLive) {

  /** When the second generation is read. */
  enum Fallback {
    /** Never. */
    NONE,
    /**
     * The new runtime: on a miss or an entry it cannot use in its own generation, it reads the old
     * one and back-fills its own.
     */
    ON_MISS,
    /**
     * The old runtime in {@link Phase#UNIFIED}: on an entry in a format it does not read (the new
     * runtime wrote it while it did not know the old one read there), it reads its own generation,
     * which every update has kept current or emptied; nothing is back-filled.
     */
    ON_FOREIGN_FORMAT
  }

  /** Which of this runtime's registries writes a value into a generation. */
  enum Choice {
    /** The primary registry: the newest format. */
    PRIMARY,
    /** The compatible registry (an older codec, a downcaster), because the other runtime reads. */
    COMPATIBLE,
    /**
     * The compatible registry if the value reads back through the primary registry as the same
     * value, else the primary one: no lossy downcast where only this runtime reads.
     */
    COMPATIBLE_IF_EXACT,
    /** Nothing this runtime writes is readable there: the key is invalidated instead. */
    NONE
  }

  /**
   * The formats one generation is written in.
   *
   * @param rolledOut for keys inside the writer percentage
   * @param others for the other keys
   * @param peerReads whether the other runtime reads this generation
   * @param rolledOutHeldBack whether {@code rolledOut} is not the format the writer spec wants
   * @param othersHeldBack whether {@code others} is not the format the writer spec wants
   */
  record Write(
      Choice rolledOut,
      Choice others,
      boolean peerReads,
      boolean rolledOutHeldBack,
      boolean othersHeldBack) {}

  /**
   * A format of this runtime's registries.
   *
   * @param format codec id and schema version
   * @param label {@code codec@vN}
   */
  record Named(Format format, String label) {}

  /**
   * This runtime's side of a keyspace.
   *
   * @param isNew whether it is the keyspace's {@code to} runtime
   * @param primary its primary registry's writer format
   * @param compatible its compatible registry's writer format, or null
   */
  record Side(boolean isNew, Named primary, @Nullable Named compatible) {}

  public RolloutPlan {
    liveGenerations = List.copyOf(liveGenerations);
    readGenerations = List.copyOf(readGenerations);
    writes = Collections.unmodifiableMap(new LinkedHashMap<>(writes));
    holdBacks = List.copyOf(holdBacks);
  }

  /** Whether {@code generation} is written (rather than only invalidated). */
  boolean writes(int generation) {
    return writes.containsKey(generation);
  }

  /**
   * The plan of runtime {@code side} in {@code spec}.
   *
   * @param spec the keyspace in force
   * @param gFrom the old runtime's generation, or -1 when the keyspace has one runtime
   * @param gTo the new runtime's generation
   * @param side this runtime's formats
   * @param peer what is known of the other runtime (ignored when {@code gFrom} is -1)
   * @param peerName the other runtime's name, or null
   */
  static RolloutPlan of(
      KeyspaceSpec spec, int gFrom, int gTo, Side side, PeerState peer, @Nullable String peerName) {
    Phase phase = spec.phase();
    boolean two = gFrom >= 0;
    int read;
    int fallbackGeneration = -1;
    Fallback fallback = Fallback.NONE;
    if (side.isNew()) {
      read = gTo;
      if (two && readsFallback(phase)) {
        fallbackGeneration = gFrom;
        fallback = Fallback.ON_MISS;
      }
    } else if (phase == Phase.UNIFIED || !two) {
      read = gTo;
      if (two) {
        fallbackGeneration = gFrom;
        fallback = Fallback.ON_FOREIGN_FORMAT;
      }
    } else {
      read = gFrom;
    }
    List<Integer> live = two ? List.of(gFrom, gTo) : List.of(gTo);
    List<Integer> written = two && writesBoth(phase) ? live : List.of(read);
    List<Integer> reads =
        fallbackGeneration < 0 ? List.of(read) : List.of(read, fallbackGeneration);

    Targets targets = Targets.of(spec, side);
    Map<Integer, Write> writes = new LinkedHashMap<>();
    List<String> holdBacks = new ArrayList<>();
    int peerGeneration = !two ? -1 : side.isNew() ? gFrom : gTo;
    for (int g : written) {
      boolean peerReads = two && peerReads(spec, side, peer, g, gFrom, gTo);
      // The new runtime writes only what the old one reads wherever it reads; the old runtime
      // writes its own format into its own generation (the new runtime is built to read it), and
      // into the new runtime's only what that one reads.
      int ownGeneration = side.isNew() ? gTo : gFrom;
      boolean constrained =
          two && (g == peerGeneration || (peerReads && (side.isNew() || g != ownGeneration)));
      Choice rolled;
      Choice others;
      boolean rolledHeld = false;
      boolean othersHeld = false;
      if (constrained) {
        Readable forRolled =
            readable(targets.rolled, targets.otherThan(targets.rolled), side, peer);
        Readable forOthers =
            readable(targets.others, targets.otherThan(targets.others), side, peer);
        rolled = forRolled.choice();
        others = forOthers.choice();
        // A generation only its owner reads, while the owner is gone, holds nothing back.
        boolean report = peerReads || peer.liveness() != CapabilityBoard.Liveness.GONE;
        rolledHeld = report && forRolled.heldBack() != null;
        othersHeld = report && forOthers.heldBack() != null;
        if (rolledHeld && spec.writer().percent() > 0) {
          holdBacks.add(reason(peerName, peer, g, targets.rolled, forRolled.heldBack()));
        }
        if (othersHeld && spec.writer().percent() < 100) {
          holdBacks.add(reason(peerName, peer, g, targets.others, forOthers.heldBack()));
        }
      } else {
        rolled = selfOnly(targets.rolled, side);
        others = selfOnly(targets.others, side);
      }
      writes.put(g, new Write(rolled, others, peerReads, rolledHeld, othersHeld));
    }
    return new RolloutPlan(
        phase,
        read,
        fallbackGeneration,
        fallback,
        side.isNew() && two && phase == Phase.SHADOW,
        live,
        reads,
        writes,
        holdBacks.stream().distinct().toList(),
        two ? peerName : null,
        two && peer.liveness() == CapabilityBoard.Liveness.LIVE);
  }

  /** The formats the writer spec wishes for rolled-out keys and for the others. */
  private record Targets(Named rolled, Named others, Named primary, @Nullable Named compatible) {
    static Targets of(KeyspaceSpec spec, Side side) {
      String wanted = spec.writer().codec() == null ? null : spec.writer().format();
      Named primary = side.primary();
      Named compatible = side.compatible();
      if (compatible != null && wanted != null && wanted.equals(compatible.label())) {
        return new Targets(compatible, primary, primary, compatible);
      }
      // The primary format is rolled out (also when the spec names neither format: the writer
      // check reports that), and the compatible one, if any, is written for the other keys.
      return new Targets(primary, compatible == null ? primary : compatible, primary, compatible);
    }

    @Nullable Named otherThan(Named format) {
      return format.equals(primary) ? compatible : primary;
    }
  }

  private static Choice choice(Named format, Side side) {
    return format.equals(side.primary()) ? Choice.PRIMARY : Choice.COMPATIBLE;
  }

  private static Choice selfOnly(Named format, Side side) {
    return format.equals(side.primary()) ? Choice.PRIMARY : Choice.COMPATIBLE_IF_EXACT;
  }

  /**
   * What a generation the peer reads gets: the choice, and what was done instead of the wished
   * format (null when the peer reads that one).
   */
  private record Readable(Choice choice, @Nullable String heldBack) {}

  /** The wished format if the peer reads it, else the other one, else none. */
  private static Readable readable(
      Named wish, @Nullable Named alternative, Side side, PeerState peer) {
    if (peerCanRead(wish, side, peer)) {
      return new Readable(choice(wish, side), null);
    }
    if (alternative != null && peerCanRead(alternative, side, peer)) {
      return new Readable(choice(alternative, side), "writing " + alternative.label() + " instead");
    }
    return new Readable(
        Choice.NONE, "nothing this runtime writes is readable there, so keys are invalidated");
  }

  /**
   * Whether the peer reads {@code format}: by its record when one was ever read; without one, the
   * new runtime counts only on its compatible format (that is what it is for), and the old runtime
   * on the new one reading the old formats (the new build is made to).
   */
  private static boolean peerCanRead(Named format, Side side, PeerState peer) {
    CapabilityBoard.Record record = peer.record();
    if (record != null) {
      return record.reads(format.format());
    }
    return side.isNew() ? format.equals(side.compatible()) : true;
  }

  /**
   * Whether the peer reads generation {@code g}: as its record says, or as its phase in this config
   * predicts (the union: a record may be one refresh old, and the config may have reached one
   * runtime first). A peer known to be gone reads nothing.
   */
  private static boolean peerReads(
      KeyspaceSpec spec, Side side, PeerState peer, int g, int gFrom, int gTo) {
    if (peer.liveness() == CapabilityBoard.Liveness.GONE) {
      return false;
    }
    CapabilityBoard.Record record = peer.record();
    if (record != null && record.generations().contains(g)) {
      return true;
    }
    Phase phase = spec.phase();
    if (side.isNew()) {
      // The old runtime reads its own generation, and in UNIFIED the new one first.
      return g == gFrom || (phase == Phase.UNIFIED && g == gTo);
    }
    // The new runtime reads its own generation, and the old one in the fallback phases.
    return g == gTo || (readsFallback(phase) && g == gFrom);
  }

  private static String reason(
      @Nullable String peerName, PeerState peer, int g, Named wish, String what) {
    CapabilityBoard.Record record = peer.record();
    String who = Objects.requireNonNullElse(peerName, "?");
    String blocked =
        record == null
            ? "the capability record of runtime '" + who + "' has not been read yet"
            : (peer.liveness() == CapabilityBoard.Liveness.LIVE ? "live runtime '" : "runtime '")
                + who
                + "' reads ["
                + record.formats()
                + "] but not "
                + wish.label()
                + " in generation g"
                + g;
    return blocked + "; " + what;
  }

  /** Whether the new runtime reads the old generation on a miss in this phase. */
  private static boolean readsFallback(Phase phase) {
    return phase == Phase.READ_FALLBACK || phase == Phase.DUAL_WRITE || phase == Phase.SHADOW;
  }

  /** Whether a write goes to both generations in this phase. */
  private static boolean writesBoth(Phase phase) {
    return phase == Phase.DUAL_WRITE || phase == Phase.SHADOW;
  }
}
