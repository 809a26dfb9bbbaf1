package dev.crossgrade.codec;

import java.util.Locale;

/**
 * Bounds that every codec enforces on every payload it reads or writes, so that hostile or corrupt
 * bytes fail fast instead of exhausting memory or the stack. Immutable; build with {@link
 * #newBuilder()} or take {@link #defaults()}.
 */
public final class Limits {
  /** 1 MiB: memcached's default maximum item size. */
  public static final long DEFAULT_MAX_PAYLOAD_SIZE = 1L << 20;

  /** Default nesting depth of arrays, maps and objects. */
  public static final int DEFAULT_MAX_DEPTH = 100;

  /** Default longest string, in characters or bytes as the codec counts them. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 1 << 20;

  /** Default largest collection, array or map. */
  public static final int DEFAULT_MAX_COLLECTION_SIZE = 1_000_000;

  private static final Limits DEFAULTS = newBuilder().build();

  private final long maxPayloadSize;
  private final int maxDepth;
  private final int maxStringLength;
  private final int maxCollectionSize;

  private Limits(Builder builder) {
    this.maxPayloadSize = builder.maxPayloadSize;
    this.maxDepth = builder.maxDepth;
    this.maxStringLength = builder.maxStringLength;
    this.maxCollectionSize = builder.maxCollectionSize;
  }

  /** The default limits: 1 MiB payloads, depth 100, 1 Mi characters per string, 1 M elements. */
  public static Limits defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The largest payload, in bytes, that may be written or read, compressed or not. */
  public long maxPayloadSize() {
    return maxPayloadSize;
  }

  /** The deepest nesting of containers a value may have. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The longest string a value may contain. */
  public int maxStringLength() {
    return maxStringLength;
  }

  /** The most elements (or entries) one collection, array or map may hold. */
  public int maxCollectionSize() {
    return maxCollectionSize;
  }

  /** Throws {@link LimitExceededException} if a payload of {@code bytes} is over the limit. */
  public void checkPayloadSize(long bytes) {
    if (bytes > maxPayloadSize) {
      throw new LimitExceededException(
          "payload is "
              + formatBytes(bytes)
              + ", over the limit of "
              + formatBytes(maxPayloadSize)
              + " (Limits.maxPayloadSize)");
    }
  }

  /** Throws {@link LimitExceededException} if nesting {@code depth} is over the limit. */
  public void checkDepth(int depth, String path) {
    if (depth > maxDepth) {
      throw new LimitExceededException(
          "value is nested "
              + depth
              + " deep at "
              + path
              + ", over the limit of "
              + maxDepth
              + " (Limits.maxDepth)");
    }
  }

  /** Throws {@link LimitExceededException} if a string of {@code length} is over the limit. */
  public void checkStringLength(long length, String path) {
    if (length < 0 || length > maxStringLength) {
      throw new LimitExceededException(
          "string of length "
              + length
              + " at "
              + path
              + " is over the limit of "
              + maxStringLength
              + " (Limits.maxStringLength)");
    }
  }

  /** Throws {@link LimitExceededException} if a collection of {@code size} is over the limit. */
  public void checkCollectionSize(long size, String path) {
    if (size < 0 || size > maxCollectionSize) {
      throw new LimitExceededException(
          "collection of "
              + size
              + " elements at "
              + path
              + " is over the limit of "
              + maxCollectionSize
              + " (Limits.maxCollectionSize)");
    }
  }

  /**
   * Checks a length header read from a payload before anything is allocated for it: the claim must
   * be within the collection limit, and the bytes that remain must be able to hold that many
   * elements of at least {@code minBytesPerElement} bytes each.
   *
   * @throws LimitExceededException if the claim is over {@link #maxCollectionSize()}
   * @throws CorruptPayloadException if fewer bytes remain than the claim needs
   */
  public void checkClaimedElements(
      long claimed, long remainingBytes, int minBytesPerElement, String path) {
    checkCollectionSize(claimed, path);
    if (minBytesPerElement > 0 && claimed > remainingBytes / minBytesPerElement) {
      throw new CorruptPayloadException(
          "collection at "
              + path
              + " claims "
              + claimed
              + " elements but only "
              + remainingBytes
              + " bytes remain (truncated or malformed length header)");
    }
  }

  /**
   * Checks a string or byte-array length header read from a payload before anything is allocated.
   *
   * @throws LimitExceededException if the claim is over {@link #maxStringLength()}
   * @throws CorruptPayloadException if fewer bytes remain than the claim
   */
  public void checkClaimedBytes(long claimed, long remainingBytes, String path) {
    checkStringLength(claimed, path);
    if (claimed > remainingBytes) {
      throw new CorruptPayloadException(
          "value at "
              + path
              + " claims "
              + claimed
              + " bytes but only "
              + remainingBytes
              + " remain (truncated or malformed length header)");
    }
  }

  static String formatBytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    if (bytes < 1L << 20) {
      return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0).replace(".0 ", " ");
    }
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20)).replace(".0 ", " ");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Limits other
        && maxPayloadSize == other.maxPayloadSize
        && maxDepth == other.maxDepth
        && maxStringLength == other.maxStringLength
        && maxCollectionSize == other.maxCollectionSize;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(maxPayloadSize) * 31 * 31 * 31
        + maxDepth * 31 * 31
        + maxStringLength * 31
        + maxCollectionSize;
  }

  @Override
  public String toString() {
    return "Limits{maxPayloadSize="
        + formatBytes(maxPayloadSize)
        + ", maxDepth="
        + maxDepth
        + ", maxStringLength="
        + maxStringLength
        + ", maxCollectionSize="
        + maxCollectionSize
        + "}";
  }

  /** Builds {@link Limits}; each setting may be set once. */
  public static final class Builder {
    private long maxPayloadSize = DEFAULT_MAX_PAYLOAD_SIZE;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;
    private int maxCollectionSize = DEFAULT_MAX_COLLECTION_SIZE;
    private int set;

    private Builder() {}

    private void once(int bit, String name) {
      if ((set & bit) != 0) {
        throw new IllegalStateException(name + " was already set");
      }
      set |= bit;
    }

    /** The largest payload in bytes, 16 to 2^31 - 1. */
    public Builder maxPayloadSize(long bytes) {
      once(1, "maxPayloadSize");
      if (bytes < 16 || bytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "maxPayloadSize must be 16 to 2^31 - 1 bytes, was " + bytes);
      }
      this.maxPayloadSize = bytes;
      return this;
    }

    /** The deepest nesting, 1 to 10,000. */
    public Builder maxDepth(int depth) {
      once(2, "maxDepth");
      if (depth < 1 || depth > 10_000) {
        throw new IllegalArgumentException("maxDepth must be 1 to 10000, was " + depth);
      }
      this.maxDepth = depth;
      return this;
    }

    /** The longest string, 0 or more. */
    public Builder maxStringLength(int length) {
      once(4, "maxStringLength");
      if (length < 0) {
        throw new IllegalArgumentException("maxStringLength cannot be negative: " + length);
      }
      this.maxStringLength = length;
      return this;
    }

    /** The largest collection, 0 or more. */
    public Builder maxCollectionSize(int size) {
      once(8, "maxCollectionSize");
      if (size < 0) {
        throw new IllegalArgumentException("maxCollectionSize cannot be negative: " + size);
      }
      this.maxCollectionSize = size;
      return this;
    }

    /** Returns the limits. */
    public Limits build() {
      return new Limits(this);
    }
  }
}
