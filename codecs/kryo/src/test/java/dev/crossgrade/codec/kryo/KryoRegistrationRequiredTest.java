package dev.crossgrade.codec.kryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every Kryo instance behind every Kryo codec, of both generations, requires registration and
 * resolves no class by name; a value of an unregistered class is refused on writing.
 */
class KryoRegistrationRequiredTest {
  private static List<Codec<?>> codecs() {
    return List.of(
        Kryo5Codec.generic(),
        Kryo4Codec.generic(),
        Kryo5PersonCodecTest.CODEC,
        Kryo4PersonCodecTest.CODEC,
        Person.register(
                Kryo5Codec.newBuilder(Person.class)
                    .evolution(KryoEvolution.TAGGED)
                    .references(true),
                (b, t, id) -> b.register(t, id))
            .build(),
        Person.register(
                Kryo4Codec.newBuilder(Person.class).evolution(KryoEvolution.TAGGED),
                (b, t, id) -> b.register(t, id))
            .build());
  }

  /** The Kryo instance a codec's pool hands out. */
  private static Object kryoOf(Codec<?> codec) throws ReflectiveOperationException {
    Field poolField = codec.getClass().getDeclaredField("pool");
    poolField.setAccessible(true);
    Object pool = poolField.get(codec);
    Object session = pool.getClass().getMethod("obtain").invoke(pool);
    Field kryoField = session.getClass().getDeclaredField("kryo");
    kryoField.setAccessible(true);
    Object kryo = kryoField.get(session);
    pool.getClass().getMethod("free", Object.class).invoke(pool, session);
    return kryo;
  }

  @Test
  void everyKryoRequiresRegistrationAndResolvesNoClassByName() throws Exception {
    for (Codec<?> codec : codecs()) {
      Object kryo = kryoOf(codec);
      assertThat(kryo.getClass().getMethod("isRegistrationRequired").invoke(kryo))
          .as("%s requires registration", codec)
          .isEqualTo(true);
      Object resolver = kryo.getClass().getMethod("getClassResolver").invoke(kryo);
      assertThat(resolver.getClass().getSimpleName())
          .as("%s class resolver", codec)
          .isEqualTo("NamelessClassResolver");
    }
  }

  @Test
  void aValueOfAnUnregisteredClassIsRefused() {
    for (Codec<Object> codec : List.of(Kryo5Codec.generic(), Kryo4Codec.generic())) {
      assertThatThrownBy(
              () ->
                  codec.encode(
                      Map.of("k", new java.util.HashSet<>(List.of(1))),
                      new PayloadBuffer(64, 1 << 20),
                      Limits.defaults()))
          .as("%s", codec)
          .isInstanceOf(UnencodableValueException.class);
    }
  }
}
