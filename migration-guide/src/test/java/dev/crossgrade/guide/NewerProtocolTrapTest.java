package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnknownCodecException;
import dev.crossgrade.codec.msgpack.MessagePackCodec;
import dev.crossgrade.guide.Carts.CartV1;
import dev.crossgrade.guide.Carts.CartV2;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trap 1: a newer protocol that older readers cannot read (Kryo 5 vs 4, MessagePack str8). */
class NewerProtocolTrapTest {

  @Test
  void kryo5RefusesAKryo4PayloadWithATypedExceptionAndTheMigratingRegistryReadsIt() {
    // tag::kryo-generations[]
    CodecRegistry<CartV1> kryo4Runtime = Carts.oldRegistry();
    CodecRegistry<CartV2> kryo5Only =
        CodecRegistry.newBuilder(CartV2.class)
            .currentSchemaVersion(2)
            .writer(Carts.kryo5Carts())
            .build();
    byte[] written = kryo4Runtime.encode(new CartV1("c1", List.of("apple"), 250));

    // The envelope names the codec, so a Kryo 5 runtime refuses the payload before parsing it.
    assertThatThrownBy(() -> kryo5Only.decode(written))
        .isInstanceOf(UnknownCodecException.class)
        .hasMessageStartingWith("codec kryo4 (0x10) is not registered");

    // The new build's registry keeps the Kryo 4 reader and an upcaster, and reads it.
    assertThat(Carts.newRegistry().decode(written))
        .isEqualTo(new CartV2("c1", List.of("apple"), new BigDecimal("2.50")));

    // The other way round only the writer can help, since the old build never learns Kryo 5:
    // wherever an old reader reads, the new build writes Kryo 4 at schema v1.
    byte[] forOldReaders =
        Carts.compatibleRegistry().encode(new CartV2("c2", List.of(), new BigDecimal("9.99")));
    assertThat(kryo4Runtime.decode(forOldReaders)).isEqualTo(new CartV1("c2", List.of(), 999));
    // end::kryo-generations[]
  }

  @Test
  void kryo5RefusesARawKryo4BodyToo() {
    // tag::kryo-raw-bodies[]
    // A bare Kryo 4 body, given to the Kryo 5 codec:
    byte[] kryo4Body = body(Carts.kryo4Carts(), new CartV1("c1", List.of("apple"), 250));
    assertThatThrownBy(() -> decodeBody(Carts.kryo5Carts(), kryo4Body))
        .isInstanceOf(PayloadException.class);
    // end::kryo-raw-bodies[]
  }

  @Test
  void theCurrentMessagePackSpecWritesStr8ThatMsgpackJava067Rejects() throws IOException {
    // tag::msgpack-str8[]
    String name = "a".repeat(32); // 32 UTF-8 bytes: the first length that is str8 (0xd9)
    byte[] current = body(MessagePackCodec.generic(), name);
    byte[] oldSpec = body(MessagePackCodec.genericOldSpec(), name);
    assertThat(current[0] & 0xFF).isEqualTo(0xd9); // str8, added to the spec in 2013
    assertThat(oldSpec[0] & 0xFF).isEqualTo(0xda); // raw16, which every reader knows

    org.msgpack.MessagePack oldRuntime = new org.msgpack.MessagePack(); // msgpack-java 0.6.7
    assertThatThrownBy(() -> oldRuntime.read(current, String.class))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Invalid byte: -39"); // -39 is 0xd9
    assertThat(oldRuntime.read(oldSpec, String.class)).isEqualTo(name);
    // end::msgpack-str8[]
    String thirtyOne = "a".repeat(31);
    assertThat(body(MessagePackCodec.generic(), thirtyOne)[0] & 0xFF).isEqualTo(0xbf);
    assertThat(oldRuntime.read(body(MessagePackCodec.generic(), thirtyOne), String.class))
        .isEqualTo(thirtyOne);
  }

  // tag::body[]
  // A codec's body without the envelope, as a runtime without Crossgrade would store it.
  static <T> byte[] body(Codec<T> codec, T value) {
    PayloadBuffer out = new PayloadBuffer(64, Limits.DEFAULT_MAX_PAYLOAD_SIZE);
    codec.encode(value, out, Limits.defaults());
    return out.toByteArray();
  }

  static <T> T decodeBody(Codec<T> codec, byte[] body) {
    return codec.decode(body, 0, body.length, Limits.defaults());
  }
  // end::body[]
}
