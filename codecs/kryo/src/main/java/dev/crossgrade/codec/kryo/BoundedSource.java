package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.CorruptPayloadException;
import java.util.Locale;

/**
 * A Kryo input that can look at upcoming bytes without consuming them and knows how many bytes can
 * remain, so that length headers are checked before Kryo allocates for them.
 */
interface BoundedSource {
  /**
   * Makes at least {@code bytes} upcoming bytes available to {@link #peek(int)} and returns how
   * many are; throws Kryo's buffer underflow exception if the input ends first.
   */
  int window(int bytes);

  /** The upcoming byte at {@code index}, which must be below what {@link #window(int)} returned. */
  int peek(int index);

  /** The most bytes that can remain to be read. */
  long remainingUpperBound();

  /**
   * Reads, without consuming, the variable-length int Kryo writes with {@code writeVarInt(v,
   * true)}.
   */
  static int peekVarInt(BoundedSource source) {
    int available = source.window(1);
    int result = 0;
    for (int i = 0; i < 5; i++) {
      if (i >= available) {
        available = source.window(i + 1);
      }
      int b = source.peek(i);
      result |= (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        break;
      }
    }
    return result;
  }

  /**
   * Reads, without consuming, the length header of a string as Kryo writes it: the number of chars
   * it claims, or -1 if it claims none (ASCII, whose end is marked in the data, null or empty).
   */
  static long peekStringLength(BoundedSource source) {
    int available = source.window(1);
    int b = source.peek(0);
    if ((b & 0x80) == 0) {
      return -1;
    }
    int result = b & 0x3F;
    if ((b & 0x40) != 0) {
      int shift = 6;
      for (int i = 1; i < 5; i++) {
        if (i >= available) {
          available = source.window(i + 1);
        }
        b = source.peek(i);
        result |= (b & 0x7F) << shift;
        shift += 7;
        if ((b & 0x80) == 0) {
          break;
        }
      }
    }
    // 0 is null and 1 is the empty string; otherwise the header is the char count plus one.
    return result == 0 || result == 1 ? -1 : result - 1L;
  }

  /**
   * Throws if a char of the UTF-8 string ahead (after its length header) starts with a byte that
   * Kryo's decoder skips without writing a char ({@code 10xxxxxx} or {@code 1111xxxx}), as far as
   * the input's window reaches. Kryo would leave that char as whatever an earlier string put in its
   * reused char buffer, so one cache entry's text would show up in another's value.
   */
  static void checkUtf8Leads(BoundedSource source, long chars) {
    int available = source.window(1);
    int at = 1;
    if ((source.peek(0) & 0x40) != 0) {
      while (at < available && at < 4 && (source.peek(at) & 0x80) != 0) {
        at++;
      }
      at++;
    }
    for (long c = 0; c < chars && at < available; c++) {
      int b = source.peek(at) & 0xFF;
      switch (b >> 4) {
        case 0, 1, 2, 3, 4, 5, 6, 7 -> at += 1;
        case 12, 13 -> at += 2;
        case 14 -> at += 3;
        default ->
            throw new CorruptPayloadException(
                String.format(
                    Locale.ROOT,
                    "string at %s has byte %02x where char %d starts, which starts no UTF-8 char",
                    Bounds.PATH,
                    b,
                    c));
      }
    }
  }
}
