package dev.crossgrade.codec.msgpack;

import java.nio.charset.StandardCharsets;

/** Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. */
final class Utf8 {
  private Utf8() {}

  /**
   * The offset of the first byte of the first ill-formed sequence in {@code bytes}, or -1 if the
   * bytes are well-formed UTF-8.
   */
  static int firstInvalid(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n && bytes[i] >= 0) {
      i++;
    }
    while (i < n) {
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int need;
      int lo = 0x80;
      int hi = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
      } else if (b >= 0xe0 && b <= 0xef) {
        need = 2;
        if (b == 0xe0) {
          lo = 0xa0;
        } else if (b == 0xed) {
          hi = 0x9f;
        }
      } else if (b >= 0xf0 && b <= 0xf4) {
        need = 3;
        if (b == 0xf0) {
          lo = 0x90;
        } else if (b == 0xf4) {
          hi = 0x8f;
        }
      } else {
        return i;
      }
      if (i + need >= n) {
        return i;
      }
      int second = bytes[i + 1] & 0xff;
      if (second < lo || second > hi) {
        return i;
      }
      for (int k = 2; k <= need; k++) {
        int c = bytes[i + k] & 0xff;
        if (c < 0x80 || c > 0xbf) {
          return i;
        }
      }
      i += need + 1;
    }
    return -1;
  }

  /**
   * The index of the first unpaired surrogate in {@code s}, or -1 if every surrogate is paired (so
   * that {@link String#getBytes} with UTF-8 loses nothing).
   */
  static int firstUnpairedSurrogate(String s) {
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      }
    }
    return -1;
  }

  /** Decodes bytes already known to be well-formed. */
  static String decodeValid(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Encodes a string that has no unpaired surrogate. */
  static byte[] encodeValid(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
