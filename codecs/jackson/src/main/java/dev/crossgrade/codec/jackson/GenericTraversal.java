package dev.crossgrade.codec.jackson;

import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.UnencodableValueException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.jspecify.annotations.Nullable;

/**
 * Walks a value of the generic model (see {@link dev.crossgrade.codec.CodecProvider}) depth-first
 * without recursion, checks it against the {@link Limits} and reports it to a {@link Sink}; with
 * {@code sortKeys}, object members come in UTF-16 code unit order of their keys, as RFC 8785
 * requires. {@link Integer}, {@link Short} and {@link Byte} are accepted as integers and {@link
 * Float} as a floating-point number.
 */
final class GenericTraversal {
  /**
   * Receives the events of a walk; a method throws {@link Rejected} for a value it cannot write.
   */
  interface Sink {
    /** A JSON null. */
    void nullValue();

    /** A JSON boolean. */
    void bool(boolean value);

    /** A string value. */
    void string(String value);

    /** An integer that fits a long. */
    void integer(long value);

    /** An integer beyond a long. */
    void bigInteger(BigInteger value);

    /** A floating-point number. */
    void floating(double value);

    /** The start of an object of {@code size} members. */
    void startObject(int size);

    /** The key of the next object member. */
    void key(String key);

    /** The end of the current object. */
    void endObject();

    /** The start of an array of {@code size} elements. */
    void startArray(int size);

    /** The end of the current array. */
    void endArray();
  }

  /** A value that a sink cannot write; the walk adds where it is and throws it as unencodable. */
  static final class Rejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  private static final Comparator<Map.Entry<?, ?>> BY_KEY =
      Comparator.comparing(entry -> (String) entry.getKey());

  private final Limits limits;
  private final boolean sortKeys;
  private final Sink sink;
  // Per open container: its members (Map.Entry[]) or elements (Iterator), and the next index.
  private Object[] members = new Object[8];
  private int[] next = new int[8];
  private @Nullable String[] keys = new String[8];
  private int depth;

  private GenericTraversal(Limits limits, boolean sortKeys, Sink sink) {
    this.limits = limits;
    this.sortKeys = sortKeys;
    this.sink = sink;
  }

  /**
   * Walks {@code root} into {@code sink}.
   *
   * @throws UnencodableValueException if the value is not in the generic model or the sink rejects
   *     part of it
   * @throws LimitExceededException if the value is over the limits
   */
  static void walk(@Nullable Object root, Limits limits, boolean sortKeys, Sink sink) {
    new GenericTraversal(limits, sortKeys, sink).run(root);
  }

  private void run(@Nullable Object root) {
    try {
      Object value = root;
      while (true) {
        if (value instanceof Map<?, ?> map) {
          open(sortedMembers(map));
          sink.startObject(map.size());
        } else if (value instanceof List<?> list) {
          if (list.size() > limits.maxCollectionSize()) {
            limits.checkCollectionSize(list.size(), path());
          }
          open(list.iterator());
          sink.startArray(list.size());
        } else {
          scalar(value);
        }
        // Find the next value: the next member of the innermost container that has one.
        while (true) {
          if (depth == 0) {
            return;
          }
          Object container = members[depth - 1];
          int index = next[depth - 1]++;
          if (container instanceof Iterator<?> elements) {
            if (elements.hasNext()) {
              value = elements.next();
              break;
            }
            depth--;
            sink.endArray();
          } else {
            Map.Entry<?, ?>[] entries = (Map.Entry<?, ?>[]) container;
            if (index < entries.length) {
              String key = (String) entries[index].getKey();
              keys[depth - 1] = key;
              if (key.length() > limits.maxStringLength()) {
                limits.checkStringLength(key.length(), path());
              }
              sink.key(key);
              value = entries[index].getValue();
              break;
            }
            keys[depth - 1] = null;
            depth--;
            sink.endObject();
          }
        }
      }
    } catch (Rejected rejected) {
      throw new UnencodableValueException(rejected.getMessage() + " at " + path());
    }
  }

  private Map.Entry<?, ?>[] sortedMembers(Map<?, ?> map) {
    if (map.size() > limits.maxCollectionSize()) {
      limits.checkCollectionSize(map.size(), path());
    }
    Map.Entry<?, ?>[] entries = map.entrySet().toArray(new Map.Entry<?, ?>[0]);
    for (Map.Entry<?, ?> entry : entries) {
      Object key = entry.getKey();
      if (!(key instanceof String)) {
        throw new Rejected(
            "map key %s is not a string"
                .formatted((key == null ? "null" : "of " + key.getClass().getName())));
      }
    }
    // Canonical output sorts every map. Otherwise a map keeps its order only when it has a defined
    // one: HashMap and Map.of iterate in hash order, which differs between JVMs and even runs.
    if (sortKeys || !(map instanceof LinkedHashMap || map instanceof SortedMap)) {
      Arrays.sort(entries, BY_KEY); // String.compareTo: UTF-16 code unit order
    }
    return entries;
  }

  private void open(Object container) {
    if (depth >= limits.maxDepth()) {
      limits.checkDepth(depth + 1, path());
    }
    if (depth == members.length) {
      members = Arrays.copyOf(members, depth * 2);
      next = Arrays.copyOf(next, depth * 2);
      keys = Arrays.copyOf(keys, depth * 2);
    }
    members[depth] = container;
    next[depth] = 0;
    keys[depth] = null;
    depth++;
  }

  private void scalar(@Nullable Object value) {
    if (value == null) {
      sink.nullValue();
    } else if (value instanceof String string) {
      if (string.length() > limits.maxStringLength()) {
        limits.checkStringLength(string.length(), path());
      }
      sink.string(string);
    } else if (value instanceof Boolean bool) {
      sink.bool(bool);
    } else if (value instanceof Long || value instanceof Integer) {
      sink.integer(((Number) value).longValue());
    } else if (value instanceof Double || value instanceof Float) {
      sink.floating(((Number) value).doubleValue());
    } else if (value instanceof BigInteger big) {
      if (big.bitLength() < 64) {
        sink.integer(big.longValue());
      } else {
        sink.bigInteger(big);
      }
    } else if (value instanceof Short || value instanceof Byte) {
      sink.integer(((Number) value).longValue());
    } else {
      throw new Rejected(
          """
          a %s is not in the generic JSON model (Map, List, String, Boolean, Long, BigInteger, \
          Double or null)"""
              .formatted(value.getClass().getName()));
    }
  }

  /** Where the walk is, such as {@code $.lines[2].sku}. */
  // Built only when a check fails: the limit comparisons above run first, because building the
  // path for every string and container was a third of canonical JSON's time (JMH).
  private String path() {
    StringBuilder path = new StringBuilder("$");
    for (int i = 0; i < depth; i++) {
      if (members[i] instanceof Iterator<?>) {
        JsonPath.appendIndex(path, next[i] - 1);
      } else if (keys[i] != null) {
        JsonPath.appendKey(path, keys[i]);
      }
    }
    return path.toString();
  }
}
