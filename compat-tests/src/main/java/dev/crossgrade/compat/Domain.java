package dev.crossgrade.compat;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The values a cell generates: the generic value model less what its codec documents it cannot
 * carry (a lone surrogate in MessagePack, NaN in JSON, binary in old-spec MessagePack, ...), or the
 * fields of a sample type. The shrinker keeps its candidates inside the domain.
 *
 * @param name a key for caching generated values and for reports
 * @param loneSurrogates strings may hold unpaired surrogates
 * @param nonFinite doubles may be NaN or infinite
 * @param bytes {@code byte[]} values may appear
 * @param bigIntegers integers beyond {@code long}: {@code "uint64"}, {@code "any"} or {@code ""}
 * @param mapOf maps may be built with {@code Map.of}
 * @param layout for a sample type, its fields; empty for the generic model
 * @param stringsOnly every value is a string (the text cells)
 */
record Domain(
    String name,
    boolean loneSurrogates,
    boolean nonFinite,
    boolean bytes,
    String bigIntegers,
    boolean mapOf,
    @Nullable Layout layout,
    boolean stringsOnly) {

  static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  static Domain generic(
      String name, boolean loneSurrogates, boolean nonFinite, boolean bytes, String bigIntegers) {
    return new Domain(name, loneSurrogates, nonFinite, bytes, bigIntegers, true, null, false);
  }

  static Domain text(String name) {
    return new Domain(name, false, false, false, "", false, null, true);
  }

  static Domain struct(Layout layout, boolean nonFinite) {
    return new Domain(
        "struct:" + layout.type() + (nonFinite ? "+nonfinite" : ""),
        false,
        nonFinite,
        layout.hasBytes(),
        "",
        false,
        layout,
        false);
  }

  /** Whether {@code value} may be generated in this domain (the shrinker's guard). */
  boolean accepts(@Nullable Object value) {
    if (value == null) {
      return false;
    }
    if (stringsOnly) {
      return value instanceof String s && accepts(s);
    }
    if (layout != null) {
      return value instanceof Struct struct && layout.accepts(struct, this);
    }
    return acceptsNested(value, 0);
  }

  boolean acceptsNested(@Nullable Object value, int depth) {
    if (value == null) {
      return depth > 0;
    }
    if (value instanceof String s) {
      return accepts(s);
    }
    if (value instanceof Double d) {
      return nonFinite || Double.isFinite(d);
    }
    if (value instanceof byte[]) {
      return bytes;
    }
    if (value instanceof BigInteger big) {
      return switch (bigIntegers) {
        case "any" -> true;
        case "uint64" -> big.signum() > 0 && big.compareTo(UINT64_MAX) <= 0;
        default -> false;
      };
    }
    if (value instanceof List<?> list) {
      for (Object element : list) {
        if (!acceptsNested(element, depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (value instanceof Map<?, ?> map) {
      if (!mapOf && MapKind.of(map) == MapKind.MAP_OF) {
        return false;
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)
            || !accepts(key)
            || !acceptsNested(entry.getValue(), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    return value instanceof Long || value instanceof Boolean;
  }

  /**
   * {@code value} (from the widest domain) moved into this one: lone surrogates become U+FFFD,
   * non-finite doubles 1.5, byte arrays hex strings, big integers ones this domain allows, and
   * {@code Map.of} maps ordered ones, each only where this domain forbids them. Sharing one set of
   * generated values this way keeps the traps' mix and saves generating per domain.
   */
  @Nullable Object project(@Nullable Object value) {
    if (value instanceof String s) {
      return accepts(s) ? s : replaceLoneSurrogates(s);
    }
    if (value instanceof Double d) {
      return nonFinite || Double.isFinite(d) ? d : 1.5;
    }
    if (value instanceof byte[] b) {
      return bytes ? b : java.util.HexFormat.of().formatHex(b);
    }
    if (value instanceof BigInteger big) {
      return switch (bigIntegers) {
        case "any" -> big;
        case "uint64" ->
            BigInteger.valueOf(Long.MAX_VALUE)
                .add(BigInteger.ONE)
                .add(big.abs().mod(BigInteger.ONE.shiftLeft(63)));
        default -> big.longValue();
      };
    }
    if (value instanceof List<?> list) {
      List<@Nullable Object> out = new java.util.ArrayList<>(list.size());
      list.forEach(e -> out.add(project(e)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      MapKind kind = MapKind.of(map);
      if (!mapOf && kind == MapKind.MAP_OF) {
        kind = MapKind.LINKED;
      }
      List<Map.Entry<String, @Nullable Object>> entries = new java.util.ArrayList<>();
      java.util.Set<String> keys = new java.util.HashSet<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = (String) project(e.getKey());
        if (keys.add(key)) {
          entries.add(new java.util.AbstractMap.SimpleEntry<>(key, project(e.getValue())));
        }
      }
      Map<String, @Nullable Object> built = kind.build(entries);
      return built != null ? built : MapKind.LINKED.build(entries);
    }
    return value;
  }

  private static String replaceLoneSurrogates(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else {
        out.append(Character.isSurrogate(c) ? '\ufffd' : c);
      }
    }
    return out.toString();
  }

  boolean accepts(String s) {
    return loneSurrogates || !hasLoneSurrogate(s);
  }

  static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
