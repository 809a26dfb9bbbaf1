package dev.crossgrade.codec.kryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A body that fails to decode leaves its Kryo session reset and reusable: the next decodes on the
 * same thread read valid bodies exactly (depth, references and class ids start afresh), and a
 * hostile entry read again and again does not build a new Kryo instance each time (regression: each
 * failure dropped the session, about 50 KB and a full registration per failed read).
 */
class KryoSessionReuseTest {
  private static final Codec<Person> PERSON5_REFS =
      Person.register(
              Kryo5Codec.newBuilder(Person.class).references(true), (b, t, id) -> b.register(t, id))
          .build();
  private static final Codec<Person> PERSON4_REFS =
      Person.register(
              Kryo4Codec.newBuilder(Person.class).references(true), (b, t, id) -> b.register(t, id))
          .build();

  private static <T> byte[] encode(Codec<T> codec, T value) {
    PayloadBuffer out = new PayloadBuffer(64, 1 << 20);
    codec.encode(value, out, Limits.defaults());
    return out.toByteArray();
  }

  private static Object decode(Codec<?> codec, byte[] body) {
    return codec.decode(body, 0, body.length, Limits.defaults());
  }

  private static long allocatedBy(Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    action.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  @Test
  void afterADepthFailureNestingAtTheLimitIsStillRead() {
    for (int round = 0; round < 3; round++) {
      byte[] tooDeep5 = Kryo5GenericCodecTest.nestedLists(150);
      assertThatThrownBy(() -> decode(Kryo5Codec.generic(), tooDeep5))
          .isInstanceOf(PayloadException.class);
      assertThat(decode(Kryo5Codec.generic(), Kryo5GenericCodecTest.nestedLists(100)))
          .isInstanceOf(List.class);
      byte[] tooDeep4 = Kryo4GenericCodecTest.nestedLists(150);
      assertThatThrownBy(() -> decode(Kryo4Codec.generic(), tooDeep4))
          .isInstanceOf(PayloadException.class);
      assertThat(decode(Kryo4Codec.generic(), Kryo4GenericCodecTest.nestedLists(100)))
          .isInstanceOf(List.class);
    }
  }

  @Test
  void afterAFailureMidGraphSharedReferencesAreReadExactly() {
    Person.Address shared = new Person.Address("Lyon", "69001");
    Person person = new Person();
    person.home = shared;
    person.anything = shared;
    person.tags = new ArrayList<>(List.of("a", "b", "c"));
    for (Codec<Person> codec : List.of(PERSON5_REFS, PERSON4_REFS)) {
      byte[] valid = encode(codec, person);
      for (int cut = 1; cut < valid.length; cut++) {
        byte[] truncated = Arrays.copyOf(valid, cut);
        assertThatThrownBy(() -> decode(codec, truncated)).isInstanceOf(PayloadException.class);
        Person read = (Person) decode(codec, valid);
        assertThat(read).isEqualTo(person);
        assertThat(read.anything).isSameAs(read.home);
      }
    }
  }

  @Test
  void aFailedDecodeDoesNotBuildANewKryo() {
    for (Codec<Person> codec : List.of(Kryo5PersonCodecTest.CODEC, Kryo4PersonCodecTest.CODEC)) {
      byte[] unregistered = new byte[] {(byte) 0xE9, 0x07}; // class id 999 + 2, as a varint
      Runnable fail =
          () ->
              assertThatThrownBy(() -> decode(codec, unregistered))
                  .isInstanceOf(PayloadException.class);
      fail.run();
      long allocated = allocatedBy(fail);
      assertThat(allocated)
          .as("bytes allocated by a failed decode of %s", codec)
          .isLessThan(24_000);
    }
  }
}
