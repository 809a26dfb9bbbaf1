package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the locations that error messages name: JSONPath-like paths such as {@code
 * $.addresses[2].city} and {@code line:column} positions in UTF-8 JSON text.
 */
final class JsonPath {
  private static final int MAX_KEY_IN_MESSAGE = 64;

  private JsonPath() {}

  /** Appends {@code .key}, or {@code ['key']} for keys that are not plain identifiers. */
  static void appendKey(StringBuilder path, String key) {
    if (isIdentifier(key)) {
      path.append('.').append(key);
      return;
    }
    path.append('[');
    appendQuoted(path, key, '\'');
    path.append(']');
  }

  /** {@code key} in double quotes, escaped and shortened for an error message. */
  static String quote(String key) {
    StringBuilder quoted = new StringBuilder(key.length() + 2);
    appendQuoted(quoted, key, '"');
    return quoted.toString();
  }

  private static void appendQuoted(StringBuilder out, String key, char quote) {
    out.append(quote);
    int shown = Math.min(key.length(), MAX_KEY_IN_MESSAGE);
    for (int i = 0; i < shown; i++) {
      char c = key.charAt(i);
      if (c == quote || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (shown < key.length()) {
      out.append("...");
    }
    out.append(quote);
  }

  /** The path of Jackson's current read or write position, such as {@code $.lines[2].sku}. */
  static String of(JsonStreamContext context) {
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(c);
    }
    StringBuilder path = new StringBuilder("$");
    for (int i = chain.size() - 1; i >= 0; i--) {
      JsonStreamContext c = chain.get(i);
      if (c.inArray() && c.getCurrentIndex() >= 0) {
        appendIndex(path, c.getCurrentIndex());
      } else if (c.inObject() && c.getCurrentName() != null) {
        appendKey(path, c.getCurrentName());
      }
    }
    return path.toString();
  }

  /** Appends {@code [index]}. */
  static void appendIndex(StringBuilder path, int index) {
    path.append('[').append(index).append(']');
  }

  private static boolean isIdentifier(String key) {
    if (key.isEmpty() || key.length() > MAX_KEY_IN_MESSAGE) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /**
   * The {@code line:column} of byte {@code errorOffset} in the UTF-8 text {@code bytes[start,
   * ...)}, both counted from 1; a line ends at LF, CR or CRLF, and columns count Unicode code
   * points.
   */
  static String position(byte[] bytes, int start, int errorOffset) {
    int line = 1;
    int column = 1;
    for (int i = start; i < errorOffset && i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      if (b == '\n' || (b == '\r' && (i + 1 >= bytes.length || bytes[i + 1] != '\n'))) {
        line++;
        column = 1;
      } else if (b == '\r') {
        continue; // the CR of a CRLF: the LF ends the line
      } else if ((b & 0xc0) != 0x80) {
        column++; // not a UTF-8 continuation byte: a new code point
      }
    }
    return line + ":" + column;
  }
}
