package dev.crossgrade.codec.kryo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.tck.CodecContract;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;

/** The Kryo 4 codec of a registered user type passes the codec contract. */
class Kryo4PersonCodecTest implements CodecContract<Person> {
  static final Codec<Person> CODEC =
      Person.register(Kryo4Codec.newBuilder(Person.class), (b, t, id) -> b.register(t, id)).build();

  @Override
  public Codec<Person> codec() {
    return CODEC;
  }

  @Override
  public Arbitrary<Person> values() {
    return People.people();
  }

  @Override
  public Map<String, Person> goldenValues() {
    return People.golden();
  }

  interface Writer {
    void write(Output out);
  }

  static byte[] body(Writer writer) {
    Output out = new Output(64, -1);
    writer.write(out);
    return out.toBytes();
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    hostile.put(
        "int[] claiming 2,000,000,000 elements in 5 bytes",
        body(
            out -> {
              out.writeVarInt(24 + 2, true);
              out.writeVarInt(2_000_000_001, true);
            }));
    hostile.put(
        "ArrayList claiming Integer.MAX_VALUE elements",
        body(
            out -> {
              out.writeVarInt(22 + 2, true);
              out.writeVarInt(Integer.MAX_VALUE, true);
            }));
    hostile.put(
        "String field claiming 2^31 - 2 chars, in a chunk",
        body(
            out -> {
              out.writeVarInt(20 + 2, true);
              out.writeVarInt(1, true);
              out.writeString("name");
              out.writeVarInt(5, true); // chunk of 5 bytes: the string's length header
              out.writeByte(0xC0 | 0x3F);
              out.writeVarInt(Integer.MAX_VALUE >>> 6, true);
              out.writeVarInt(0, true); // the end of the field's chunks
            }));
    hostile.put(
        "Person claiming 2^31 - 1 field names",
        body(
            out -> {
              out.writeVarInt(20 + 2, true);
              out.writeVarInt(Integer.MAX_VALUE, true);
            }));
    hostile.put(
        "ArrayLists nested 150 deep",
        body(
            out -> {
              for (int i = 0; i < 150; i++) {
                out.writeVarInt(22 + 2, true);
                out.writeVarInt(1, true);
              }
              out.writeVarInt(0, true);
            }));
    return hostile;
  }

  @Example
  void aLengthClaimInAChunkedFieldNamesTheField() {
    byte[] body = hostileBodies().get("String field claiming 2^31 - 2 chars, in a chunk");
    assertThatThrownBy(() -> CODEC.decode(body, 0, body.length, Limits.defaults()))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("at $.name")
        .hasMessageContaining("Limits.maxStringLength");
  }
}
