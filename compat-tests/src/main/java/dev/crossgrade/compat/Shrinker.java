package dev.crossgrade.compat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A deterministic greedy shrinker over the generic value model. From a failing value it proposes
 * simpler candidates (a container's child instead of the container, fewer elements or entries,
 * shorter strings, characters replaced by {@code 'a'} keeping their UTF-8 length, numbers nearer to
 * zero, ordered maps instead of hash-ordered ones), keeps the first that still fails and starts
 * over, until no candidate fails. Candidates are tested in batches, so a cell that runs in a forked
 * JVM pays one round trip per batch.
 *
 * <p>jqwik's own shrinking is not used: it can only be driven from inside a jqwik property, one
 * JUnit Platform launch per cell, and it cannot replace a container by one of its children.
 */
final class Shrinker {
  private static final int BATCH = 48;
  private static final int MAX_ROUNDS = 2_000;

  private Shrinker() {}

  /** The result: the smallest failing value found and its failure. */
  record Shrunk(Object value, String failure, int steps) {}

  /**
   * Shrinks {@code failing}.
   *
   * @param firstFailure given candidates, the index of the first that fails and its failure, or
   *     null if none fails
   */
  static Shrunk shrink(
      Object failing,
      String failure,
      Domain domain,
      Function<List<Object>, @Nullable Failure> firstFailure) {
    Object current = failing;
    String currentFailure = failure;
    int steps = 0;
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<Object> candidates = new ArrayList<>();
      for (Object candidate : candidates(current, true)) {
        if (domain.accepts(candidate)) {
          candidates.add(candidate);
        }
      }
      Failure found = null;
      for (int from = 0; from < candidates.size() && found == null; from += BATCH) {
        List<Object> batch = candidates.subList(from, Math.min(candidates.size(), from + BATCH));
        Failure f = firstFailure.apply(batch);
        if (f != null) {
          found = new Failure(from + f.index(), f.description());
        }
      }
      if (found == null) {
        break;
      }
      current = candidates.get(found.index());
      currentFailure = found.description();
      steps++;
    }
    return new Shrunk(current, currentFailure, steps);
  }

  /** A failing candidate: its index in the batch and what went wrong. */
  record Failure(int index, String description) {}

  /** Simpler values than {@code value}, roughly the biggest simplifications first. */
  static List<Object> candidates(@Nullable Object value, boolean top) {
    List<Object> out = new ArrayList<>();
    if (value instanceof String s) {
      strings(s, out);
    } else if (value instanceof Long l) {
      for (long c : longs(l)) {
        out.add(c);
      }
    } else if (value instanceof Integer i) {
      for (long c : longs(i)) {
        out.add((int) c);
      }
    } else if (value instanceof BigInteger b) {
      bigIntegers(b, out);
    } else if (value instanceof Double d) {
      doubles(d, out);
    } else if (value instanceof Boolean b && b) {
      out.add(Boolean.FALSE);
    } else if (value instanceof byte[] bytes) {
      bytes(bytes, out);
    } else if (value instanceof List<?> list) {
      list(list, top, out);
    } else if (value instanceof Map<?, ?> map) {
      map(map, top, out);
    } else if (value instanceof Struct struct) {
      for (Map.Entry<String, @Nullable Object> field : struct.fields().entrySet()) {
        for (Object c : candidates(field.getValue(), false)) {
          out.add(struct.with(field.getKey(), c));
        }
      }
    }
    return out;
  }

  private static void strings(String s, List<Object> out) {
    if (s.isEmpty()) {
      return;
    }
    out.add("");
    int[] cps = s.codePoints().toArray();
    if (cps.length > 1) {
      out.add(new String(cps, 0, cps.length / 2));
      out.add(new String(cps, cps.length / 2, cps.length - cps.length / 2));
    }
    int chunk = Math.max(1, cps.length / 16);
    for (int i = 0; i < cps.length; i += chunk) {
      StringBuilder b = new StringBuilder();
      b.append(new String(cps, 0, i));
      int end = Math.min(cps.length, i + chunk);
      b.append(new String(cps, end, cps.length - end));
      out.add(b.toString());
    }
    // Same UTF-8 length, simpler characters: keeps a length-dependent failure while simplifying.
    for (int i = 0; i < cps.length; i++) {
      int cp = cps[i];
      if (cp != 'a') {
        int[] copy = Arrays.copyOf(cps, cps.length);
        copy[i] = 'a';
        String simpler = new String(copy, 0, copy.length);
        int width = Values.utf8Length(cp);
        if (width > 1 && !Character.isSurrogate((char) cp)) {
          out.add(
              new String(cps, 0, i)
                  + "a".repeat(width)
                  + new String(cps, i + 1, cps.length - i - 1));
        }
        out.add(simpler);
      }
    }
  }

  private static long[] longs(long v) {
    if (v == 0) {
      return new long[0];
    }
    List<Long> out = new ArrayList<>();
    out.add(0L);
    if (v < 0 && v != Long.MIN_VALUE) {
      out.add(-v);
    }
    for (long d = v / 2; d != 0; d /= 2) {
      out.add(v - d);
    }
    return out.stream().distinct().filter(c -> c != v).mapToLong(Long::longValue).toArray();
  }

  private static void bigIntegers(BigInteger b, List<Object> out) {
    if (b.signum() == 0) {
      return;
    }
    out.add(BigInteger.ZERO);
    for (BigInteger d = b.shiftRight(1); d.signum() != 0; d = d.shiftRight(1)) {
      out.add(b.subtract(d));
    }
  }

  private static void doubles(double d, List<Object> out) {
    if (Double.doubleToRawLongBits(d) == 0) {
      return;
    }
    out.add(0.0);
    if (!Double.isFinite(d)) {
      return;
    }
    if (d != 1.0) {
      out.add(1.0);
    }
    if (d < 0) {
      out.add(-d);
    }
    double rounded = Math.rint(d);
    if (rounded != d) {
      out.add(rounded);
    }
    for (int digits = 1; digits < 17; digits++) {
      double fewer =
          new java.math.BigDecimal(d)
              .round(new java.math.MathContext(digits, java.math.RoundingMode.HALF_EVEN))
              .doubleValue();
      if (fewer != d && Double.isFinite(fewer)) {
        out.add(fewer);
      }
    }
  }

  private static void bytes(byte[] bytes, List<Object> out) {
    if (bytes.length == 0) {
      return;
    }
    out.add(new byte[0]);
    out.add(Arrays.copyOf(bytes, bytes.length / 2));
    for (int i = 0; i < bytes.length; i++) {
      byte[] copy = new byte[bytes.length - 1];
      System.arraycopy(bytes, 0, copy, 0, i);
      System.arraycopy(bytes, i + 1, copy, i, bytes.length - i - 1);
      out.add(copy);
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] != 0) {
        byte[] copy = bytes.clone();
        copy[i] = 0;
        out.add(copy);
      }
    }
  }

  private static void list(List<?> list, boolean top, List<Object> out) {
    if (list.isEmpty()) {
      return;
    }
    for (Object element : list) {
      if (element != null) {
        out.add(element);
      }
    }
    out.add(new ArrayList<>());
    if (list.size() > 1) {
      out.add(new ArrayList<>(list.subList(0, list.size() / 2)));
      out.add(new ArrayList<>(list.subList(list.size() / 2, list.size())));
    }
    for (int i = 0; i < list.size(); i++) {
      List<@Nullable Object> copy = new ArrayList<>(list);
      copy.remove(i);
      out.add(copy);
    }
    for (int i = 0; i < list.size(); i++) {
      Object element = list.get(i);
      if (element != null) {
        List<@Nullable Object> copy = new ArrayList<>(list);
        copy.set(i, null);
        out.add(copy);
      }
      for (Object c : candidates(element, false)) {
        List<@Nullable Object> changed = new ArrayList<>(list);
        changed.set(i, c);
        out.add(changed);
      }
    }
  }

  private static void map(Map<?, ?> map, boolean top, List<Object> out) {
    MapKind kind = MapKind.of(map);
    List<Map.Entry<String, @Nullable Object>> entries = MapKind.entries(map);
    if (entries.isEmpty()) {
      if (kind != MapKind.LINKED) {
        out.add(new LinkedHashMap<>());
      }
      return;
    }
    for (Map.Entry<String, @Nullable Object> e : entries) {
      if (e.getValue() != null) {
        out.add(e.getValue());
      }
    }
    add(out, kind.build(List.of()));
    for (int i = 0; i < entries.size(); i++) {
      List<Map.Entry<String, @Nullable Object>> copy = new ArrayList<>(entries);
      copy.remove(i);
      add(out, kind.build(copy));
    }
    if (kind != MapKind.LINKED) {
      add(out, MapKind.LINKED.build(entries));
    }
    for (int i = 0; i < entries.size(); i++) {
      Map.Entry<String, @Nullable Object> e = entries.get(i);
      for (Object c : candidates(e.getValue(), false)) {
        List<Map.Entry<String, @Nullable Object>> copy = new ArrayList<>(entries);
        copy.set(i, new java.util.AbstractMap.SimpleEntry<>(e.getKey(), c));
        add(out, kind.build(copy));
      }
      for (Object key : candidates(e.getKey(), false)) {
        List<Map.Entry<String, @Nullable Object>> copy = new ArrayList<>(entries);
        copy.set(i, new java.util.AbstractMap.SimpleEntry<>((String) key, e.getValue()));
        if (copy.stream().map(Map.Entry::getKey).distinct().count() == copy.size()) {
          add(out, kind.build(copy));
        }
      }
    }
  }

  private static void add(List<Object> out, @Nullable Object candidate) {
    if (candidate != null) {
      out.add(candidate);
    }
  }
}
