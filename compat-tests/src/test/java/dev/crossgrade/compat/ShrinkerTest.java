package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jspecify.annotations.Nullable;

class ShrinkerTest {
  static final Domain GENERIC = Domain.generic("test", true, true, true, "any");

  static Object shrink(Object value, Predicate<Object> fails) {
    return Shrinker.shrink(
            value,
            "fails",
            GENERIC,
            candidates -> {
              for (int i = 0; i < candidates.size(); i++) {
                if (fails.test(candidates.get(i))) {
                  return new Shrinker.Failure(i, "fails");
                }
              }
              return null;
            })
        .value();
  }

  @Example
  void aLongStringShrinksToExactlyTheFailingByteLengthOfPlainLetters() {
    String start = "xé😀".repeat(20);
    Object shrunk = shrink(start, v -> v instanceof String s && Values.utf8Length(s) >= 32);
    assertThat(shrunk).isEqualTo("a".repeat(32));
  }

  @Example
  void aContainerShrinksToTheOneChildThatFails() {
    LinkedHashMap<String, @Nullable Object> map = new LinkedHashMap<>();
    map.put("list", new ArrayList<>(List.of(1L, 2L, 2e23)));
    map.put("other", "text");
    Object shrunk = shrink(map, v -> Render.value(v).contains("2e+23"));
    assertThat(shrunk).isEqualTo(2e23);
  }

  @Property(tries = 50)
  void aLongShrinksToTheBoundaryItCrosses(@ForAll @IntRange(min = 0, max = 62) int bit) {
    long boundary = 1L << bit;
    Object shrunk = shrink(Long.MAX_VALUE, v -> v instanceof Long l && l >= boundary);
    assertThat(shrunk).isEqualTo(boundary);
  }

  @Example
  void aMapOfKeepsItsKindOnlyWhileTheKindMatters() {
    Object shrunk =
        shrink(
            Map.of("a", 1L, "b", 2L),
            v -> v instanceof Map<?, ?> m && MapKind.of(m) == MapKind.MAP_OF && m.size() == 2);
    assertThat(MapKind.of((Map<?, ?>) shrunk)).isEqualTo(MapKind.MAP_OF);
    assertThat(Render.value(shrunk))
        .isIn("Map.of{\"\": 0L, \"a\": 0L}", "Map.of{\"a\": 0L, \"\": 0L}");
  }

  @Example
  void aPassingCandidateIsNeverTaken() {
    Object shrunk = shrink(List.of("keep", 5L), v -> v instanceof List<?> l && l.contains("keep"));
    assertThat(shrunk).isEqualTo(List.of("keep"));
  }
}
