package dev.crossgrade.codec.jackson;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * RFC 8785, the JSON Canonicalization Scheme: one byte sequence for each JSON value, the same on
 * every JDK. Object members are sorted by the UTF-16 code units of their keys, numbers take
 * ECMAScript's shortest form (computed here, never by {@link Double#toString(double)}), strings are
 * escaped only where JSON requires it, and there is no whitespace.
 *
 * <p>Text that cannot be canonicalized (invalid JSON or UTF-8, a lone surrogate, a duplicate key, a
 * number beyond the range of a double) is rejected with a {@link CorruptPayloadException}, or a
 * {@link LimitExceededException} when it is over the {@link Limits}; the {@link
 * CorruptPayloadException#reason() reason} of either starts with the {@code line:column} of the
 * offending character, both counted from 1 (columns in code points), for example {@code 3:14:
 * duplicate key "id" at $.lines[0]}; a failure of the whole text, such as being over {@link
 * Limits#maxPayloadSize()}, is at {@code 1:1}. Number tokens longer than 1000 characters are over
 * the limit.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /**
   * The canonical form of JSON text, within {@link Limits#defaults()}.
   *
   * @throws CorruptPayloadException if the text cannot be canonicalized; the reason starts with
   *     {@code line:column}
   * @throws LimitExceededException if the text is over the default limits
   */
  public static String canonicalize(String json) {
    return canonicalize(json, Limits.defaults());
  }

  /**
   * The canonical form of JSON text, within {@code limits}.
   *
   * @throws CorruptPayloadException if the text cannot be canonicalized; the reason starts with
   *     {@code line:column}
   * @throws LimitExceededException if the text is over the limits
   */
  public static String canonicalize(String json, Limits limits) {
    rejectLoneSurrogates(json);
    byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
    return new String(canonicalize(utf8, 0, utf8.length, limits), StandardCharsets.UTF_8);
  }

  /**
   * The canonical form of UTF-8 JSON text, within {@link Limits#defaults()}.
   *
   * @throws CorruptPayloadException if the text cannot be canonicalized; the reason starts with
   *     {@code line:column}
   * @throws LimitExceededException if the text is over the default limits
   */
  public static byte[] canonicalize(byte[] utf8Json) {
    return canonicalize(utf8Json, 0, utf8Json.length, Limits.defaults());
  }

  /**
   * The canonical form of the UTF-8 JSON text in {@code utf8Json[offset, offset + length)}, within
   * {@code limits}; the result is also bounded by {@link Limits#maxPayloadSize()}.
   *
   * @throws CorruptPayloadException if the text cannot be canonicalized; the reason starts with
   *     {@code line:column}
   * @throws LimitExceededException if the text or its canonical form is over the limits
   */
  public static byte[] canonicalize(byte[] utf8Json, int offset, int length, Limits limits) {
    return TextCanonicalizer.canonicalize(utf8Json, offset, length, limits);
  }

  /**
   * The canonical UTF-8 form of a value of the generic model (see {@link
   * dev.crossgrade.codec.CodecProvider}), within {@link Limits#defaults()}. {@link Integer}, {@link
   * Short}, {@link Byte} and {@link Float} are accepted too; maps may be of any kind, their keys
   * are sorted.
   *
   * @throws UnencodableValueException if the value has NaN, an infinity, a lone surrogate, a
   *     non-string key, a type outside the model, or an integer that a double cannot hold exactly
   * @throws LimitExceededException if the value is over the default limits
   */
  public static byte[] write(@Nullable Object value) {
    return write(value, Limits.defaults());
  }

  /**
   * The canonical UTF-8 form of a value of the generic model, within {@code limits}.
   *
   * @throws UnencodableValueException if the value cannot be written exactly; see {@link
   *     #write(Object)}
   * @throws LimitExceededException if the value is over the limits
   */
  public static byte[] write(@Nullable Object value, Limits limits) {
    PayloadBuffer out = new PayloadBuffer(256, limits.maxPayloadSize());
    CanonicalWriter.write(value, out, limits);
    return out.toByteArray();
  }

  /**
   * A double as RFC 8785 writes it, which is ECMAScript's {@code Number.prototype.toString}: for
   * example {@code 1e+21}, {@code 0.000001}, {@code 1e-7}, {@code 2e+23}, and {@code 0} for {@code
   * -0.0}.
   *
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public static String formatNumber(double value) {
    return EcmaScriptNumbers.format(value);
  }

  /**
   * The codec for canonical JSON ({@link dev.crossgrade.codec.WellKnownCodecs#CANONICAL_JSON}) over
   * the generic model. It writes the canonical form and reads any JSON that can be canonicalized;
   * integer tokens come back as {@link Long} (or {@link java.math.BigInteger}), so a {@link Double}
   * with an integral value is read back as a {@link Long}.
   */
  public static Codec<Object> codec() {
    return CanonicalJsonCodec.INSTANCE;
  }

  private static void rejectLoneSurrogates(String json) {
    int line = 1;
    int column = 1;
    int length = json.length();
    for (int i = 0; i < length; i++) {
      char c = json.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(json.charAt(i + 1))) {
        i++;
        column++;
      } else if (Character.isSurrogate(c)) {
        throw new CorruptPayloadException(
            String.format(
                Locale.ROOT,
                "%d:%d: lone surrogate U+%04X in the text; RFC 8785 requires well-formed Unicode",
                line,
                column,
                (int) c));
      } else if (c == '\n' || (c == '\r' && (i + 1 == length || json.charAt(i + 1) != '\n'))) {
        line++;
        column = 1;
      } else if (c != '\r') {
        column++;
      }
    }
  }
}
