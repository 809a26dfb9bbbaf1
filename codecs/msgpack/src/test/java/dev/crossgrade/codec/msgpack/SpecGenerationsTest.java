package dev.crossgrade.codec.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.DecodeOutcome;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.WellKnownCodecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The two writer generations and their documented incompatibility: what the current writer writes,
 * an old-spec reader cannot read; what the old-spec writer writes, every reader can; both of our
 * readers read both.
 */
class SpecGenerationsTest {
  private static final Limits LIMITS = Limits.defaults();
  private static final Codec<Object> CURRENT = MessagePackCodec.generic();
  private static final Codec<Object> OLD = MessagePackCodec.genericOldSpec();
  private static final String THIRTY_TWO = "0123456789abcdef0123456789ABCDEF";

  static byte[] encode(Codec<Object> codec, Object value) {
    PayloadBuffer buffer = new PayloadBuffer(64, LIMITS.maxPayloadSize());
    codec.encode(value, buffer, LIMITS);
    return buffer.toByteArray();
  }

  @Example
  void descriptorsAreTheAssignedOnes() {
    assertThat(CURRENT.descriptor()).isEqualTo(WellKnownCodecs.MSGPACK);
    assertThat(OLD.descriptor()).isEqualTo(WellKnownCodecs.MSGPACK_OLDSPEC);
    assertThat(MessagePackCodec.generic(MessagePackSpec.OLD)).isSameAs(OLD);
    assertThat(MessagePackCodec.generic(MessagePackSpec.CURRENT)).isSameAs(CURRENT);
  }

  @Example
  void aThirtyTwoByteStringIsStr8FromTheCurrentWriterWhichOldReadersCannotRead()
      throws IOException {
    byte[] current = encode(CURRENT, THIRTY_TWO);
    assertThat(HexFormat.of().formatHex(current, 0, 2)).isEqualTo("d920");
    assertThat(OldSpecFormats.firstNewSpecFormat(current))
        .as("str8 (d9) was reserved in the old specification")
        .isZero();

    byte[] old = encode(OLD, THIRTY_TWO);
    assertThat(HexFormat.of().formatHex(old, 0, 3)).isEqualTo("da0020");
    assertThat(OldSpecFormats.firstNewSpecFormat(old)).isEqualTo(-1);

    for (Codec<Object> reader : List.of(CURRENT, OLD)) {
      assertThat(reader.decode(current, 0, current.length, LIMITS)).isEqualTo(THIRTY_TWO);
      assertThat(reader.decode(old, 0, old.length, LIMITS)).isEqualTo(THIRTY_TWO);
    }
  }

  @Example
  void binaryIsBinFromTheCurrentWriterAndRawFromTheOldWriter() throws IOException {
    byte[] utf8 = "héllo".getBytes(StandardCharsets.UTF_8);
    byte[] notUtf8 = {(byte) 0xff, 0x00, (byte) 0xfe};

    byte[] current = encode(CURRENT, notUtf8);
    assertThat(HexFormat.of().formatHex(current)).isEqualTo("c403ff00fe");
    assertThat(OldSpecFormats.firstNewSpecFormat(current)).isZero();
    for (Codec<Object> reader : List.of(CURRENT, OLD)) {
      assertThat(reader.decode(current, 0, current.length, LIMITS)).isEqualTo(notUtf8);
    }

    byte[] oldRaw = encode(OLD, notUtf8);
    assertThat(HexFormat.of().formatHex(oldRaw)).isEqualTo("a3ff00fe");
    assertThat(OLD.decode(oldRaw, 0, oldRaw.length, LIMITS)).isEqualTo(notUtf8);
    assertThatThrownBy(() -> CURRENT.decode(oldRaw, 0, oldRaw.length, LIMITS))
        .as("the current reader holds str to UTF-8; old-spec payloads go to the old-spec codec")
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("not valid UTF-8");

    byte[] oldUtf8 = encode(OLD, utf8);
    assertThat(oldUtf8[0] & 0xff).isEqualTo(0xa0 | utf8.length);
    for (Codec<Object> reader : List.of(CURRENT, OLD)) {
      assertThat(reader.decode(oldUtf8, 0, oldUtf8.length, LIMITS))
          .as("documented: UTF-8 binary written to the old spec reads back as a string")
          .isEqualTo("héllo");
    }
  }

  @Example
  void theOldSpecWriterRefusesTimestampsAndExtensions() {
    assertThatThrownBy(() -> encode(OLD, List.of(1L, Instant.EPOCH)))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("$[1]")
        .hasMessageContaining("MessagePackSpec.CURRENT");
    assertThatThrownBy(
            () -> encode(OLD, Map.of("x", new MessagePackExtension((byte) 3, new byte[2]))))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("$.x");
  }

  @Provide
  Arbitrary<Object> oldSpecValues() {
    return GenericValues.values(MessagePackSpec.OLD);
  }

  @Provide
  Arbitrary<Object> currentValues() {
    return GenericValues.values(MessagePackSpec.CURRENT);
  }

  @Property(tries = 150)
  void theOldSpecWriterWritesOnlyOldSpecFormats(@ForAll("oldSpecValues") Object value)
      throws IOException {
    byte[] body = encode(OLD, value);
    assertThat(OldSpecFormats.firstNewSpecFormat(body)).isEqualTo(-1);
  }

  @Property(tries = 150)
  void bothReadersReadTheCurrentWriter(@ForAll("currentValues") Object value) {
    byte[] body = encode(CURRENT, value);
    for (Codec<Object> reader : List.of(CURRENT, OLD)) {
      Object decoded = reader.decode(body, 0, body.length, LIMITS);
      assertThat(Equivalence.current(value, decoded)).as("%s read %s", reader, decoded).isTrue();
    }
  }

  @Property(tries = 150)
  void aRegistryWithBothReadersReadsBothWriters(@ForAll("oldSpecValues") Object value) {
    CodecRegistry<Object> oldFleet =
        CodecRegistry.newBuilder(Object.class).writer(OLD).reader(CURRENT).build();
    CodecRegistry<Object> newFleet =
        CodecRegistry.newBuilder(Object.class).writer(CURRENT).reader(OLD).build();
    for (CodecRegistry<Object> writer : List.of(oldFleet, newFleet)) {
      byte[] payload = writer.encode(value);
      for (CodecRegistry<Object> reader : List.of(oldFleet, newFleet)) {
        DecodeOutcome<Object> outcome = reader.tryDecode(payload);
        assertThat(outcome).isInstanceOf(DecodeOutcome.Hit.class);
        Object decoded = ((DecodeOutcome.Hit<Object>) outcome).value();
        boolean same =
            writer == oldFleet
                ? Equivalence.oldSpec(value, decoded)
                : Equivalence.current(value, decoded);
        assertThat(same).as("%s read as %s", value, decoded).isTrue();
      }
    }
  }
}
