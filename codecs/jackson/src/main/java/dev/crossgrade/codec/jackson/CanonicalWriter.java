package dev.crossgrade.codec.jackson;

import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.jackson.GenericTraversal.Rejected;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes a generic-model value as RFC 8785 canonical JSON in UTF-8: no whitespace, object members
 * sorted by the UTF-16 code units of their keys, numbers in ECMAScript's shortest form, strings
 * escaped only where JSON requires it (RFC 8785, section 3.2.2.2).
 *
 * <p>A value is written only if it survives a round trip exactly: NaN, infinities, strings with a
 * lone surrogate and integers whose canonical form would denote another number (canonical JSON
 * numbers are IEEE 754 doubles, so 2^53 + 1 would become 9007199254740992) are rejected.
 */
final class CanonicalWriter implements GenericTraversal.Sink {
  private static final long MAX_EXACT_INTEGER = 1L << 53;
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final PayloadBuffer out;
  private boolean needsComma;

  private CanonicalWriter(PayloadBuffer out) {
    this.out = out;
  }

  /** Writes {@code value} canonically at the end of {@code out}. */
  static void write(@Nullable Object value, PayloadBuffer out, Limits limits) {
    GenericTraversal.walk(value, limits, true, new CanonicalWriter(out));
  }

  private void separate() {
    if (needsComma) {
      out.write(',');
    }
  }

  @Override
  public void nullValue() {
    separate();
    ascii("null");
    needsComma = true;
  }

  @Override
  public void bool(boolean value) {
    separate();
    ascii(value ? "true" : "false");
    needsComma = true;
  }

  @Override
  public void string(String value) {
    separate();
    quoted(value);
    needsComma = true;
  }

  @Override
  public void integer(long value) {
    separate();
    if (-MAX_EXACT_INTEGER <= value && value <= MAX_EXACT_INTEGER) {
      ascii(Long.toString(value));
    } else {
      ascii(exactForm(BigDecimal.valueOf(value), value));
    }
    needsComma = true;
  }

  @Override
  public void bigInteger(BigInteger value) {
    separate();
    double asDouble = value.doubleValue();
    if (Double.isInfinite(asDouble)) {
      throw new Rejected("integer " + value + " is beyond the range of an IEEE 754 double");
    }
    ascii(exactForm(new BigDecimal(value), asDouble));
    needsComma = true;
  }

  /**
   * The canonical form of an integer, if it is exact both ways: the integer is a double, so a
   * reader that reads numbers as doubles gets it, and the canonical text denotes it, so a reader
   * that reads integers exactly gets it too (2^62 is a double, but is written 4611686018427388000).
   */
  private static String exactForm(BigDecimal value, double asDouble) {
    String canonical = EcmaScriptNumbers.format(asDouble);
    if (new BigDecimal(asDouble).compareTo(value) != 0
        || new BigDecimal(canonical).compareTo(value) != 0) {
      throw new Rejected(inexact(value.toPlainString(), canonical));
    }
    return canonical;
  }

  private static String inexact(String value, String canonical) {
    return """
        integer %s has no exact RFC 8785 form (numbers are IEEE 754 doubles: it would be \
        written as %s); write it as a string"""
        .formatted(value, canonical);
  }

  @Override
  public void floating(double value) {
    separate();
    if (!Double.isFinite(value)) {
      throw new Rejected(
          value + " is not a JSON number; RFC 8785 (like JSON) has no NaN or infinities");
    }
    ascii(EcmaScriptNumbers.format(value));
    needsComma = true;
  }

  @Override
  public void startObject(int size) {
    separate();
    out.write('{');
    needsComma = false;
  }

  @Override
  public void key(String key) {
    separate();
    quoted(key);
    out.write(':');
    needsComma = false;
  }

  @Override
  public void endObject() {
    out.write('}');
    needsComma = true;
  }

  @Override
  public void startArray(int size) {
    separate();
    out.write('[');
    needsComma = false;
  }

  @Override
  public void endArray() {
    out.write(']');
    needsComma = true;
  }

  private void ascii(String text) {
    out.ensureCapacity((long) out.size() + text.length());
    for (int i = 0; i < text.length(); i++) {
      out.write(text.charAt(i));
    }
  }

  /** Writes a string as RFC 8785 section 3.2.2.2 says, in UTF-8. */
  private void quoted(String value) {
    out.ensureCapacity(out.size() + 2L + value.length());
    out.write('"');
    int length = value.length();
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c == '"' || c == '\\') {
          out.write('\\');
        }
        out.write(c);
      } else if (c < 0x20) {
        out.write('\\');
        switch (c) {
          case '\b' -> out.write('b');
          case '\t' -> out.write('t');
          case '\n' -> out.write('n');
          case '\f' -> out.write('f');
          case '\r' -> out.write('r');
          default -> {
            out.write('u');
            out.write('0');
            out.write('0');
            out.write(HEX[c >> 4]);
            out.write(HEX[c & 0xf]);
          }
        }
      } else if (c < 0x800) {
        out.write(0xc0 | (c >> 6));
        out.write(0x80 | (c & 0x3f));
      } else if (!Character.isSurrogate(c)) {
        out.write(0xe0 | (c >> 12));
        out.write(0x80 | ((c >> 6) & 0x3f));
        out.write(0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, value.charAt(++i));
        out.write(0xf0 | (codePoint >> 18));
        out.write(0x80 | ((codePoint >> 12) & 0x3f));
        out.write(0x80 | ((codePoint >> 6) & 0x3f));
        out.write(0x80 | (codePoint & 0x3f));
      } else {
        throw new Rejected(
            String.format(
                Locale.ROOT,
                "string has a lone surrogate U+%04X at index %d; RFC 8785 requires well-formed"
                    + " Unicode",
                (int) c,
                i));
      }
    }
    out.write('"');
  }
}
