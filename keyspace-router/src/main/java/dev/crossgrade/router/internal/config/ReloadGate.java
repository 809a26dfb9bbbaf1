package dev.crossgrade.router.internal.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Decides when a watched file's new content may be applied: only once it has stood still for the
 * settle time, so that a file rewritten in place (an editor, {@code echo > file}, a writer that
 * pauses half-way) is never applied half-written. Content is settled when its last-modified time,
 * unchanged while it was read, lies at least the settle time in the past, or when the same content
 * and modification time were already seen at least the settle time ago (which also covers a clock
 * that is off, and file systems that keep whole seconds only). Content that was applied or rejected
 * once is not looked at again until it changes.
 *
 * <p>A pure state machine: time comes in with each observation. Not thread-safe; one poller owns
 * it.
 */
public final class ReloadGate {
  /** What to do with an observed content. */
  public enum Verdict {
    /** Nothing new: the content was handled before. */
    UNCHANGED,
    /** New, but not settled yet: look again after {@link Decision#lookAgainIn()}. */
    WAIT,
    /** New and settled: validate it and apply it if it is valid. */
    APPLY
  }

  /**
   * A verdict, and when to look again for {@link Verdict#WAIT}.
   *
   * @param verdict what to do
   * @param lookAgainIn after how long the content may be settled; zero unless waiting
   */
  public record Decision(Verdict verdict, Duration lookAgainIn) {}

  private final Duration settle;
  private byte @Nullable [] handled;
  private byte @Nullable [] candidate;
  private @Nullable Instant candidateModified;
  private long candidateSince;

  /** A gate that wants content to stand still for {@code settle} before it is applied. */
  public ReloadGate(Duration settle, byte @Nullable [] handled) {
    if (settle.isNegative()) {
      throw new IllegalArgumentException("settle time cannot be negative: " + settle);
    }
    this.settle = settle;
    this.handled = handled;
  }

  /**
   * Judges one read of the file.
   *
   * @param content the whole file, unchanged while it was read
   * @param modified its last-modified time
   * @param now the wall-clock time of the read, to compare with {@code modified}
   * @param nanoTime a monotonic time of the read ({@link System#nanoTime()})
   */
  public Decision offer(byte[] content, Instant modified, Instant now, long nanoTime) {
    if (Arrays.equals(content, handled)) {
      candidate = null;
      return new Decision(Verdict.UNCHANGED, Duration.ZERO);
    }
    if (!Arrays.equals(content, candidate) || !modified.equals(candidateModified)) {
      candidate = content;
      candidateModified = modified;
      candidateSince = nanoTime;
    }
    // A time in whole seconds comes from a file system that keeps seconds only (or coarser): the
    // last write may be up to a second or two later than it says, so only the second look counts.
    Duration untouched =
        modified.getNano() == 0 ? Duration.ofSeconds(-1) : Duration.between(modified, now);
    Duration seen = Duration.ofNanos(nanoTime - candidateSince);
    if (untouched.compareTo(settle) >= 0 || seen.compareTo(settle) >= 0) {
      handled(content);
      return new Decision(Verdict.APPLY, Duration.ZERO);
    }
    Duration bySeen = settle.minus(seen);
    Duration byModified = untouched.isNegative() ? bySeen : settle.minus(untouched);
    return new Decision(Verdict.WAIT, byModified.compareTo(bySeen) < 0 ? byModified : bySeen);
  }

  /** Records that {@code content} was applied or rejected, so it is not judged again. */
  public void handled(byte[] content) {
    handled = content;
    candidate = null;
    candidateModified = null;
  }

  /** Forgets what was handled: after a missing or unreadable file, the next content is new. */
  public void forget() {
    handled = null;
    candidate = null;
    candidateModified = null;
  }
}
