package dev.crossgrade.codec.kryo;

import static dev.crossgrade.codec.PayloadException.Kind.CORRUPT;
import static dev.crossgrade.codec.PayloadException.Kind.LIMIT_EXCEEDED;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.HostileCorpus;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The committed hostile Kryo bodies under {@code hostile/kryo5-generic/}, {@code
 * hostile/kryo5-person/}, {@code hostile/kryo4-generic/} and {@code hostile/kryo4-person/}: each
 * fails with the kind its file name states while allocating at most max(4 x its size, 64 KiB).
 */
class KryoHostileCorpusTest {
  private static final Codec<Object> GENERIC5 = Kryo5Codec.generic();
  private static final Codec<Object> GENERIC4 = Kryo4Codec.generic();

  private static Map<String, byte[]> limits(Map<String, byte[]> contractBodies) {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    contractBodies.forEach(
        (what, bytes) -> inputs.put(HostileCorpus.fileName(LIMIT_EXCEEDED, what), bytes));
    return inputs;
  }

  private static <T> byte[] encode(Codec<T> codec, T value) {
    PayloadBuffer out = new PayloadBuffer(64, 1 << 20);
    codec.encode(value, out, Limits.defaults());
    return out.toByteArray();
  }

  private static void corruptions(
      Map<String, byte[]> inputs, byte[] valid, int generation, boolean generic) {
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "valid body truncated by one byte"),
        Arrays.copyOf(valid, valid.length - 1));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "valid body followed by a stray byte"),
        Arrays.copyOf(valid, valid.length + 1));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a class named in the bytes (java.util.HashMap)"),
        generation == 5
            ? Kryo5GenericCodecTest.body(
                out -> {
                  out.writeVarInt(1, true); // NAME + 2: a class named in the bytes
                  out.writeVarInt(0, true);
                  out.writeString("java.util.HashMap");
                })
            : Kryo4PersonCodecTest.body(
                out -> {
                  out.writeVarInt(1, true);
                  out.writeVarInt(0, true);
                  out.writeString("java.util.HashMap");
                }));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "an unregistered class id 999"),
        generation == 5
            ? Kryo5GenericCodecTest.body(out -> out.writeVarInt(999 + 2, true))
            : Kryo4PersonCodecTest.body(out -> out.writeVarInt(999 + 2, true)));
    if (!generic) {
      Codec<Person.Address> addresses =
          generation == 5
              ? Person.register(
                      Kryo5Codec.newBuilder(Person.Address.class), (b, t, id) -> b.register(t, id))
                  .build()
              : Person.register(
                      Kryo4Codec.newBuilder(Person.Address.class), (b, t, id) -> b.register(t, id))
                  .build();
      inputs.put(
          HostileCorpus.fileName(CORRUPT, "a registered class that is not a Person"),
          encode(addresses, new Person.Address("Oslo", "0150")));
    }
  }

  static Map<String, byte[]> kryo5Generic() {
    Map<String, byte[]> inputs = limits(new Kryo5GenericCodecTest().hostileBodies());
    corruptions(inputs, encode(GENERIC5, java.util.List.of("a", 1L, "b")), 5, true);
    return inputs;
  }

  static Map<String, byte[]> kryo5Person() {
    Map<String, byte[]> inputs = limits(new Kryo5PersonCodecTest().hostileBodies());
    corruptions(
        inputs, encode(Kryo5PersonCodecTest.CODEC, People.golden().get("person-full")), 5, false);
    return inputs;
  }

  static Map<String, byte[]> kryo4Generic() {
    Map<String, byte[]> inputs = limits(new Kryo4GenericCodecTest().hostileBodies());
    corruptions(inputs, encode(GENERIC4, java.util.List.of("a", 1L, "b")), 4, true);
    return inputs;
  }

  static Map<String, byte[]> kryo4Person() {
    Map<String, byte[]> inputs = limits(new Kryo4PersonCodecTest().hostileBodies());
    corruptions(
        inputs, encode(Kryo4PersonCodecTest.CODEC, People.golden().get("person-full")), 4, false);
    return inputs;
  }

  /** With {@code -Dcrossgrade.writeFuzzSeeds=true}: the fuzz targets' seed corpora. */
  @AfterAll
  static void writeFuzzSeeds() {
    HostileCorpus.writeFuzzSeeds(
        Kryo5FuzzTest.class,
        "kryo5DecodersThrowOnlyTypedExceptions",
        HostileCorpus.goldenBodies("kryo5"),
        "kryo5-generic",
        "kryo5-person");
    HostileCorpus.writeFuzzSeeds(
        Kryo4FuzzTest.class,
        "kryo4DecodersThrowOnlyTypedExceptions",
        HostileCorpus.goldenBodies("kryo4"),
        "kryo4-generic",
        "kryo4-person");
  }

  @Test
  void kryo5GenericInputsFailAsExpectedWithinTheAllocationBound() {
    HostileCorpus.writeOrVerify("kryo5-generic", kryo5Generic());
    HostileCorpus.check("kryo5-generic", b -> GENERIC5.decode(b, 0, b.length, Limits.defaults()));
  }

  @Test
  void kryo5PersonInputsFailAsExpectedWithinTheAllocationBound() {
    HostileCorpus.writeOrVerify("kryo5-person", kryo5Person());
    HostileCorpus.check(
        "kryo5-person", b -> Kryo5PersonCodecTest.CODEC.decode(b, 0, b.length, Limits.defaults()));
  }

  @Test
  void kryo4GenericInputsFailAsExpectedWithinTheAllocationBound() {
    HostileCorpus.writeOrVerify("kryo4-generic", kryo4Generic());
    HostileCorpus.check("kryo4-generic", b -> GENERIC4.decode(b, 0, b.length, Limits.defaults()));
  }

  @Test
  void kryo4PersonInputsFailAsExpectedWithinTheAllocationBound() {
    HostileCorpus.writeOrVerify("kryo4-person", kryo4Person());
    HostileCorpus.check(
        "kryo4-person", b -> Kryo4PersonCodecTest.CODEC.decode(b, 0, b.length, Limits.defaults()));
  }
}
