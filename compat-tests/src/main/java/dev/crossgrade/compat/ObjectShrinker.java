package dev.crossgrade.compat;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A greedy shrinker of users' values, in the writer's class loader: it proposes simpler values (a
 * field set to null, zero, empty or a simpler value of its own; fewer elements or entries; shorter
 * strings), keeps the first that still fails and starts over, until none fails or the time is up.
 */
final class ObjectShrinker {
  private static final int MAX_CANDIDATES = 400;

  private ObjectShrinker() {}

  /** The shrunk value and its failure. */
  record Shrunk(Object value, String failure) {}

  /**
   * Shrinks {@code failing} until {@code deadline} (a {@link System#nanoTime()}).
   *
   * @param failure given a candidate, why it fails, or null if it passes or cannot be written
   */
  static Shrunk shrink(
      Object failing, String why, Function<Object, @Nullable String> failure, long deadline) {
    Object current = failing;
    String currentWhy = why;
    boolean progress = true;
    while (progress && System.nanoTime() < deadline) {
      progress = false;
      List<Object> candidates = new ArrayList<>();
      candidates(current, current.getClass(), 0, candidates);
      for (Object candidate : candidates) {
        if (System.nanoTime() >= deadline) {
          break;
        }
        if (candidate == null) {
          continue;
        }
        String f = failure.apply(candidate);
        if (f != null) {
          current = candidate;
          currentWhy = f;
          progress = true;
          break;
        }
      }
    }
    return new Shrunk(current, currentWhy);
  }

  /** Simpler values than {@code value} (declared as {@code type}), biggest steps first. */
  static void candidates(@Nullable Object value, Type type, int depth, List<Object> out) {
    if (value == null || out.size() > MAX_CANDIDATES || depth > 6) {
      return;
    }
    Class<?> c = value.getClass();
    if (value instanceof String s) {
      if (!s.isEmpty()) {
        out.add("");
        if (s.length() > 1) {
          out.add(s.substring(0, s.length() / 2));
          out.add(s.substring(1));
        }
        if (!s.equals("a")) {
          out.add("a");
        }
      }
    } else if (value instanceof Integer i) {
      numbers(i.longValue(), out, v -> (int) v);
    } else if (value instanceof Long l) {
      numbers(l, out, v -> v);
    } else if (value instanceof Short s) {
      numbers(s.longValue(), out, v -> (short) v);
    } else if (value instanceof Byte b) {
      numbers(b.longValue(), out, v -> (byte) v);
    } else if (value instanceof Double d) {
      if (d != 0.0) {
        out.add(0.0);
        out.add(1.0);
        if (d != Math.rint(d)) {
          out.add(Math.rint(d));
        }
      }
    } else if (value instanceof Float f) {
      if (f != 0f) {
        out.add(0f);
        out.add(1f);
      }
    } else if (value instanceof BigDecimal b) {
      if (b.signum() != 0) {
        out.add(BigDecimal.ZERO);
        out.add(BigDecimal.ONE);
        if (b.scale() > 0) {
          out.add(b.setScale(b.scale() - 1, java.math.RoundingMode.DOWN));
        }
      }
    } else if (value instanceof BigInteger b) {
      if (b.signum() != 0) {
        out.add(BigInteger.ZERO);
        out.add(b.shiftRight(1));
      }
    } else if (value instanceof Boolean b) {
      if (b) {
        out.add(false);
      }
    } else if (value instanceof Character ch) {
      if (ch != 'a') {
        out.add('a');
      }
    } else if (value instanceof Enum<?> e) {
      Object first = e.getDeclaringClass().getEnumConstants()[0];
      if (first != e) {
        out.add(first);
      }
    } else if (value instanceof Optional<?> o) {
      if (o.isPresent()) {
        out.add(Optional.empty());
        List<Object> inner = new ArrayList<>();
        candidates(o.get(), Object.class, depth + 1, inner);
        inner.forEach(x -> out.add(Optional.of(x)));
      }
    } else if (c.isArray()) {
      int n = Array.getLength(value);
      if (n > 0) {
        out.add(Array.newInstance(c.getComponentType(), 0));
        for (int i = 0; i < n; i++) {
          Object shorter = Array.newInstance(c.getComponentType(), n - 1);
          for (int j = 0, k = 0; j < n; j++) {
            if (j != i) {
              Array.set(shorter, k++, Array.get(value, j));
            }
          }
          out.add(shorter);
        }
      }
    } else if (value instanceof Collection<?> col) {
      collection(col, depth, out);
    } else if (value instanceof Map<?, ?> map) {
      map(map, depth, out);
    } else if (Reflection.isUserType(c)) {
      struct(value, depth, out);
    }
  }

  private static void numbers(
      long v, List<Object> out, java.util.function.LongFunction<Object> as) {
    if (v == 0) {
      return;
    }
    out.add(as.apply(0));
    if (v != 1) {
      out.add(as.apply(1));
    }
    if (v < 0 && v != Long.MIN_VALUE) {
      out.add(as.apply(-v));
    }
    for (long d = v / 2; d != 0; d /= 2) {
      out.add(as.apply(v - d)); // nearer to zero step by step: finds the boundary a value crosses
    }
  }

  private static Collection<Object> like(Collection<?> original) {
    if (original instanceof SortedSet<?>) {
      return new TreeSet<>();
    }
    if (original instanceof Set<?>) {
      return new LinkedHashSet<>();
    }
    return new ArrayList<>();
  }

  private static void collection(Collection<?> col, int depth, List<Object> out) {
    if (col.isEmpty()) {
      return;
    }
    List<Object> items = new ArrayList<>(col);
    out.add(like(col));
    for (int i = 0; i < items.size(); i++) {
      Collection<Object> fewer = like(col);
      for (int j = 0; j < items.size(); j++) {
        if (j != i) {
          fewer.add(items.get(j));
        }
      }
      out.add(fewer);
    }
    for (int i = 0; i < items.size(); i++) {
      List<Object> inner = new ArrayList<>();
      candidates(items.get(i), Object.class, depth + 1, inner);
      for (Object x : inner) {
        Collection<Object> changed = like(col);
        for (int j = 0; j < items.size(); j++) {
          changed.add(j == i ? x : items.get(j));
        }
        out.add(changed);
      }
    }
  }

  private static Map<Object, Object> likeMap(Map<?, ?> original) {
    if (original instanceof SortedMap<?, ?>) {
      return new TreeMap<>();
    }
    if (original instanceof java.util.EnumMap<?, ?> e) {
      @SuppressWarnings({"unchecked", "rawtypes"})
      Map<Object, Object> copy = new java.util.EnumMap(e);
      copy.clear();
      return copy;
    }
    return new LinkedHashMap<>();
  }

  private static void map(Map<?, ?> map, int depth, List<Object> out) {
    if (map.isEmpty()) {
      return;
    }
    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
    out.add(likeMap(map));
    for (int i = 0; i < entries.size(); i++) {
      Map<Object, Object> fewer = likeMap(map);
      for (int j = 0; j < entries.size(); j++) {
        if (j != i) {
          fewer.put(entries.get(j).getKey(), entries.get(j).getValue());
        }
      }
      out.add(fewer);
    }
    for (int i = 0; i < entries.size(); i++) {
      List<Object> inner = new ArrayList<>();
      candidates(entries.get(i).getValue(), Object.class, depth + 1, inner);
      for (Object x : inner) {
        Map<Object, Object> changed = likeMap(map);
        for (int j = 0; j < entries.size(); j++) {
          changed.put(entries.get(j).getKey(), j == i ? x : entries.get(j).getValue());
        }
        out.add(changed);
      }
    }
  }

  private static void struct(Object value, int depth, List<Object> out) {
    Class<?> type = value.getClass();
    List<Reflection.Member> members = Reflection.members(type);
    Object[] current = new Object[members.size()];
    for (int i = 0; i < current.length; i++) {
      current[i] = members.get(i).get(value);
    }
    for (int i = 0; i < current.length; i++) {
      Class<?> declared = Reflection.raw(members.get(i).type());
      List<Object> simpler = new ArrayList<>();
      if (current[i] != null && !declared.isPrimitive()) {
        simpler.add(NULL);
      }
      candidates(current[i], members.get(i).type(), depth + 1, simpler);
      for (Object s : simpler) {
        Object[] args = current.clone();
        args[i] = s == NULL ? null : s;
        Object built = build(type, members, args);
        if (built != null) {
          out.add(built);
        }
      }
    }
  }

  private static final Object NULL = new Object();

  private static @Nullable Object build(
      Class<?> type, List<Reflection.Member> members, Object[] args) {
    try {
      if (type.isRecord()) {
        Class<?>[] types = new Class<?>[members.size()];
        for (int i = 0; i < types.length; i++) {
          types[i] = members.get(i).component().getType();
        }
        Constructor<?> c = type.getDeclaredConstructor(types);
        c.setAccessible(true);
        return c.newInstance(args);
      }
      Object copy;
      try {
        Constructor<?> c = type.getDeclaredConstructor();
        c.setAccessible(true);
        copy = c.newInstance();
      } catch (NoSuchMethodException e) {
        copy = Instantiate.without(type);
      }
      for (int i = 0; i < args.length; i++) {
        var field = members.get(i).field();
        if (args[i] == null && field.getType().isPrimitive()) {
          continue;
        }
        field.set(copy, args[i]);
      }
      return copy;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // the type refuses this simplification
    }
  }
}
