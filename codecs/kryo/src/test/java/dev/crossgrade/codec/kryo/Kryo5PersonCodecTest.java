package dev.crossgrade.codec.kryo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.tck.CodecContract;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;

/** The Kryo 5 codec of a registered user type passes the codec contract. */
class Kryo5PersonCodecTest implements CodecContract<Person> {
  static final Codec<Person> CODEC =
      Person.register(Kryo5Codec.newBuilder(Person.class), (b, t, id) -> b.register(t, id)).build();

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

  @Override
  public Map<String, byte[]> hostileBodies() {
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    hostile.put(
        "int[] claiming 2,000,000,000 elements in 5 bytes",
        Kryo5GenericCodecTest.body(
            out -> {
              out.writeVarInt(24 + 2, true);
              out.writeVarInt(2_000_000_001, true);
            }));
    hostile.put(
        "ArrayList claiming Integer.MAX_VALUE elements",
        Kryo5GenericCodecTest.body(
            out -> {
              out.writeVarInt(22 + 2, true);
              out.writeVarIntFlag(false, Integer.MIN_VALUE, true);
            }));
    hostile.put(
        "String field claiming 2^31 - 2 chars",
        Kryo5GenericCodecTest.body(
            out -> {
              out.writeVarInt(20 + 2, true);
              out.writeVarInt(1, true);
              out.writeString("name");
              out.writeVarInt(1 + 2, true);
              out.writeByte(0xC0 | 0x3F);
              out.writeVarInt(Integer.MAX_VALUE >>> 6, true);
            }));
    hostile.put(
        "Person claiming 2^31 - 1 field names",
        Kryo5GenericCodecTest.body(
            out -> {
              out.writeVarInt(20 + 2, true);
              out.writeVarInt(Integer.MAX_VALUE, true);
            }));
    hostile.put(
        "ArrayLists nested 150 deep",
        Kryo5GenericCodecTest.body(
            out -> {
              for (int i = 0; i < 150; i++) {
                out.writeVarInt(22 + 2, true);
                out.writeVarIntFlag(false, 2, true);
              }
              out.writeVarInt(0, true);
            }));
    return hostile;
  }

  @Example
  void aLengthClaimNamesTheFieldItIsIn() {
    byte[] body =
        Kryo5GenericCodecTest.body(
            out -> {
              out.writeVarInt(20 + 2, true);
              out.writeVarInt(1, true);
              out.writeString("numbers");
              out.writeVarInt(24 + 2, true); // the field value's class, int[]
              out.writeVarInt(2_000_000_001, true);
            });
    assertThatThrownBy(() -> CODEC.decode(body, 0, body.length, Limits.defaults()))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("at $.numbers")
        .hasMessageContaining("Limits.maxCollectionSize");
  }

  @Example
  void aClaimWithinTheLimitButBeyondTheBytesIsCorrupt() {
    byte[] body =
        Kryo5GenericCodecTest.body(
            out -> {
              out.writeVarInt(24 + 2, true);
              out.writeVarInt(1000, true);
            });
    assertThatThrownBy(() -> CODEC.decode(body, 0, body.length, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("claims 999 elements");
  }

  @Example
  void unregisteredClassesAreUnencodableNamingTheRegisterCall() {
    Person person = new Person();
    person.anything = new java.util.HashMap<>();
    assertThatThrownBy(
            () -> CODEC.encode(person, new PayloadBuffer(16, 1 << 20), Limits.defaults()))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("java.util.HashMap")
        .hasMessageContaining("Kryo5Codec.Builder.register");
  }

  @Example
  void classNamesInTheBytesAreRefused() {
    byte[] body =
        Kryo5GenericCodecTest.body(
            out -> {
              out.writeVarInt(1, true); // NAME + 2
              out.writeVarInt(0, true);
              out.writeString("java.util.HashMap");
            });
    assertThatThrownBy(() -> CODEC.decode(body, 0, body.length, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("class by name");
  }

  @Example
  void aBodyOfAnotherRegisteredClassIsNotAPerson() {
    Codec<Person.Address> addresses =
        Person.register(
                Kryo5Codec.newBuilder(Person.Address.class), (b, t, id) -> b.register(t, id))
            .build();
    PayloadBuffer out = new PayloadBuffer(16, 1 << 20);
    addresses.encode(new Person.Address("Oslo", "0150"), out, Limits.defaults());
    assertThatThrownBy(() -> CODEC.decode(out.array(), 0, out.size(), Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("not a " + Person.class.getName());
  }

  @Example
  void oversizedValuesAreRefusedWhenWritten() {
    Person person = new Person();
    person.tags = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      person.tags.add("t" + i);
    }
    Limits small = Limits.newBuilder().maxCollectionSize(10).build();
    assertThatThrownBy(() -> CODEC.encode(person, new PayloadBuffer(16, 1 << 20), small))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Limits.maxCollectionSize");
  }

  @Example
  void payloadsOverTheBufferLimitAreRefused() {
    Person person = new Person();
    person.name = "x".repeat(5000);
    assertThatThrownBy(() -> CODEC.encode(person, new PayloadBuffer(16, 1024), Limits.defaults()))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Limits.maxPayloadSize");
  }

  @Example
  void isThreadSafe() throws Exception {
    Person person = People.golden().get("person-full");
    PayloadBuffer out = new PayloadBuffer(16, 1 << 20);
    CODEC.encode(person, out, Limits.defaults());
    byte[] body = out.toByteArray();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      java.util.List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  for (int j = 0; j < 200; j++) {
                    PayloadBuffer buffer = new PayloadBuffer(16, 1 << 20);
                    CODEC.encode(person, buffer, Limits.defaults());
                    if (!person.equals(CODEC.decode(body, 0, body.length, Limits.defaults()))
                        || !person.equals(
                            CODEC.decode(buffer.array(), 0, buffer.size(), Limits.defaults()))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
