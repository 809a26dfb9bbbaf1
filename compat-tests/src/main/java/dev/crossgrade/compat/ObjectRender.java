package dev.crossgrade.compat;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Values of users' types as text: records and classes as {@code Name{field=value, ...}}, strings
 * quoted and escaped beyond printable ASCII, enums by name, sets, maps and arrays by content, a
 * {@code long} with an {@code L}, a {@code float} with an {@code f}, a {@code BigDecimal} with its
 * scale; cut at a few hundred characters.
 */
final class ObjectRender {
  private static final int MAX = 400;

  private ObjectRender() {}

  static String value(@Nullable Object value) {
    StringBuilder out = new StringBuilder();
    append(out, value, 0);
    return out.length() > MAX ? out.substring(0, MAX) + "…" : out.toString();
  }

  /** The value and its Java type, for two values that print alike. */
  static String typed(@Nullable Object value) {
    return value(value) + (value == null ? "" : " (" + value.getClass().getName() + ")");
  }

  private static void append(StringBuilder out, @Nullable Object value, int depth) {
    if (out.length() > MAX) {
      return;
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof CharSequence s) {
      string(out, s.toString());
    } else if (value instanceof Character c) {
      out.append('\'');
      Render.escape(out, String.valueOf(c));
      out.append('\'');
    } else if (value instanceof Long l) {
      out.append(l).append('L');
    } else if (value instanceof Float f) {
      out.append(f).append('f');
    } else if (value instanceof Double d) {
      out.append(Render.number(d));
    } else if (value instanceof BigDecimal b) {
      out.append(b.toPlainString()).append(" (scale ").append(b.scale()).append(')');
    } else if (value instanceof Enum<?> e) {
      out.append(e.name());
    } else if (value instanceof Optional<?> o) {
      if (o.isEmpty()) {
        out.append("Optional.empty");
      } else {
        out.append("Optional[");
        append(out, o.get(), depth + 1);
        out.append(']');
      }
    } else if (value.getClass().isArray()) {
      out.append(value.getClass().getComponentType().getSimpleName()).append("[]{");
      for (int i = 0; i < Array.getLength(value); i++) {
        out.append(i == 0 ? "" : ", ");
        append(out, Array.get(value, i), depth + 1);
      }
      out.append('}');
    } else if (value instanceof Collection<?> c) {
      out.append(value instanceof Set ? "Set[" : "[");
      boolean first = true;
      for (Object e : c) {
        out.append(first ? "" : ", ");
        first = false;
        append(out, e, depth + 1);
      }
      out.append(']');
    } else if (value instanceof Map<?, ?> m) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        out.append(first ? "" : ", ");
        first = false;
        append(out, e.getKey(), depth + 1);
        out.append(": ");
        append(out, e.getValue(), depth + 1);
      }
      out.append('}');
    } else if (Reflection.isUserType(value.getClass()) && depth < 8) {
      out.append(value.getClass().getSimpleName()).append('{');
      boolean first = true;
      for (Reflection.Member m : Reflection.members(value.getClass())) {
        out.append(first ? "" : ", ");
        first = false;
        out.append(m.name()).append('=');
        Object field;
        try {
          field = m.get(value);
        } catch (RuntimeException e) {
          field = "<unreadable>";
        }
        append(out, field, depth + 1);
      }
      out.append('}');
    } else {
      out.append(value);
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    Render.escape(out, s);
    out.append('"');
  }
}
