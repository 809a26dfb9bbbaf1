package dev.crossgrade.codec.javalegacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadException;
import java.util.Arrays;
import java.util.Objects;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The readers' streams fed one byte a read, as a slow stream would deliver them: every value, every
 * gzip body and every damaged stream comes out exactly as when the stream hands out all it has.
 */
class OneByteAtATimeTest {
  private static final JavaSerializationReader<Object> READER = Values.reader();

  @Provide
  Arbitrary<Object> values() {
    return Values.values();
  }

  @Property(tries = 200)
  void aValueReadOneByteAtATime_isTheValueReadWhole(@ForAll("values") Object value) {
    byte[] stream = Streams.serialize(value);

    Object whole = READER.read(stream, 0, stream.length, Limits.defaults());
    Object oneByte = READER.read(stream, 0, stream.length, Limits.defaults(), 1);

    assertThat(Objects.deepEquals(whole, oneByte))
        .as("%s, one byte a read: %s", whole, oneByte)
        .isTrue();
    assertThat(Objects.deepEquals(value, oneByte)).isTrue();
  }

  @Property(tries = 200)
  void aDamagedStreamReadOneByteAtATime_failsAsWhenReadWhole(
      @ForAll("values") Object value, @ForAll int seed) {
    byte[] stream = Streams.serialize(value);
    byte[] damaged = stream.clone();
    int at = Math.floorMod(seed, damaged.length);
    damaged[at] ^= (byte) (1 << Math.floorMod(seed >> 8, 8));
    byte[] cut = Arrays.copyOf(damaged, Math.max(1, Math.floorMod(seed >> 12, damaged.length)));

    for (byte[] bad : new byte[][] {damaged, cut}) {
      assertThat(outcome(bad, 1)).as("one byte a read").isEqualTo(outcome(bad, ChunkedInput.WHOLE));
    }
  }

  @Property(tries = 200)
  void aGzipBodyInflatedOneByteAtATime_isTheBody(@ForAll byte[] body) {
    byte[] gzip = Streams.gzip(body);

    assertThat(BoundedGunzip.inflate(gzip, 0, gzip.length, 1 << 20, "limit", 1)).isEqualTo(body);
    byte[] truncated = Arrays.copyOf(gzip, gzip.length - 1);
    assertThatThrownBy(
            () -> BoundedGunzip.inflate(truncated, 0, truncated.length, 1 << 20, "limit", 1))
        .isInstanceOf(CorruptPayloadException.class);
  }

  /**
   * What reading {@code stream} gives: the value serialized again (a damaged stream may still hold
   * a valid value, such as one with a field turned null, whose equals may not expect it), or the
   * type of the failure.
   */
  private static String outcome(byte[] stream, int chunk) {
    try {
      Object value = READER.read(stream, 0, stream.length, Limits.defaults(), chunk);
      return "value " + Streams.hex(Streams.serialize(value));
    } catch (PayloadException e) {
      return e.getClass().getName();
    }
  }
}
