package dev.crossgrade.compat;

import dev.crossgrade.codec.jackson.CanonicalJson;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counterexamples as text that reads the same whichever JDK prints it: strings escaped beyond
 * printable ASCII with their UTF-8 length when it matters, doubles in ECMAScript's shortest form
 * (never {@link Double#toString(double)}), maps named by kind ({@code Map.of}, {@code HashMap}).
 */
final class Render {
  private static final int MAX = 400;

  private Render() {}

  static String value(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value);
    if (out.length() > MAX) {
      return out.substring(0, MAX) + "…";
    }
    return out.toString();
  }

  private static void append(StringBuilder out, @Nullable Object value) {
    if (out.length() > MAX) {
      return;
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Long l) {
      out.append(l).append('L');
    } else if (value instanceof Integer i) {
      out.append(i);
    } else if (value instanceof BigInteger b) {
      out.append("BigInteger(").append(b).append(')');
    } else if (value instanceof Double d) {
      out.append(number(d));
    } else if (value instanceof byte[] bytes) {
      out.append("bytes[").append(HexFormat.of().formatHex(bytes)).append(']');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ", ");
        append(out, list.get(i));
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> map) {
      out.append(
          switch (MapKind.of(map)) {
            case MAP_OF -> "Map.of{";
            case HASH -> "HashMap{";
            case LINKED -> "{";
          });
      boolean first = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        out.append(first ? "" : ", ");
        first = false;
        string(out, String.valueOf(entry.getKey()));
        out.append(": ");
        append(out, entry.getValue());
      }
      out.append('}');
    } else if (value instanceof Struct struct) {
      out.append(struct.type()).append('{');
      boolean first = true;
      for (Map.Entry<String, @Nullable Object> field : struct.fields().entrySet()) {
        out.append(first ? "" : ", ");
        first = false;
        out.append(field.getKey()).append('=');
        append(out, field.getValue());
      }
      out.append('}');
    } else {
      out.append(value);
    }
  }

  /** A double in ECMAScript's shortest form, whatever the JDK. */
  static String number(double d) {
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == 0.0 && Double.doubleToRawLongBits(d) != 0) {
      return "-0.0";
    }
    String s = CanonicalJson.formatNumber(d);
    return s.contains(".") || s.contains("e") ? s : s + ".0";
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    escape(out, s);
    out.append('"');
    int bytes = s.getBytes(StandardCharsets.UTF_8).length;
    if (bytes != s.length() || bytes >= 16) {
      out.append(" (").append(bytes).append(" UTF-8 bytes)");
    }
  }

  static String key(String key) {
    return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? key : value(key);
  }

  /** Bytes as text where they are printable, for explaining a byte difference. */
  static String bytes(byte[] bytes, int from, int to) {
    StringBuilder out = new StringBuilder();
    for (int i = Math.max(0, from); i < Math.min(bytes.length, to); i++) {
      int b = bytes[i] & 0xff;
      if (b >= 0x20 && b < 0x7f && b != '\\') {
        out.append((char) b);
      } else {
        out.append(String.format(Locale.ROOT, "\\x%02x", b));
      }
    }
    return out.toString();
  }

  /**
   * Appends {@code s} with quotes and backslashes escaped by a backslash, and characters outside
   * printable ASCII as Unicode escapes.
   */
  static void escape(StringBuilder out, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
  }
}
