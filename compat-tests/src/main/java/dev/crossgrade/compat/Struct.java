package dev.crossgrade.compat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A value of a user or sample type in the generic value model: the type's simple name and its
 * fields in declaration order. The shrinker never adds or removes fields, only shrinks their
 * values.
 */
record Struct(String type, LinkedHashMap<String, @Nullable Object> fields) {
  Struct with(String field, @Nullable Object value) {
    LinkedHashMap<String, @Nullable Object> copy = new LinkedHashMap<>(fields);
    copy.put(field, value);
    return new Struct(type, copy);
  }

  static Struct of(String type, Map<String, @Nullable Object> fields) {
    return new Struct(type, new LinkedHashMap<>(fields));
  }
}
