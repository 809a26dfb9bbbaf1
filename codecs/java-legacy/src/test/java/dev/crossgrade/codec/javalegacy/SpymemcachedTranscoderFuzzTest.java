package dev.crossgrade.codec.javalegacy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crossgrade.codec.FuzzChecks;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Coverage-guided fuzzing of the reader of spymemcached's transcoder format. An input is the
 * entry's memcached flags (4 bytes, big-endian) followed by its bytes; any input gives a value or a
 * codec-api exception, an equal one at any offset, under default and tight limits; the registry's
 * legacy path (flags assumed serialized) reads the same bytes alike. The normal test run replays
 * the committed corpus under {@code SpymemcachedTranscoderFuzzTestInputs/}; {@code scripts/fuzz 5m
 * SpymemcachedTranscoderFuzzTest} fuzzes for real.
 */
class SpymemcachedTranscoderFuzzTest {
  static final SpymemcachedTranscoderReader READER =
      SpymemcachedTranscoderReader.newBuilder().objects(Values.reader()).build();

  /** The flags of an input: its first 4 bytes, big-endian. */
  static int flags(byte[] input) {
    return (input[0] & 0xFF) << 24
        | (input[1] & 0xFF) << 16
        | (input[2] & 0xFF) << 8
        | input[3] & 0xFF;
  }

  @FuzzTest(maxDuration = "10s")
  void spymemcachedReaderThrowsOnlyTypedExceptions(byte[] input) {
    if (input.length < 4) {
      return;
    }
    int flags = flags(input);
    int length = input.length - 4;
    for (Limits limits : new Limits[] {Limits.defaults(), FuzzChecks.TIGHT}) {
      Object atFour = outcome(input, 4, length, flags, limits);
      byte[] shifted = new byte[input.length + 7];
      System.arraycopy(input, 0, shifted, 5, input.length);
      Object atNine = outcome(shifted, 9, length, flags, limits);
      if (!Objects.deepEquals(atFour, atNine)) {
        throw new AssertionError(atFour + " at offset 4 but " + atNine + " at offset 9");
      }
    }
    byte[] body = Arrays.copyOfRange(input, 4, input.length);
    try {
      READER
          .legacyReader(SpymemcachedTranscoderReader.SERIALIZED, Object.class)
          .read(body, 0, body.length, Limits.defaults());
    } catch (PayloadException expected) {
      // typed: fine
    }
  }

  private static Object outcome(byte[] data, int offset, int length, int flags, Limits limits) {
    try {
      Object value = READER.read(data, offset, length, flags, limits);
      // Compared as their serial form: values may nest arrays, which equals does not look into.
      return value instanceof java.io.Serializable ? Streams.serialize(value) : value;
    } catch (PayloadException e) {
      if (e.getMessage() == null || e.getMessage().isBlank()) {
        throw new AssertionError("a PayloadException without a reason", e);
      }
      return e.kind();
    }
  }
}
