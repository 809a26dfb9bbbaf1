package dev.crossgrade.compat;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a generated map was built, which decides its iteration order: {@code Map.of} iterates in an
 * order that changes from one JVM to the next, {@code HashMap} by hash, {@code LinkedHashMap} in
 * insertion order.
 */
enum MapKind {
  LINKED,
  HASH,
  MAP_OF;

  static MapKind of(Map<?, ?> map) {
    if (map instanceof LinkedHashMap) {
      return LINKED;
    }
    if (map instanceof HashMap) {
      return HASH;
    }
    return MAP_OF;
  }

  /** A map of this kind with the entries; null when {@code Map.of} cannot hold them. */
  @Nullable Map<String, @Nullable Object> build(List<Map.Entry<String, @Nullable Object>> entries) {
    switch (this) {
      case LINKED -> {
        LinkedHashMap<String, @Nullable Object> map = new LinkedHashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
      }
      case HASH -> {
        HashMap<String, @Nullable Object> map = new HashMap<>();
        entries.forEach(e -> map.put(e.getKey(), e.getValue()));
        return map;
      }
      default -> {
        List<Map.Entry<String, Object>> copy = new ArrayList<>();
        for (Map.Entry<String, @Nullable Object> e : entries) {
          Object v = e.getValue();
          if (v == null) {
            return null;
          }
          copy.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), v));
        }
        try {
          @SuppressWarnings({"unchecked", "rawtypes"}) // Map.ofEntries takes a generic array
          Map.Entry<String, Object>[] array = copy.toArray(new Map.Entry[0]);
          Map<String, @Nullable Object> map = Map.ofEntries(array);
          return map;
        } catch (IllegalArgumentException duplicateKey) {
          return null;
        }
      }
    }
  }

  static List<Map.Entry<String, @Nullable Object>> entries(Map<?, ?> map) {
    List<Map.Entry<String, @Nullable Object>> entries = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      entries.add(new AbstractMap.SimpleEntry<>((String) e.getKey(), e.getValue()));
    }
    return entries;
  }
}
