package dev.crossgrade.codec.kryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.tck.CodecContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;

/** The Kryo 4 codec of the generic value model passes the codec contract. */
class Kryo4GenericCodecTest implements CodecContract<Object> {
  private static final Codec<Object> CODEC = Kryo4Codec.generic();

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

  static byte[] nestedLists(int depth) {
    return Kryo4PersonCodecTest.body(
        out -> {
          for (int i = 0; i < depth; i++) {
            out.writeVarInt(Kryo4Binding.GENERIC_BASE + GenericValues.LIST + 2, true);
            out.writeVarInt(1, true);
          }
          out.writeVarInt(0, true);
        });
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    hostile.put(
        "byte[] claiming 2^31 - 2 bytes",
        Kryo4PersonCodecTest.body(
            out -> {
              out.writeVarInt(Kryo4Binding.GENERIC_BASE + GenericValues.BYTES + 2, true);
              out.writeVarInt(Integer.MAX_VALUE, true);
            }));
    hostile.put(
        "ArrayList claiming Integer.MAX_VALUE elements",
        Kryo4PersonCodecTest.body(
            out -> {
              out.writeVarInt(Kryo4Binding.GENERIC_BASE + GenericValues.LIST + 2, true);
              out.writeVarInt(Integer.MAX_VALUE, true);
            }));
    hostile.put(
        "LinkedHashMap claiming Integer.MAX_VALUE entries",
        Kryo4PersonCodecTest.body(
            out -> {
              out.writeVarInt(Kryo4Binding.GENERIC_BASE + GenericValues.MAP + 2, true);
              out.writeVarInt(Integer.MAX_VALUE, true);
            }));
    hostile.put(
        "String claiming 2^31 - 2 chars",
        Kryo4PersonCodecTest.body(
            out -> {
              out.writeVarInt(Kryo4Binding.GENERIC_BASE + GenericValues.STRING + 2, true);
              out.writeByte(0xC0 | 0x3F);
              out.writeVarInt(Integer.MAX_VALUE >>> 6, true);
            }));
    hostile.put("lists nested 150 deep", nestedLists(150));
    return hostile;
  }

  @Example
  void nestingAtTheLimitIsRead() {
    byte[] body = nestedLists(100);
    assertThat(CODEC.decode(body, 0, body.length, Limits.defaults())).isInstanceOf(List.class);
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
