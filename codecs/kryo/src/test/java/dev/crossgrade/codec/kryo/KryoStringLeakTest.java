package dev.crossgrade.codec.kryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Kryo string whose UTF-8 has a byte that starts no char is corrupt. Regression (found by
 * fuzzing): Kryo's decoder skips such a byte without writing the char, which was then whatever an
 * earlier string on the same thread had left in the reused char buffer, so one cache entry's text
 * showed up in another entry's value.
 */
class KryoStringLeakTest {
  private static final String SECRET = "secret-\u00e9-of-another-entry";

  private static byte[] encode(Codec<Object> codec, Object value) {
    PayloadBuffer out = new PayloadBuffer(64, 1 << 20);
    codec.encode(value, out, Limits.defaults());
    return out.toByteArray();
  }

  /** A generic String body claiming {@code chars} chars, each the byte {@code lead}. */
  private static byte[] stringOf(int classIdPlus2, int chars, int lead) {
    byte[] body = new byte[2 + chars];
    body[0] = (byte) classIdPlus2;
    body[1] = (byte) (0x80 | (chars + 1)); // UTF-8 form, char count + 1, no continuation
    Arrays.fill(body, 2, body.length, (byte) lead);
    return body;
  }

  @Test
  void aByteThatStartsNoCharIsCorrupt_andShowsNoEarlierString() {
    for (Codec<Object> codec : List.of(Kryo5Codec.generic(), Kryo4Codec.generic())) {
      int stringId =
          (codec.descriptor().equals(Kryo5Codec.generic().descriptor())
                  ? Kryo5Binding.GENERIC_BASE
                  : Kryo4Binding.GENERIC_BASE)
              + GenericValues.STRING
              + 2;
      byte[] secret = encode(codec, SECRET);
      for (int lead : new int[] {0x80, 0xBF, 0xF0, 0xFF}) {
        assertThat(codec.decode(secret, 0, secret.length, Limits.defaults())).isEqualTo(SECRET);
        byte[] hostile = stringOf(stringId, SECRET.length(), lead);
        assertThatThrownBy(() -> codec.decode(hostile, 0, hostile.length, Limits.defaults()))
            .as("%s, lead byte %02x", codec, lead)
            .isInstanceOf(CorruptPayloadException.class)
            .hasMessageContaining("starts no UTF-8 char");
      }
    }
  }

  @Test
  void validMultiByteStringsStillRead() {
    for (Codec<Object> codec : List.of(Kryo5Codec.generic(), Kryo4Codec.generic())) {
      for (String text :
          List.of("\u00e9", "\u20ac\u00e9x", "\ud83d\ude00 z\u00f6e", "a".repeat(70) + "\u00e9")) {
        byte[] body = encode(codec, text);
        assertThat(codec.decode(body, 0, body.length, Limits.defaults())).isEqualTo(text);
      }
    }
  }
}
