package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The limits of the payload that one Kryo instance is reading or writing, and the checks the
 * bounded inputs and serializers make against them. Confined to the thread that holds the Kryo
 * instance.
 *
 * <p>Checks name the place as {@link #PATH}; {@link KryoFailures} replaces it with the path Kryo's
 * serialization trace gives, once the failure reaches the codec.
 */
final class Bounds {
  /** Stands for the path of the failing value until the codec knows it. */
  static final String PATH = "<path>";

  /** What a bounded input or output holds once it has let go of the caller's array. */
  static final byte[] NO_BYTES = new byte[0];

  private Limits limits = Limits.defaults();
  private long bodyLength;

  void begin(Limits limits, long bodyLength) {
    this.limits = limits;
    this.bodyLength = bodyLength;
  }

  Limits limits() {
    return limits;
  }

  /** Throws if a container at Kryo depth {@code depth} (1 for the top-level value) is too deep. */
  void checkDepth(int depth) {
    limits.checkDepth(depth, PATH);
  }

  /** Throws if a collection, map or array about to be written is over the limit. */
  void checkWrittenSize(int size) {
    limits.checkCollectionSize(size, PATH);
  }

  /** Throws if an array of objects about to be written is over the limit; null passes. */
  void checkWrittenArray(Object @Nullable [] array) {
    if (array != null) {
      checkWrittenSize(array.length);
    }
  }

  /** Throws if a string or byte array about to be written is over the limit. */
  void checkWrittenLength(int length) {
    limits.checkStringLength(length, PATH);
  }

  /** Throws if a string about to be written is over the limit; null passes. */
  void checkWrittenText(@Nullable CharSequence value) {
    if (value != null) {
      checkWrittenLength(value.length());
    }
  }

  /**
   * Checks the length header of the string {@code input} is about to read before Kryo allocates for
   * it, refuses chars Kryo would skip, and clears the {@code chars} Kryo decodes into, so that a
   * skipped char cannot show one of an earlier string.
   */
  void checkStringHeader(BoundedSource input, char[] chars) {
    long claimed = BoundedSource.peekStringLength(input);
    if (claimed != -1) {
      checkClaimedLength(input, claimed);
      BoundedSource.checkUtf8Leads(input, claimed);
      Arrays.fill(chars, 0, (int) Math.min(chars.length, claimed), '\0');
    }
  }

  /**
   * Returns a string just read after checking its length, for ASCII strings, which carry no length
   * header to check before.
   */
  @Nullable String checkReadString(@Nullable String value) {
    if (value != null) {
      limits.checkStringLength(value.length(), PATH);
    }
    return value;
  }

  /** Checks the length header of an array: 0 for null, otherwise the length plus one. */
  void checkArrayHeader(BoundedSource input) {
    int header = BoundedSource.peekVarInt(input);
    if (header != 0) {
      checkClaimedElements(input, header - 1L, 1);
    }
  }

  /** The most bytes that can remain to be read from {@code input}. */
  long remaining(Object input) {
    return input instanceof BoundedSource source ? source.remainingUpperBound() : bodyLength;
  }

  /**
   * Checks a claimed element count before anything is allocated for it: within the collection limit
   * and, at {@code minBytesPerElement} bytes each, within the bytes that remain.
   */
  void checkClaimedElements(Object input, long claimed, int minBytesPerElement) {
    if (claimed < 0) {
      throw negative(claimed);
    }
    limits.checkClaimedElements(claimed, remaining(input), minBytesPerElement, PATH);
  }

  /** Checks a claimed string or byte-array length before anything is allocated for it. */
  void checkClaimedLength(Object input, long claimed) {
    if (claimed < 0) {
      throw negative(claimed);
    }
    limits.checkClaimedBytes(claimed, remaining(input), PATH);
  }

  /**
   * Checks a claimed collection size and returns a capacity to allocate for it that the remaining
   * bytes justify, for collections whose elements may take no bytes at all (such as nulls).
   */
  int capacityFor(Object input, int claimed) {
    checkClaimedElements(input, claimed, 0);
    return (int) Math.min(claimed, remaining(input));
  }

  private static CorruptPayloadException negative(long claimed) {
    return new CorruptPayloadException(
        "length header at " + PATH + " is negative (" + claimed + "): malformed body");
  }
}
