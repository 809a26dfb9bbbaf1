package dev.crossgrade.router.internal.cache;

import org.jspecify.annotations.Nullable;

/**
 * One generation's entry as a read found it: what was there, and the value if it is to be served.
 *
 * @param kind what was there
 * @param value the value, for a hit
 * @param bytes the stored bytes, for a hit (a back-fill compares them)
 * @param <V> the value type
 */
public record Read<V>(Read.Kind kind, @Nullable V value, byte @Nullable [] bytes) {
  /** What a generation held. */
  enum Kind {
    HIT,
    MISS,
    /** Another process's lease or placeholder: a miss. */
    LEASED,
    /** A decode failure: damage, or a format this runtime should read but cannot. */
    UNREADABLE,
    /** Readable, but not to be served: an upcaster could not derive a field, or proved lossy. */
    UNUSABLE,
    /** A format this runtime does not read where that is expected (the old runtime in UNIFIED). */
    FOREIGN,
    /** No answer in time, or an error. */
    FAILED
  }

  private static final Read<?> MISS = new Read<>(Kind.MISS, null, null);
  private static final Read<?> LEASED = new Read<>(Kind.LEASED, null, null);
  private static final Read<?> UNREADABLE = new Read<>(Kind.UNREADABLE, null, null);
  private static final Read<?> UNUSABLE = new Read<>(Kind.UNUSABLE, null, null);
  private static final Read<?> FOREIGN = new Read<>(Kind.FOREIGN, null, null);
  private static final Read<?> FAILED = new Read<>(Kind.FAILED, null, null);

  /** The shared read of {@code kind}, which holds no value. */
  @SuppressWarnings("unchecked") // The shared reads hold no value.
  static <V> Read<V> of(Kind kind) {
    return (Read<V>)
        switch (kind) {
          case MISS -> MISS;
          case LEASED -> LEASED;
          case UNREADABLE -> UNREADABLE;
          case UNUSABLE -> UNUSABLE;
          case FOREIGN -> FOREIGN;
          case FAILED -> FAILED;
          case HIT -> throw new IllegalArgumentException("a hit holds a value");
        };
  }

  static <V> Read<V> hit(V value, byte[] bytes) {
    return new Read<>(Kind.HIT, value, bytes);
  }

  boolean hit() {
    return kind == Kind.HIT;
  }

  /** Whether a fill may replace what is there (a miss and a lease are added to instead). */
  boolean replaceable() {
    return kind == Kind.UNREADABLE || kind == Kind.UNUSABLE;
  }
}
