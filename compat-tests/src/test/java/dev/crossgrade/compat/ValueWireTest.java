package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ValueWireTest {
  static Object roundTrip(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ValueWire.write(new DataOutputStream(bytes), value);
    return ValueWire.read(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
  }

  @Example
  void keepsLoneSurrogatesDoubleBitsAndMapKinds() throws IOException {
    Object value =
        List.of(
            "\ud800x\udc00",
            -0.0,
            Double.longBitsToDouble(0x7ff8_0000_0000_0001L),
            Map.of("b", 1L, "a", 2L),
            new java.util.HashMap<>(Map.of("k", "v")));
    Object back = roundTrip(value);
    assertThat(Equivalence.STRUCTURAL.difference(value, back)).isNull();
    List<?> list = (List<?>) back;
    assertThat(list.get(0)).isEqualTo("\ud800x\udc00");
    assertThat(Double.doubleToRawLongBits((Double) list.get(1))).isEqualTo(Long.MIN_VALUE);
    assertThat(Double.doubleToRawLongBits((Double) list.get(2))).isEqualTo(0x7ff8_0000_0000_0001L);
    assertThat(MapKind.of((Map<?, ?>) list.get(3))).isEqualTo(MapKind.MAP_OF);
    assertThat(MapKind.of((Map<?, ?>) list.get(4))).isEqualTo(MapKind.HASH);
  }

  @Property(tries = 100)
  void everyGeneratedValueSurvivesTheTransport(@ForAll @IntRange(min = 0, max = 1000) int seed)
      throws IOException {
    for (Object value : Values.sample(BuiltInMatrix.WIDEST, 20, seed)) {
      assertThat(Equivalence.STRUCTURAL.difference(value, roundTrip(value))).isNull();
    }
  }

  @Example
  void theGeneratorProducesEveryTrap() {
    List<Object> values = Values.sample(BuiltInMatrix.WIDEST, 3_000, 7);
    String all = String.join("\n", values.stream().map(Render::value).toList());
    assertThat(all)
        .contains("(32 UTF-8 bytes)", "(31 UTF-8 bytes)", "(255 UTF-8 bytes)", "(256 UTF-8 bytes)")
        .contains("\\ud8", "Map.of{", "HashMap{", "NaN", "-0.0", "2e+23", "9007199254740993L");
    assertThat(values).anyMatch(v -> v instanceof List<?> l && l.isEmpty());
  }
}
