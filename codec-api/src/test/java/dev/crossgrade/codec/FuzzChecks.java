package dev.crossgrade.codec;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The checks every codec's Jazzer fuzz target makes on one input: decoding yields a value or a
 * {@link PayloadException}, nothing else (an uncaught throwable is a finding); the same body read
 * at an offset inside a larger array gives the same outcome; and a value that was read can be
 * written again, read back, and written to the same bytes (what a codec writes, it reads). Each
 * input is decoded under {@link Limits#defaults()} and under {@link #TIGHT} limits, so that the
 * fuzzer reaches the limit checks with short inputs.
 */
public final class FuzzChecks {
  /** Small limits that short fuzzer inputs can exceed. */
  public static final Limits TIGHT =
      Limits.newBuilder()
          .maxPayloadSize(64 * 1024)
          .maxDepth(12)
          .maxStringLength(512)
          .maxCollectionSize(128)
          .build();

  private static final List<Limits> BOTH = List.of(Limits.defaults(), TIGHT);

  private FuzzChecks() {}

  /** Decodes {@code body} with {@code codec} and checks the outcome, under both limits. */
  public static <T> void decode(Codec<T> codec, byte[] body) {
    decode(codec, body, null);
  }

  /**
   * Like {@link #decode(Codec, byte[])}, for formats whose bytes for one value may differ (a Thrift
   * set or map is written in the iteration order of the hash set it was read into): the value read
   * back must be {@code sameValue} as the value read, instead of written to the same bytes.
   */
  public static <T> void decode(
      Codec<T> codec, byte[] body, @Nullable BiPredicate<? super T, ? super T> sameValue) {
    for (Limits limits : BOTH) {
      Object atZero = outcome(codec, body, 0, body.length, limits, sameValue);
      byte[] shifted = new byte[body.length + 3];
      System.arraycopy(body, 0, shifted, 2, body.length);
      shifted[0] = (byte) 0xC1;
      shifted[shifted.length - 1] = (byte) 0xFF;
      Object atOffset = outcome(codec, shifted, 2, body.length, limits, sameValue);
      if (!sameOutcome(atZero, atOffset)) {
        throw new AssertionError(
            "decoding at offset 2 gave "
                + atOffset
                + " but at offset 0 gave "
                + atZero
                + " for "
                + hex(body));
      }
    }
  }

  /**
   * Decodes {@code body} and, when it reads, writes the value again: the written bytes must read
   * back and write to the same bytes. Returns the written bytes, a {@link PayloadException} or the
   * kind of the failure, for comparisons.
   */
  private static <T> Object outcome(
      Codec<T> codec,
      byte[] bytes,
      int offset,
      int length,
      Limits limits,
      @Nullable BiPredicate<? super T, ? super T> sameValue) {
    T value;
    try {
      value = codec.decode(bytes, offset, length, limits);
    } catch (PayloadException e) {
      requireReason(e);
      return e.kind();
    }
    byte[] first;
    try {
      first = encode(codec, value, limits);
    } catch (PayloadException e) {
      requireReason(e);
      return "unencodable " + e.kind();
    }
    T again;
    try {
      again = codec.decode(first, 0, first.length, limits);
    } catch (PayloadException e) {
      throw new AssertionError(
          "the codec wrote "
              + hex(first)
              + " for the value "
              + value
              + " it read, and cannot read that back: "
              + e,
          e);
    }
    byte[] second = encode(codec, again, limits);
    if (sameValue != null) {
      if (!sameValue.test(value, again)) {
        throw new AssertionError(
            "the value " + value + " was written as " + hex(first) + " and read back as " + again);
      }
    } else if (!Arrays.equals(first, second)) {
      throw new AssertionError(
          "writing the value read back gave "
              + hex(second)
              + ", not the "
              + hex(first)
              + " written before (value "
              + value
              + ", read back as "
              + again
              + ")");
    }
    return new Written(first);
  }

  private static <T> byte[] encode(Codec<T> codec, T value, Limits limits) {
    PayloadBuffer out = new PayloadBuffer(64, limits.maxPayloadSize());
    codec.encode(value, out, limits);
    return out.toByteArray();
  }

  private static void requireReason(PayloadException e) {
    if (e.getMessage() == null || e.getMessage().isBlank() || e.kind() == null) {
      throw new AssertionError("a PayloadException without a reason: " + e, e);
    }
  }

  private static boolean sameOutcome(Object a, Object b) {
    if (a instanceof Written x && b instanceof Written y) {
      return Arrays.equals(x.bytes(), y.bytes());
    }
    return Objects.equals(a, b);
  }

  /** At most the first 512 bytes, in hex. */
  public static String hex(byte[] bytes) {
    String text = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 512));
    return bytes.length > 512 ? text + "... (" + bytes.length + " bytes)" : text;
  }

  private record Written(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Written w && Arrays.equals(bytes, w.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "value written as " + hex(bytes);
    }
  }
}
