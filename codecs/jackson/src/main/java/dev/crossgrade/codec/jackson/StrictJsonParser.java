package dev.crossgrade.codec.jackson;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Parses UTF-8 JSON text that RFC 8785 can canonicalize (I-JSON, RFC 7493) into the generic value
 * model: strict UTF-8, no lone surrogates, no duplicate keys, no numbers beyond the range of a
 * double, nothing after the value. It does not recurse, so depth is bounded only by {@link
 * Limits#maxDepth()}, and it checks every length against the limits before allocating for it.
 *
 * <p>Every failure is a {@link CorruptPayloadException} or {@link LimitExceededException} whose
 * reason starts with the {@code line:column} of the offending byte.
 */
final class StrictJsonParser {
  /** How numbers are represented in the parsed value. */
  enum Numbers {
    /** Every number is the nearest {@link Double}, as RFC 8785 reads it. */
    DOUBLES,
    /**
     * Every number is the nearest double too; an integer token that is that double exactly comes
     * back as a {@link Long}, or a {@link BigInteger} beyond it, every other number as a {@link
     * Double}.
     */
    INTEGERS_AS_LONG
  }

  /** The longest number token accepted, as Jackson's default {@code maxNumberLength}. */
  static final int MAX_NUMBER_LENGTH = 1000;

  private static final long MAX_EXACT_INTEGER = 1L << 53;

  private final byte[] bytes;
  private final int start;
  private final int end;
  private final Limits limits;
  private final Numbers numbers;
  private int pos;

  // The open containers, innermost at depth - 1; keys[i] is the key whose value is being read.
  private Object[] containers = new Object[8];
  private @Nullable String[] keys = new String[8];
  private int depth;

  private StrictJsonParser(byte[] bytes, int offset, int length, Limits limits, Numbers numbers) {
    this.bytes = bytes;
    this.start = offset;
    this.end = offset + length;
    this.limits = limits;
    this.numbers = numbers;
    this.pos = offset;
  }

  /**
   * Parses the JSON text in {@code bytes[offset, offset + length)}.
   *
   * @throws CorruptPayloadException if the text is not JSON that RFC 8785 can canonicalize
   * @throws LimitExceededException if the text or a value in it is over the limits
   */
  static @Nullable Object parse(
      byte[] bytes, int offset, int length, Limits limits, Numbers numbers) {
    if (length > limits.maxPayloadSize()) {
      try {
        limits.checkPayloadSize(length);
      } catch (LimitExceededException e) {
        throw new LimitExceededException("1:1: " + e.reason());
      }
    }
    StrictJsonParser parser = new StrictJsonParser(bytes, offset, length, limits, numbers);
    return parser.document();
  }

  private @Nullable Object document() {
    if (end - start >= 3
        && (bytes[start] & 0xff) == 0xef
        && (bytes[start + 1] & 0xff) == 0xbb
        && (bytes[start + 2] & 0xff) == 0xbf) {
      throw corrupt(start, "a byte order mark (U+FEFF) is not allowed before the JSON value");
    }
    Object value = value();
    skipWhitespace();
    if (pos < end) {
      throw corrupt(pos, "unexpected " + describe(pos) + " after the JSON value");
    }
    return value;
  }

  /** Reads one value, with all that it contains, iteratively. */
  private @Nullable Object value() {
    while (true) {
      skipWhitespace();
      if (pos >= end) {
        throw corrupt(pos, "unexpected end of input, expected a value");
      }
      Object value;
      int b = bytes[pos];
      switch (b) {
        case '{' -> {
          open(new LinkedHashMap<String, @Nullable Object>());
          pos++;
          skipWhitespace();
          if (pos < end && bytes[pos] == '}') {
            pos++;
            value = close();
          } else {
            checkSize(1);
            key();
            continue;
          }
        }
        case '[' -> {
          open(new ArrayList<@Nullable Object>());
          pos++;
          skipWhitespace();
          if (pos < end && bytes[pos] == ']') {
            pos++;
            value = close();
          } else {
            checkSize(1);
            continue;
          }
        }
        case '"' -> value = string();
        case 't' -> value = literal("true", Boolean.TRUE);
        case 'f' -> value = literal("false", Boolean.FALSE);
        case 'n' -> value = literal("null", null);
        default -> {
          if (b == '-' || (b >= '0' && b <= '9')) {
            value = number();
          } else {
            throw corrupt(pos, "unexpected " + describe(pos) + ", expected a value");
          }
        }
      }
      // Store the value in its container; close every container that ends after it.
      while (true) {
        if (depth == 0) {
          return value;
        }
        Object container = containers[depth - 1];
        skipWhitespace();
        if (container instanceof List<?>) {
          @SuppressWarnings("unchecked") // only this class creates the containers
          List<@Nullable Object> list = (List<@Nullable Object>) container;
          list.add(value);
          if (pos < end && bytes[pos] == ',') {
            pos++;
            checkSize(list.size() + 1);
            break;
          }
          if (pos < end && bytes[pos] == ']') {
            pos++;
            value = close();
            continue;
          }
          throw corrupt(pos, "unexpected " + describe(pos) + ", expected ',' or ']'");
        }
        @SuppressWarnings("unchecked") // only this class creates the containers
        Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) container;
        map.put(keys[depth - 1], value);
        keys[depth - 1] = null;
        if (pos < end && bytes[pos] == ',') {
          pos++;
          checkSize(map.size() + 1);
          skipWhitespace();
          key();
          break;
        }
        if (pos < end && bytes[pos] == '}') {
          pos++;
          value = close();
          continue;
        }
        throw corrupt(pos, "unexpected " + describe(pos) + ", expected ',' or '}'");
      }
    }
  }

  private void open(Object container) {
    if (depth >= limits.maxDepth()) {
      throw limitExceeded(
          pos,
          "value is nested more than "
              + limits.maxDepth()
              + " deep, over the limit of "
              + limits.maxDepth()
              + " (Limits.maxDepth)");
    }
    if (depth == containers.length) {
      containers = Arrays.copyOf(containers, depth * 2);
      keys = Arrays.copyOf(keys, depth * 2);
    }
    containers[depth++] = container;
  }

  private Object close() {
    Object container = containers[--depth];
    containers[depth] = null;
    keys[depth] = null;
    return container;
  }

  private void checkSize(int size) {
    if (size > limits.maxCollectionSize()) {
      throw limitExceeded(
          pos,
          "collection has more than "
              + limits.maxCollectionSize()
              + " elements, over the limit of "
              + limits.maxCollectionSize()
              + " (Limits.maxCollectionSize)");
    }
  }

  /** Reads {@code "key":} into the innermost object, which must not have that key yet. */
  private void key() {
    if (pos >= end || bytes[pos] != '"') {
      throw corrupt(pos, "unexpected " + describe(pos) + ", expected a string key");
    }
    int keyStart = pos;
    String key = string();
    @SuppressWarnings("unchecked") // only this class creates the containers
    Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) containers[depth - 1];
    if (map.containsKey(key)) {
      throw corrupt(keyStart, "duplicate key " + JsonPath.quote(key));
    }
    skipWhitespace();
    if (pos >= end || bytes[pos] != ':') {
      throw corrupt(pos, "unexpected " + describe(pos) + ", expected ':'");
    }
    pos++;
    keys[depth - 1] = key;
  }

  private @Nullable Object literal(String word, @Nullable Object value) {
    int length = word.length();
    if (end - pos < length) {
      throw corrupt(pos, "unexpected " + describe(pos) + ", expected a value");
    }
    for (int i = 0; i < length; i++) {
      if (bytes[pos + i] != word.charAt(i)) {
        throw corrupt(pos, "unexpected " + describe(pos) + ", expected a value");
      }
    }
    pos += length;
    return value;
  }

  private Object number() {
    int numberStart = pos;
    boolean integer = true;
    if (bytes[pos] == '-') {
      pos++;
    }
    if (pos < end && bytes[pos] == '0') {
      pos++;
      if (pos < end && isDigit(bytes[pos])) {
        throw corrupt(numberStart, "a number must not have a leading zero");
      }
    } else if (!digits()) {
      throw corrupt(pos, "unexpected " + describe(pos) + ", expected a digit");
    }
    if (pos < end && bytes[pos] == '.') {
      integer = false;
      pos++;
      if (!digits()) {
        throw corrupt(pos, "unexpected " + describe(pos) + ", expected a digit after '.'");
      }
    }
    if (pos < end && (bytes[pos] == 'e' || bytes[pos] == 'E')) {
      integer = false;
      pos++;
      if (pos < end && (bytes[pos] == '+' || bytes[pos] == '-')) {
        pos++;
      }
      if (!digits()) {
        throw corrupt(pos, "unexpected " + describe(pos) + ", expected a digit in the exponent");
      }
    }
    int length = pos - numberStart;
    if (length > MAX_NUMBER_LENGTH) {
      throw limitExceeded(
          numberStart,
          "number of "
              + length
              + " characters is over the limit of "
              + MAX_NUMBER_LENGTH
              + " (fixed: RFC 8785 numbers are doubles)");
    }
    String token = new String(bytes, numberStart, length, StandardCharsets.ISO_8859_1);
    if (integer && numbers == Numbers.INTEGERS_AS_LONG && length <= 17) {
      long exact = Long.parseLong(token);
      if (-MAX_EXACT_INTEGER <= exact && exact <= MAX_EXACT_INTEGER) {
        return exact;
      }
    }
    double value = Double.parseDouble(token);
    if (Double.isInfinite(value)) {
      throw corrupt(numberStart, outOfRange(token));
    }
    if (integer && numbers == Numbers.INTEGERS_AS_LONG) {
      // an integer only if the token is the double exactly: 999999999999999900000 is the double
      // 999999999999999868928, which stays a Double, and writing it again gives the same token
      BigDecimal exact = new BigDecimal(value);
      if (exact.compareTo(new BigDecimal(token)) == 0) {
        return Math.abs(value) < 0x1p63 ? (Object) (long) value : exact.toBigIntegerExact();
      }
    }
    return value;
  }

  private static String outOfRange(String token) {
    String shown = token.length() > 40 ? token.substring(0, 40) + "..." : token;
    return "number " + shown + " is beyond the range of an IEEE 754 double";
  }

  private boolean digits() {
    int from = pos;
    while (pos < end && isDigit(bytes[pos])) {
      pos++;
    }
    return pos > from;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  /**
   * Reads a string at {@code pos}. A first pass finds its end and counts its UTF-16 units, so the
   * length limit is checked before anything is allocated; a second decodes it strictly.
   */
  private String string() {
    int quote = pos;
    int i = pos + 1;
    long units = 0;
    boolean plain = true;
    while (true) {
      if (i >= end) {
        throw corrupt(quote, "unterminated string");
      }
      int b = bytes[i] & 0xff;
      if (b == '"') {
        break;
      }
      if (b == '\\') {
        plain = false;
        i += i + 1 < end && bytes[i + 1] == 'u' ? 6 : 2;
        units++;
      } else if (b < 0x20) {
        throw corrupt(
            i,
            String.format(Locale.ROOT, "control character U+%04X must be escaped in a string", b));
      } else if (b < 0x80) {
        i++;
        units++;
      } else {
        plain = false;
        i++;
        if (b >= 0xf0) {
          units += 2;
        } else if (b >= 0xc0) {
          units++;
        }
      }
      if (units > limits.maxStringLength()) {
        throw limitExceeded(
            quote,
            "string is longer than "
                + limits.maxStringLength()
                + " characters, over the limit of "
                + limits.maxStringLength()
                + " (Limits.maxStringLength)");
      }
    }
    int close = i;
    int from = pos + 1;
    pos = close + 1;
    if (plain) {
      return new String(bytes, from, close - from, StandardCharsets.ISO_8859_1);
    }
    char[] out = new char[(int) units];
    int n = 0;
    i = from;
    while (i < close) {
      int b = bytes[i] & 0xff;
      if (b == '\\') {
        int escaped = i + 1 < close ? bytes[i + 1] : -1;
        switch (escaped) {
          case '"', '\\', '/' -> out[n++] = (char) escaped;
          case 'b' -> out[n++] = '\b';
          case 'f' -> out[n++] = '\f';
          case 'n' -> out[n++] = '\n';
          case 'r' -> out[n++] = '\r';
          case 't' -> out[n++] = '\t';
          case 'u' -> {
            char unit = hex4(i, close);
            if (Character.isHighSurrogate(unit)
                && i + 12 <= close
                && bytes[i + 6] == '\\'
                && bytes[i + 7] == 'u') {
              char low = hex4(i + 6, close);
              if (Character.isLowSurrogate(low)) {
                out[n++] = unit;
                out[n++] = low;
                i += 12;
                continue;
              }
            }
            if (Character.isSurrogate(unit)) {
              throw corrupt(
                  i,
                  String.format(
                      Locale.ROOT,
                      "lone surrogate \\u%04x in a string; RFC 8785 requires well-formed Unicode",
                      (int) unit));
            }
            out[n++] = unit;
            i += 6;
            continue;
          }
          default -> throw corrupt(i, "invalid escape sequence in a string");
        }
        i += 2;
      } else if (b < 0x80) {
        out[n++] = (char) b;
        i++;
      } else {
        int codePoint;
        int size;
        int min2 = 0x80;
        int max2 = 0xbf;
        if (b >= 0xc2 && b <= 0xdf) {
          size = 2;
          codePoint = b & 0x1f;
        } else if (b >= 0xe0 && b <= 0xef) {
          size = 3;
          codePoint = b & 0x0f;
          if (b == 0xe0) {
            min2 = 0xa0; // shorter forms are overlong
          } else if (b == 0xed) {
            max2 = 0x9f; // U+D800..U+DFFF are surrogates, not characters
          }
        } else if (b >= 0xf0 && b <= 0xf4) {
          size = 4;
          codePoint = b & 0x07;
          if (b == 0xf0) {
            min2 = 0x90;
          } else if (b == 0xf4) {
            max2 = 0x8f; // above U+10FFFF otherwise
          }
        } else {
          throw corrupt(i, String.format(Locale.ROOT, "invalid UTF-8 byte 0x%02x", b));
        }
        for (int k = 1; k < size; k++) {
          int next = i + k < close ? bytes[i + k] & 0xff : -1;
          int min = k == 1 ? min2 : 0x80;
          int max = k == 1 ? max2 : 0xbf;
          if (next < min || next > max) {
            throw corrupt(
                i, String.format(Locale.ROOT, "invalid UTF-8 sequence starting with 0x%02x", b));
          }
          codePoint = (codePoint << 6) | (next & 0x3f);
        }
        if (size == 4) {
          out[n++] = Character.highSurrogate(codePoint);
          out[n++] = Character.lowSurrogate(codePoint);
        } else {
          out[n++] = (char) codePoint;
        }
        i += size;
      }
    }
    return new String(out, 0, n);
  }

  /** The four hex digits of the {@code \}{@code u} escape at {@code escape}. */
  private char hex4(int escape, int close) {
    if (escape + 6 > close) {
      throw corrupt(escape, "truncated \\u escape in a string");
    }
    int unit = 0;
    for (int k = escape + 2; k < escape + 6; k++) {
      int digit = Character.digit(bytes[k], 16);
      if (digit < 0) {
        throw corrupt(escape, "invalid \\u escape in a string");
      }
      unit = (unit << 4) | digit;
    }
    return (char) unit;
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte b = bytes[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return;
      }
      pos++;
    }
  }

  private String describe(int at) {
    if (at >= end) {
      return "end of input";
    }
    int b = bytes[at] & 0xff;
    if (b > 0x20 && b < 0x7f) {
      return "'" + (char) b + "'";
    }
    return String.format(Locale.ROOT, "byte 0x%02x", b);
  }

  private String where(int at) {
    return JsonPath.position(bytes, start, at) + ": ";
  }

  private String path() {
    StringBuilder path = new StringBuilder("$");
    for (int i = 0; i < depth; i++) {
      Object container = containers[i];
      if (container instanceof List<?> list) {
        JsonPath.appendIndex(path, list.size());
      } else if (keys[i] != null) {
        JsonPath.appendKey(path, keys[i]);
      }
    }
    return path.toString();
  }

  private CorruptPayloadException corrupt(int at, String what) {
    return new CorruptPayloadException(where(at) + what + " at " + path());
  }

  private LimitExceededException limitExceeded(int at, String what) {
    return new LimitExceededException(where(at) + what + " at " + path());
  }
}
