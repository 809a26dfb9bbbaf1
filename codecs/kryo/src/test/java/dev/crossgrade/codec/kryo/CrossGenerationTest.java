package dev.crossgrade.codec.kryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.kryo5.SerializerFactory;
import com.esotericsoftware.kryo.serializers.CompatibleFieldSerializer;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnknownCodecException;
import dev.crossgrade.codec.WellKnownCodecs;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Kryo 4 and Kryo 5 bodies are not interchangeable, and nothing in a body says which wrote it: a
 * codec of one generation given the other's body fails with a typed exception, never a wrong value.
 * A registry that reads both generations is how a fleet migrates.
 */
class CrossGenerationTest {
  static final Codec<Person> KRYO5 = Kryo5PersonCodecTest.CODEC;
  static final Codec<Person> KRYO4 = Kryo4PersonCodecTest.CODEC;

  static <T> byte[] encode(Codec<T> codec, T value) {
    PayloadBuffer out = new PayloadBuffer(16, 1 << 20);
    codec.encode(value, out, Limits.defaults());
    return out.toByteArray();
  }

  static <T> T decode(Codec<T> codec, byte[] body) {
    return codec.decode(body, 0, body.length, Limits.defaults());
  }

  @Provide
  Arbitrary<Person> people() {
    return People.people();
  }

  @Provide
  Arbitrary<Object> generic() {
    return GenericModel.values(3);
  }

  @Property(tries = 100)
  void kryo5NeverReadsAKryo4PersonBody(@ForAll("people") Person person) {
    byte[] body = encode(KRYO4, person);
    assertThat(decode(KRYO4, body)).isEqualTo(person);
    assertThatThrownBy(() -> decode(KRYO5, body)).isInstanceOf(PayloadException.class);
  }

  @Property(tries = 100)
  void kryo4NeverReadsAKryo5PersonBody(@ForAll("people") Person person) {
    byte[] body = encode(KRYO5, person);
    assertThatThrownBy(() -> decode(KRYO4, body)).isInstanceOf(PayloadException.class);
  }

  @Property(tries = 150)
  void genericBodiesOfTheOtherGenerationFailOrReadTheSameValue(@ForAll("generic") Object value) {
    Codec<Object> kryo5 = Kryo5Codec.generic();
    Codec<Object> kryo4 = Kryo4Codec.generic();
    for (Codec<?>[] pair : new Codec<?>[][] {{kryo4, kryo5}, {kryo5, kryo4}}) {
      @SuppressWarnings("unchecked") // both codecs are Codec<Object>
      byte[] body = encode((Codec<Object>) pair[0], value);
      try {
        Object read = decode(pair[1], body);
        assertThat(GenericModel.equivalent(value, read))
            .as("%s read %s written by %s as %s", pair[1], value, pair[0], read)
            .isTrue();
      } catch (PayloadException expected) {
        // typed: fine
      }
    }
  }

  @Example
  void theReasonSaysAnotherGenerationMayHaveWrittenTheBody() throws IOException {
    byte[] payload;
    try (InputStream in = getClass().getResourceAsStream("/golden/kryo4/person-full.payload")) {
      payload = in.readAllBytes();
    }
    CodecRegistry<Person> kryo4Reader =
        CodecRegistry.newBuilder(Person.class).writer(KRYO4).build();
    assertThat(kryo4Reader.decode(payload)).isEqualTo(People.golden().get("person-full"));
    byte[] body = encode(KRYO4, People.golden().get("person-full"));
    assertThatThrownBy(() -> decode(KRYO5, body))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("another Kryo generation");
  }

  @Example
  void kryo5ReadingAKryo4GenericBodyMeetsAnUnregisteredClassId() {
    byte[] body = encode(Kryo4Codec.generic(), GenericModel.golden().get("object"));
    assertThatThrownBy(() -> decode(Kryo5Codec.generic(), body))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining(
            "class id " + (Kryo4Binding.GENERIC_BASE + GenericValues.MAP) + " at $")
        .hasMessageContaining("another Kryo generation");
  }

  @Example
  void aMigratingRegistryReadsBothGenerationsAndAnOldOneCannotReadTheNew() {
    CodecRegistry<Person> old = CodecRegistry.newBuilder(Person.class).writer(KRYO4).build();
    CodecRegistry<Person> migrating =
        CodecRegistry.newBuilder(Person.class).reader(KRYO4).writer(KRYO5).build();
    Person person = People.golden().get("person-full");

    byte[] written4 = old.encode(person);
    byte[] written5 = migrating.encode(person);
    assertThat(migrating.writerCodec()).isEqualTo(WellKnownCodecs.KRYO5);
    assertThat(migrating.decode(written4)).isEqualTo(person);
    assertThat(migrating.decode(written5)).isEqualTo(person);
    assertThatThrownBy(() -> old.decode(written5)).isInstanceOf(UnknownCodecException.class);
  }

  @Example
  void readsWhatPlainKryo403WroteWithItsDefaultReferences() {
    com.esotericsoftware.kryo.Kryo kryo = new com.esotericsoftware.kryo.Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setDefaultSerializer(CompatibleFieldSerializer.class);
    Person.register(kryo, (k, type, id) -> k.register(type, id));
    Person person = People.golden().get("person-full");
    com.esotericsoftware.kryo.io.Output out = new com.esotericsoftware.kryo.io.Output(64, -1);
    kryo.writeClassAndObject(out, person);
    byte[] body = out.toBytes();

    Codec<Person> codec =
        Person.register(
                Kryo4Codec.newBuilder(Person.class).references(true),
                (b, type, id) -> b.register(type, id))
            .build();
    assertThat(decode(codec, body)).isEqualTo(person);
    assertThat(encode(codec, person)).isEqualTo(body);
  }

  @Example
  void readsWhatPlainKryo5Wrote() {
    com.esotericsoftware.kryo.kryo5.Kryo kryo = new com.esotericsoftware.kryo.kryo5.Kryo();
    kryo.setRegistrationRequired(true);
    kryo.setOptimizedGenerics(false);
    kryo.setDefaultSerializer(new SerializerFactory.CompatibleFieldSerializerFactory());
    Person.register(kryo, (k, type, id) -> k.register(type, id));
    Person person = People.golden().get("person-full");
    com.esotericsoftware.kryo.kryo5.io.Output out =
        new com.esotericsoftware.kryo.kryo5.io.Output(64, -1);
    kryo.writeClassAndObject(out, person);
    byte[] body = out.toBytes();

    assertThat(decode(KRYO5, body)).isEqualTo(person);
    assertThat(encode(KRYO5, person)).isEqualTo(body);
  }

  @Example
  void theGenerationsWriteTheSameListDifferently() {
    ArrayList<Object> list = new ArrayList<>();
    list.add("a");
    list.add("b");
    LinkedHashMap<String, Object> value = new LinkedHashMap<>();
    value.put("list", list);
    value.put("big", BigInteger.TEN.pow(30));
    byte[] body5 = encode(Kryo5Codec.generic(), value);
    byte[] body4 = encode(Kryo4Codec.generic(), value);
    assertThat(body5).isNotEqualTo(body4);
  }
}
