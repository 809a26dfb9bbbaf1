package dev.crossgrade.codec.msgpack;

import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The position inside a value being read or written, kept as a mutable stack so that the common
 * path costs no allocation, and rendered as {@code $.addresses[2].city} only for an error message.
 */
final class Path {
  private static final byte INDEX = 0;
  private static final byte KEY = 1;
  private static final byte VALUE = 2;

  private byte[] kinds = new byte[16];
  private int[] indices = new int[16];
  private @Nullable Object[] keys = new Object[16];
  private int size;

  /** Enters a container; set the element with {@link #index}, {@link #key} or {@link #value}. */
  void push() {
    if (size == kinds.length) {
      kinds = Arrays.copyOf(kinds, size * 2);
      indices = Arrays.copyOf(indices, size * 2);
      keys = Arrays.copyOf(keys, size * 2);
    }
    kinds[size] = INDEX;
    indices[size] = 0;
    keys[size] = null;
    size++;
  }

  /** Leaves the innermost container. */
  void pop() {
    size--;
    keys[size] = null;
  }

  /** At the element with this index of the innermost array. */
  void index(int index) {
    kinds[size - 1] = INDEX;
    indices[size - 1] = index;
  }

  /** At the key of the entry with this index of the innermost map. */
  void key(int entry) {
    kinds[size - 1] = KEY;
    indices[size - 1] = entry;
    keys[size - 1] = null;
  }

  /** At the value under {@code key} of the innermost map. */
  void value(@Nullable Object key) {
    kinds[size - 1] = VALUE;
    keys[size - 1] = key;
  }

  /** The path, such as {@code $.addresses[2].city}; {@code $} is the whole value. */
  String render() {
    StringBuilder out = new StringBuilder("$");
    for (int i = 0; i < size; i++) {
      switch (kinds[i]) {
        case INDEX -> out.append('[').append(indices[i]).append(']');
        case KEY -> out.append("{key of entry ").append(indices[i]).append('}');
        default -> appendKey(out, keys[i]);
      }
    }
    return out.toString();
  }

  private static void appendKey(StringBuilder out, @Nullable Object key) {
    if (key instanceof String name) {
      if (isIdentifier(name)) {
        out.append('.').append(name);
      } else {
        out.append("[\"");
        int shown = Math.min(name.length(), 40);
        for (int i = 0; i < shown; i++) {
          char c = name.charAt(i);
          if (c == '"' || c == '\\') {
            out.append('\\').append(c);
          } else if (c < 0x20 || c == 0x7f) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
        out.append(shown < name.length() ? "...\"]" : "\"]");
      }
    } else {
      out.append('[').append(describeKey(key)).append(']');
    }
  }

  private static String describeKey(@Nullable Object key) {
    if (key == null) {
      return "nil";
    }
    String text = String.valueOf(key);
    if (key instanceof Float) {
      text += "f";
    }
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  private static boolean isIdentifier(String name) {
    if (name.isEmpty() || name.length() > 64) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }
}
