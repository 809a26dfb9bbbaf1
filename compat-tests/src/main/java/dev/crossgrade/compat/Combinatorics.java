package dev.crossgrade.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.jspecify.annotations.Nullable;

/** Arbitraries the jqwik API has no one-liner for: maps of a chosen kind, lists of fields. */
final class Combinatorics {
  private Combinatorics() {}

  /** Maps with unique keys, built as {@code Map.of} (when allowed), HashMap or LinkedHashMap. */
  static Arbitrary<Map<String, @Nullable Object>> maps(
      Arbitrary<String> keys, Arbitrary<@Nullable Object> values, boolean mapOf) {
    Arbitrary<MapKind> kinds =
        mapOf ? Arbitraries.of(MapKind.values()) : Arbitraries.of(MapKind.LINKED, MapKind.HASH);
    return Combinators.combine(
            kinds, keys.list().ofMaxSize(6).uniqueElements(), values.list().ofSize(6))
        .as(
            (kind, keyList, valueList) -> {
              List<Map.Entry<String, @Nullable Object>> entries = new ArrayList<>();
              for (int i = 0; i < keyList.size(); i++) {
                entries.add(
                    new java.util.AbstractMap.SimpleEntry<>(keyList.get(i), valueList.get(i)));
              }
              Map<String, @Nullable Object> map = kind.build(entries);
              return map != null ? map : MapKind.HASH.build(entries);
            });
  }

  static Arbitrary<LinkedHashMap<String, Long>> linkedMaps(
      Arbitrary<String> keys, Arbitrary<Long> values) {
    return Combinators.combine(keys.list().ofMaxSize(4), values.list().ofSize(4))
        .as(
            (keyList, valueList) -> {
              LinkedHashMap<String, Long> map = new LinkedHashMap<>();
              for (int i = 0; i < keyList.size(); i++) {
                map.putIfAbsent(keyList.get(i), valueList.get(i));
              }
              return map;
            });
  }

  /** One list holding a value of each arbitrary, in order. */
  static Arbitrary<List<Object>> combine(List<Arbitrary<?>> arbitraries) {
    List<Arbitrary<Object>> objects = new ArrayList<>();
    for (Arbitrary<?> arbitrary : arbitraries) {
      objects.add(arbitrary.map(v -> (Object) v));
    }
    return Combinators.combine(objects).as(ArrayList::new);
  }
}
