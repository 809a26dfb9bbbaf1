package dev.crossgrade.codec.kryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.kryo5.io.Output;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecProvider;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.tck.CodecContract;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;

/** The Kryo 5 codec of the generic value model passes the codec contract. */
class Kryo5GenericCodecTest implements CodecContract<Object> {
  private static final Codec<Object> CODEC = Kryo5Codec.generic();

  @Override
  public Codec<Object> codec() {
    return CODEC;
  }

  @Override
  public Arbitrary<Object> values() {
    return GenericModel.values(3);
  }

  @Override
  public boolean equivalent(Object expected, Object actual) {
    return GenericModel.equivalent(expected, actual);
  }

  @Override
  public Map<String, Object> goldenValues() {
    return GenericModel.golden();
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    hostile.put(
        "byte[] claiming 2^31 - 2 bytes",
        body(
            out -> {
              out.writeVarInt(Kryo5Binding.GENERIC_BASE + GenericValues.BYTES + 2, true);
              out.writeVarInt(Integer.MAX_VALUE, true);
            }));
    hostile.put(
        "ArrayList claiming Integer.MAX_VALUE elements",
        body(
            out -> {
              out.writeVarInt(Kryo5Binding.GENERIC_BASE + GenericValues.LIST + 2, true);
              out.writeVarIntFlag(false, Integer.MIN_VALUE, true);
            }));
    hostile.put(
        "LinkedHashMap claiming 2^31 - 2 entries",
        body(
            out -> {
              out.writeVarInt(Kryo5Binding.GENERIC_BASE + GenericValues.MAP + 2, true);
              out.writeVarInt(Integer.MAX_VALUE, true);
            }));
    hostile.put(
        "String claiming 2^31 - 2 chars",
        body(
            out -> {
              out.writeVarInt(Kryo5Binding.GENERIC_BASE + GenericValues.STRING + 2, true);
              out.writeByte(0xC0 | 0x3F);
              out.writeVarInt(Integer.MAX_VALUE >>> 6, true);
            }));
    hostile.put("lists nested 150 deep", nestedLists(150));
    return hostile;
  }

  static byte[] nestedLists(int depth) {
    return body(
        out -> {
          for (int i = 0; i < depth; i++) {
            out.writeVarInt(Kryo5Binding.GENERIC_BASE + GenericValues.LIST + 2, true);
            out.writeVarIntFlag(false, 2, true);
          }
          out.writeVarInt(0, true);
        });
  }

  interface Writer {
    void write(Output out);
  }

  static byte[] body(Writer writer) {
    Output out = new Output(64, -1);
    writer.write(out);
    return out.toBytes();
  }

  @Example
  void isFoundByNameThroughTheProvider() {
    assertThat(CodecProvider.find("kryo5")).isPresent();
    assertThat(CodecProvider.find("kryo4")).isPresent();
  }

  @Example
  void otherMapsAndListsAreWrittenAsTheModelsClasses() {
    Map<String, Object> tree = new TreeMap<>();
    tree.put("b", List.of(1, 2.5f));
    tree.put("a", new HashMap<>(Map.of("x", (short) 3)));
    PayloadBuffer out = new PayloadBuffer(16, 1 << 20);
    CODEC.encode(tree, out, Limits.defaults());
    Object decoded = CODEC.decode(out.array(), 0, out.size(), Limits.defaults());
    LinkedHashMap<String, Object> expected = new LinkedHashMap<>();
    expected.put("a", new LinkedHashMap<>(Map.of("x", 3L)));
    expected.put("b", new java.util.ArrayList<>(List.of(1L, 2.5)));
    assertThat(GenericModel.equivalent(expected, decoded)).as("%s", decoded).isTrue();
  }

  @Example
  void valuesOutsideTheModelAreUnencodableWithTheirPath() {
    Map<String, Object> value = Map.of("when", Instant.EPOCH);
    assertThatThrownBy(() -> CODEC.encode(value, new PayloadBuffer(16, 1 << 20), Limits.defaults()))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("$.when")
        .hasMessageContaining("java.time.Instant");
  }

  @Example
  void tooDeepValuesAreRefusedWhenWritten() {
    Object value = "leaf";
    for (int i = 0; i < 101; i++) {
      value = List.of(value);
    }
    Object deep = value;
    assertThatThrownBy(() -> CODEC.encode(deep, new PayloadBuffer(16, 1 << 20), Limits.defaults()))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Limits.maxDepth");
  }

  @Example
  void nestingAtTheLimitIsRead() {
    byte[] body = nestedLists(100);
    Object decoded = CODEC.decode(body, 0, body.length, Limits.defaults());
    assertThat(decoded).isInstanceOf(List.class);
  }

  @Example
  void stringsOverTheLimitAreRefusedWhateverTheirEncoding() {
    Limits small = Limits.newBuilder().maxStringLength(10).build();
    for (String text : List.of("abcdefghijklmnop", "\u00e9".repeat(11))) {
      PayloadBuffer out = new PayloadBuffer(16, 1 << 20);
      CODEC.encode(text, out, Limits.defaults());
      assertThatThrownBy(() -> CODEC.decode(out.array(), 0, out.size(), small))
          .as(text)
          .isInstanceOf(LimitExceededException.class)
          .hasMessageContaining("Limits.maxStringLength");
    }
  }
}
