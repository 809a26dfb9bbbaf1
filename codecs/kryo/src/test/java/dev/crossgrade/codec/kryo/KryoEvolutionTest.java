package dev.crossgrade.codec.kryo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A class written by one version and read by the next (and back) keeps the values of the fields
 * both have, drops removed fields and leaves added fields at their constructor defaults, in both
 * Kryo generations and with both evolution serializers.
 */
class KryoEvolutionTest {
  enum Generation {
    KRYO5,
    KRYO4;

    <T> Codec<T> codec(Class<T> type, KryoEvolution evolution) {
      return this == KRYO5
          ? Kryo5Codec.newBuilder(type)
              .evolution(evolution)
              .register(type, Versions.USER_ID)
              .register(ArrayList.class, Versions.LIST_ID)
              .build()
          : Kryo4Codec.newBuilder(type)
              .evolution(evolution)
              .register(type, Versions.USER_ID)
              .register(ArrayList.class, Versions.LIST_ID)
              .build();
    }
  }

  static <A, B> B convert(A value, Codec<A> writer, Codec<B> reader) {
    PayloadBuffer out = new PayloadBuffer(16, 1 << 20);
    writer.encode(value, out, Limits.defaults());
    return reader.decode(out.array(), 0, out.size(), Limits.defaults());
  }

  @Provide
  Arbitrary<String> names() {
    return GenericModel.strings().injectNull(0.1);
  }

  @Provide
  Arbitrary<List<String>> nicknames() {
    return GenericModel.strings().list().ofMaxSize(4).injectNull(0.2);
  }

  @Property(tries = 40)
  void compatibleFieldsAddedAndRemovedAcrossVersions(
      @ForAll Generation generation,
      @ForAll("names") String name,
      @ForAll int age,
      @ForAll("nicknames") List<String> nicknames) {
    Codec<Versions.UserV1> v1 = generation.codec(Versions.UserV1.class, KryoEvolution.COMPATIBLE);
    Codec<Versions.UserV2> v2 = generation.codec(Versions.UserV2.class, KryoEvolution.COMPATIBLE);
    Versions.UserV1 old = new Versions.UserV1();
    old.name = name;
    old.age = age;
    old.nicknames = nicknames == null ? null : new ArrayList<>(nicknames);

    Versions.UserV2 upgraded = convert(old, v1, v2);
    assertThat(upgraded.name).isEqualTo(name);
    assertThat(upgraded.email).isEqualTo("none");

    upgraded.email = "a@example.com";
    Versions.UserV1 downgraded = convert(upgraded, v2, v1);
    assertThat(downgraded.name).isEqualTo(name);
    assertThat(downgraded.age).isEqualTo(-1);
    assertThat(downgraded.nicknames).isNull();
  }

  @Property(tries = 40)
  void taggedFieldsRenamedAddedAndRemovedAcrossVersions(
      @ForAll Generation generation, @ForAll("names") String name, @ForAll int age) {
    Codec<Versions.TaggedV1> v1 = generation.codec(Versions.TaggedV1.class, KryoEvolution.TAGGED);
    Codec<Versions.TaggedV2> v2 = generation.codec(Versions.TaggedV2.class, KryoEvolution.TAGGED);
    Versions.TaggedV1 old = new Versions.TaggedV1();
    old.name = name;
    old.age = age;

    Versions.TaggedV2 upgraded = convert(old, v1, v2);
    assertThat(upgraded.fullName).isEqualTo(name);
    assertThat(upgraded.email).isEqualTo("none");

    upgraded.email = "a@example.com";
    Versions.TaggedV1 downgraded = convert(upgraded, v2, v1);
    assertThat(downgraded.name).isEqualTo(name);
    assertThat(downgraded.age).isEqualTo(-1);
  }

  @Property(tries = 10)
  void defaultEvolutionIsCompatible(@ForAll("names") String name) {
    Codec<Versions.UserV1> v1 =
        Kryo5Codec.newBuilder(Versions.UserV1.class)
            .register(Versions.UserV1.class, Versions.USER_ID)
            .register(ArrayList.class, Versions.LIST_ID)
            .build();
    Codec<Versions.UserV2> v2 =
        Generation.KRYO5.codec(Versions.UserV2.class, KryoEvolution.COMPATIBLE);
    Versions.UserV1 old = new Versions.UserV1();
    old.name = name;
    assertThat(convert(old, v1, v2).name).isEqualTo(name);
  }
}
