package dev.crossgrade.compat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The declared equivalence of schema evolution: what a reader of layout {@code to} should see for a
 * value written in another layout. Fields kept (or renamed, as declared) keep their value, fields
 * added take the reader's default, fields removed are dropped; a widened number keeps its value.
 */
final class Evolution {
  /** Renames declared between the sample's versions, both ways. */
  static final Map<String, String> RENAMES =
      Map.of("nickname", "displayName", "displayName", "nickname");

  private Evolution() {}

  static Struct expected(Struct written, Layout to, Map<String, @Nullable Object> defaults) {
    return expected(written, to, defaults, RENAMES);
  }

  static Struct expected(
      Struct written,
      Layout to,
      Map<String, @Nullable Object> defaults,
      Map<String, String> renames) {
    LinkedHashMap<String, @Nullable Object> fields = new LinkedHashMap<>();
    for (String field : to.fields().keySet()) {
      if (written.fields().containsKey(field)) {
        fields.put(field, written.fields().get(field));
      } else if (renames.containsKey(field) && written.fields().containsKey(renames.get(field))) {
        fields.put(field, written.fields().get(renames.get(field)));
      } else {
        fields.put(field, defaults.get(field));
      }
    }
    return new Struct(to.type(), fields);
  }
}
