package dev.crossgrade.codec.jackson;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads UTF-8 JSON text that RFC 8785 can canonicalize (I-JSON, RFC 7493) and reports it, in
 * document order, to a {@link Sink}: strict UTF-8, no lone surrogates, no duplicate keys (the sink
 * tells), no numbers beyond the range of a double, nothing after the value. It does not recurse, so
 * depth is bounded only by {@link Limits#maxDepth()}, and it checks every length against the limits
 * before allocating for it. {@link GenericValueBuilder} builds the generic model from what it
 * reads, {@link TextCanonicalizer} writes the canonical form.
 *
 * <p>Every failure is a {@link CorruptPayloadException} or {@link LimitExceededException} whose
 * reason starts with the {@code line:column} of the offending byte.
 *
 * <p>Over 500 lines, on purpose: one non-recursive parser of the whole grammar, whose states share
 * the position, the limits and the error messages.
 */
final class StrictJsonParser {
  /** The longest number token accepted, as Jackson's default {@code maxNumberLength}. */
  static final int MAX_NUMBER_LENGTH = 1000;

  /** A number below 10^308 is a finite double. */
  private static final int FINITE_INTEGER_DIGITS = 308;

  /**
   * Receives what the parser reads, checked, in document order. A string is given as UTF-8 bytes
   * {@code text[from, to)}: either the text of the input itself, which has no escape sequence, or
   * (when {@code decoded}) the string with its escapes decoded, in a buffer the parser reuses.
   */
  interface Sink {
    /** An object starts; its members follow, each a {@link #key} and a value. */
    void startObject();

    /**
     * The key of the next member of the innermost object.
     *
     * @return false if that object already has this key, which the parser then rejects
     */
    boolean key(byte[] text, int from, int to, boolean decoded);

    /** The innermost object ends. */
    void endObject();

    /** An array starts; its elements follow. */
    void startArray();

    /** The innermost array ends. */
    void endArray();

    /** A string value. */
    void string(byte[] text, int from, int to, boolean decoded);

    /**
     * A number token {@code text[from, to)} of the input, valid JSON and within the range of a
     * double; {@code integer} if it has neither a fraction nor an exponent.
     */
    void number(byte[] text, int from, int to, boolean integer);

    /** {@code true} or {@code false}. */
    void bool(boolean value);

    /** {@code null}. */
    void nullValue();
  }

  /** The sink of a parser between two texts. */
  private enum NoSink implements Sink {
    INSTANCE;

    @Override
    public void startObject() {}

    @Override
    public boolean key(byte[] text, int from, int to, boolean decoded) {
      return true;
    }

    @Override
    public void endObject() {}

    @Override
    public void startArray() {}

    @Override
    public void endArray() {}

    @Override
    public void string(byte[] text, int from, int to, boolean decoded) {}

    @Override
    public void number(byte[] text, int from, int to, boolean integer) {}

    @Override
    public void bool(boolean value) {}

    @Override
    public void nullValue() {}
  }

  private static final byte ARRAY = 0;
  private static final byte OBJECT = 1;

  /** The longest decoded-string buffer kept from one text for the next, in bytes. */
  private static final int RETAINED_BUFFER = 64 * 1024;

  /** The deepest nesting whose per-level arrays are kept from one text for the next. */
  private static final int RETAINED_DEPTH = 1024;

  private static final byte[] NO_BYTES = new byte[0];

  // The text being read: bytes[start, end), and the position in it.
  private byte[] bytes = NO_BYTES;
  private int start;
  private int end;
  private Limits limits = Limits.defaults();
  private Sink sink = NoSink.INSTANCE;
  private int pos;

  // The open containers, innermost at depth - 1: whether each is an object, how many members or
  // elements it has so far, and where the key of the member being read starts (-1 if none).
  private byte[] kinds = new byte[8];
  private int[] counts = new int[8];
  private int[] keyAt = new int[8];
  private int depth;

  // The string just read (see Sink): text[textFrom, textTo), decoded or not.
  private byte[] text = NO_BYTES;
  private int textFrom;
  private int textTo;
  private boolean textDecoded;
  private byte[] decoded = NO_BYTES;

  /** A parser to {@link #read} one text after another with, on one thread. */
  StrictJsonParser() {}

  /**
   * Reads the JSON text in {@code bytes[offset, offset + length)} into {@code sink}.
   *
   * @throws CorruptPayloadException if the text is not JSON that RFC 8785 can canonicalize
   * @throws LimitExceededException if the text or a value in it is over the limits
   */
  static void parse(byte[] bytes, int offset, int length, Limits limits, Sink sink) {
    new StrictJsonParser().read(bytes, offset, length, limits, sink);
  }

  /**
   * Like {@link #parse}, reusing this parser's buffers; they stay bounded from one text to the
   * next.
   */
  void read(byte[] bytes, int offset, int length, Limits limits, Sink sink) {
    if (length > limits.maxPayloadSize()) {
      try {
        limits.checkPayloadSize(length);
      } catch (LimitExceededException e) {
        throw new LimitExceededException("1:1: " + e.reason());
      }
    }
    this.bytes = bytes;
    this.start = offset;
    this.end = offset + length;
    this.limits = limits;
    this.sink = sink;
    this.pos = offset;
    this.depth = 0;
    try {
      document();
    } finally {
      this.bytes = NO_BYTES;
      this.text = NO_BYTES;
      this.sink = NoSink.INSTANCE;
      if (decoded.length > RETAINED_BUFFER) {
        decoded = NO_BYTES;
      }
      if (kinds.length > RETAINED_DEPTH) {
        kinds = new byte[8];
        counts = new int[8];
        keyAt = new int[8];
      }
    }
  }

  private void document() {
    if (end - start >= 3
        && (bytes[start] & 0xff) == 0xef
        && (bytes[start + 1] & 0xff) == 0xbb
        && (bytes[start + 2] & 0xff) == 0xbf) {
      throw corrupt(start, "a byte order mark (U+FEFF) is not allowed before the JSON value");
    }
    value();
    skipWhitespace();
    if (pos < end) {
      throw corrupt(pos, "unexpected " + describe(pos) + " after the JSON value");
    }
  }

  /** Reads one value, with all that it contains, iteratively. */
  private void value() {
    while (true) {
      skipWhitespace();
      if (pos >= end) {
        throw corrupt(pos, "unexpected end of input, expected a value");
      }
      int b = bytes[pos];
      switch (b) {
        case '{' -> {
          open(OBJECT);
          sink.startObject();
          pos++;
          skipWhitespace();
          if (pos < end && bytes[pos] == '}') {
            pos++;
            depth--;
            sink.endObject();
          } else {
            checkSize(1);
            key();
            continue;
          }
        }
        case '[' -> {
          open(ARRAY);
          sink.startArray();
          pos++;
          skipWhitespace();
          if (pos < end && bytes[pos] == ']') {
            pos++;
            depth--;
            sink.endArray();
          } else {
            checkSize(1);
            continue;
          }
        }
        case '"' -> {
          string();
          sink.string(text, textFrom, textTo, textDecoded);
        }
        case 't' -> {
          literal("true");
          sink.bool(true);
        }
        case 'f' -> {
          literal("false");
          sink.bool(false);
        }
        case 'n' -> {
          literal("null");
          sink.nullValue();
        }
        default -> {
          if (b == '-' || (b >= '0' && b <= '9')) {
            number();
          } else {
            throw corrupt(pos, "unexpected " + describe(pos) + ", expected a value");
          }
        }
      }
      // The value is complete: count it in its container; close every container that ends after it.
      while (true) {
        if (depth == 0) {
          return;
        }
        int top = depth - 1;
        skipWhitespace();
        int count = ++counts[top];
        if (kinds[top] == ARRAY) {
          if (pos < end && bytes[pos] == ',') {
            pos++;
            checkSize(count + 1);
            break;
          }
          if (pos < end && bytes[pos] == ']') {
            pos++;
            depth--;
            sink.endArray();
            continue;
          }
          throw corrupt(pos, "unexpected " + describe(pos) + ", expected ',' or ']'");
        }
        keyAt[top] = -1;
        if (pos < end && bytes[pos] == ',') {
          pos++;
          checkSize(count + 1);
          skipWhitespace();
          key();
          break;
        }
        if (pos < end && bytes[pos] == '}') {
          pos++;
          depth--;
          sink.endObject();
          continue;
        }
        throw corrupt(pos, "unexpected " + describe(pos) + ", expected ',' or '}'");
      }
    }
  }

  private void open(byte kind) {
    if (depth >= limits.maxDepth()) {
      throw limitExceeded(
          pos,
          "value is nested more than %s deep, over the limit of %s (Limits.maxDepth)"
              .formatted(limits.maxDepth(), limits.maxDepth()));
    }
    if (depth == kinds.length) {
      kinds = Arrays.copyOf(kinds, depth * 2);
      counts = Arrays.copyOf(counts, depth * 2);
      keyAt = Arrays.copyOf(keyAt, depth * 2);
    }
    kinds[depth] = kind;
    counts[depth] = 0;
    keyAt[depth] = -1;
    depth++;
  }

  private void checkSize(int size) {
    if (size > limits.maxCollectionSize()) {
      throw limitExceeded(
          pos,
          "collection has more than %s elements, over the limit of %s (Limits.maxCollectionSize)"
              .formatted(limits.maxCollectionSize(), limits.maxCollectionSize()));
    }
  }

  /** Reads {@code "key":} into the innermost object, which must not have that key yet. */
  private void key() {
    if (pos >= end || bytes[pos] != '"') {
      throw corrupt(pos, "unexpected " + describe(pos) + ", expected a string key");
    }
    int keyStart = pos;
    string();
    if (!sink.key(text, textFrom, textTo, textDecoded)) {
      String key = new String(text, textFrom, textTo - textFrom, StandardCharsets.UTF_8);
      throw corrupt(keyStart, "duplicate key " + JsonPath.quote(key));
    }
    skipWhitespace();
    if (pos >= end || bytes[pos] != ':') {
      throw corrupt(pos, "unexpected " + describe(pos) + ", expected ':'");
    }
    pos++;
    keyAt[depth - 1] = keyStart;
  }

  private void literal(String word) {
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
  }

  private void number() {
    int numberStart = pos;
    boolean integer = true;
    if (bytes[pos] == '-') {
      pos++;
    }
    int digitsStart = pos;
    if (pos < end && bytes[pos] == '0') {
      pos++;
      if (pos < end && isDigit(bytes[pos])) {
        throw corrupt(numberStart, "a number must not have a leading zero");
      }
    } else if (!digits()) {
      throw corrupt(pos, "unexpected " + describe(pos) + ", expected a digit");
    }
    int integerDigits = pos - digitsStart;
    if (pos < end && bytes[pos] == '.') {
      integer = false;
      pos++;
      if (!digits()) {
        throw corrupt(pos, "unexpected " + describe(pos) + ", expected a digit after '.'");
      }
    }
    int exponentStart = -1;
    if (pos < end && (bytes[pos] == 'e' || bytes[pos] == 'E')) {
      integer = false;
      pos++;
      exponentStart = pos;
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
          "number of %s characters is over the limit of %s (fixed: RFC 8785 numbers are doubles)"
              .formatted(length, MAX_NUMBER_LENGTH));
    }
    if (!surelyFinite(integerDigits, exponentStart)) {
      String token = new String(bytes, numberStart, length, StandardCharsets.ISO_8859_1);
      if (Double.isInfinite(Double.parseDouble(token))) {
        throw corrupt(numberStart, outOfRange(token));
      }
    }
    sink.number(bytes, numberStart, pos, integer);
  }

  /**
   * Whether the number just read is below 10^308, so a finite double, by its digits alone: it is
   * below 10^(integer digits + exponent). Numbers this cannot tell are parsed.
   */
  private boolean surelyFinite(int integerDigits, int exponentStart) {
    if (exponentStart < 0) {
      return integerDigits <= FINITE_INTEGER_DIGITS;
    }
    int i = exponentStart;
    boolean negative = bytes[i] == '-';
    if (negative || bytes[i] == '+') {
      i++;
    }
    if (pos - i > 4) {
      return false;
    }
    int exponent = 0;
    for (; i < pos; i++) {
      exponent = exponent * 10 + (bytes[i] - '0');
    }
    return negative || integerDigits + exponent <= FINITE_INTEGER_DIGITS;
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
   * Reads a string at {@code pos} into {@link #text}. A first pass finds its end and counts its
   * UTF-16 units, so the length limit is checked before anything is allocated; a second checks its
   * UTF-8 strictly and, if it has escapes, decodes it.
   */
  private void string() {
    int quote = pos;
    int i = pos + 1;
    long units = 0;
    boolean ascii = true;
    boolean escaped = false;
    int maxStringLength = limits.maxStringLength();
    while (true) {
      // A run of printable ASCII other than '"' and '\\' first, one unit a byte.
      int run = i;
      while (i < end) {
        byte c = bytes[i];
        if (c < 0x20 || c == '"' || c == '\\') {
          break;
        }
        i++;
      }
      units += i - run;
      if (units > maxStringLength) {
        throw stringTooLong(quote, maxStringLength);
      }
      if (i >= end) {
        throw corrupt(quote, "unterminated string");
      }
      int b = bytes[i] & 0xff;
      if (b == '"') {
        break;
      }
      if (b == '\\') {
        escaped = true;
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
        ascii = false;
        i++;
        if (b >= 0xf0) {
          units += 2;
        } else if (b >= 0xc0) {
          units++;
        }
      }
      if (units > maxStringLength) {
        throw stringTooLong(quote, maxStringLength);
      }
    }
    int close = i;
    int from = pos + 1;
    pos = close + 1;
    if (escaped) {
      decode(from, close);
      return;
    }
    if (!ascii) {
      checkUtf8(from, close);
    }
    text = bytes;
    textFrom = from;
    textTo = close;
    textDecoded = false;
  }

  private LimitExceededException stringTooLong(int quote, int maxStringLength) {
    return limitExceeded(
        quote,
        "string is longer than %s characters, over the limit of %s (Limits.maxStringLength)"
            .formatted(maxStringLength, maxStringLength));
  }

  /** Checks the UTF-8 of a string without escapes in {@code bytes[from, close)}. */
  private void checkUtf8(int from, int close) {
    int i = from;
    while (i < close) {
      if (bytes[i] >= 0) {
        i++;
      } else {
        i += utf8Sequence(i, close);
      }
    }
  }

  /**
   * Decodes the escapes of the string in {@code bytes[from, close)} into {@link #decoded}, as
   * UTF-8, checking its UTF-8 on the way. The result is never longer than the text.
   */
  private void decode(int from, int close) {
    if (decoded.length < close - from) {
      decoded = new byte[Math.max(close - from, Math.min(2 * decoded.length, end - start))];
    }
    byte[] out = decoded;
    int n = 0;
    int i = from;
    while (i < close) {
      int b = bytes[i] & 0xff;
      if (b == '\\') {
        int escaped = i + 1 < close ? bytes[i + 1] : -1;
        switch (escaped) {
          case '"', '\\', '/' -> out[n++] = (byte) escaped;
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
                int codePoint = Character.toCodePoint(unit, low);
                out[n++] = (byte) (0xf0 | (codePoint >> 18));
                out[n++] = (byte) (0x80 | ((codePoint >> 12) & 0x3f));
                out[n++] = (byte) (0x80 | ((codePoint >> 6) & 0x3f));
                out[n++] = (byte) (0x80 | (codePoint & 0x3f));
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
            if (unit < 0x80) {
              out[n++] = (byte) unit;
            } else if (unit < 0x800) {
              out[n++] = (byte) (0xc0 | (unit >> 6));
              out[n++] = (byte) (0x80 | (unit & 0x3f));
            } else {
              out[n++] = (byte) (0xe0 | (unit >> 12));
              out[n++] = (byte) (0x80 | ((unit >> 6) & 0x3f));
              out[n++] = (byte) (0x80 | (unit & 0x3f));
            }
            i += 6;
            continue;
          }
          default -> throw corrupt(i, "invalid escape sequence in a string");
        }
        i += 2;
      } else if (b < 0x80) {
        out[n++] = (byte) b;
        i++;
      } else {
        int size = utf8Sequence(i, close);
        System.arraycopy(bytes, i, out, n, size);
        n += size;
        i += size;
      }
    }
    text = out;
    textFrom = 0;
    textTo = n;
    textDecoded = true;
  }

  /**
   * The length of the well-formed UTF-8 sequence of a code point (not a surrogate, at most
   * U+10FFFF, shortest form) that starts with the non-ASCII byte at {@code i}.
   */
  private int utf8Sequence(int i, int close) {
    int b = bytes[i] & 0xff;
    int size;
    int min2 = 0x80;
    int max2 = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      size = 2;
    } else if (b >= 0xe0 && b <= 0xef) {
      size = 3;
      if (b == 0xe0) {
        min2 = 0xa0; // shorter forms are overlong
      } else if (b == 0xed) {
        max2 = 0x9f; // U+D800..U+DFFF are surrogates, not characters
      }
    } else if (b >= 0xf0 && b <= 0xf4) {
      size = 4;
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
    }
    return size;
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
      if (b > ' ' || (b != ' ' && b != '\n' && b != '\r' && b != '\t')) {
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
      if (kinds[i] == ARRAY) {
        JsonPath.appendIndex(path, counts[i]);
      } else if (keyAt[i] >= 0) {
        JsonPath.appendKey(path, keyString(keyAt[i]));
      }
    }
    return path.toString();
  }

  /** The key whose string starts at {@code quote}, read again (it was read without error). */
  private String keyString(int quote) {
    int saved = pos;
    pos = quote;
    string();
    pos = saved;
    return new String(text, textFrom, textTo - textFrom, StandardCharsets.UTF_8);
  }

  private CorruptPayloadException corrupt(int at, String what) {
    return new CorruptPayloadException(where(at) + what + " at " + path());
  }

  private LimitExceededException limitExceeded(int at, String what) {
    return new LimitExceededException(where(at) + what + " at " + path());
  }
}
