package dev.crossgrade.codec.javalegacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.DecodeOutcome;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.WellKnownCodecs;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The parts of the codec TCK's {@code CodecContract} that apply to a codec that never writes:
 * values are written by the real {@code ObjectOutputStream} and read back, any bytes give a value
 * or a typed exception, and hostile streams fail with {@link LimitExceededException} while
 * allocating under 1 MiB.
 */
class JavaSerializationReaderContractTest {
  private static final JavaSerializationReader<Object> READER = Values.reader();

  @Provide
  Arbitrary<Object> values() {
    return Values.values();
  }

  @Property(tries = 250)
  void roundTripsArbitraryValuesAtAnOffset(@ForAll("values") Object value) {
    byte[] stream = Streams.serialize(value);
    byte[] shifted = new byte[stream.length + 11];
    System.arraycopy(stream, 0, shifted, 5, stream.length);

    Object read = READER.decode(shifted, 5, stream.length, Limits.defaults());

    assertThat(Objects.deepEquals(value, read)).as("read %s from %s", read, value).isTrue();
  }

  @Property(tries = 100)
  void roundTripsThroughARegistryLegacyPath(@ForAll("values") Object value) {
    CodecRegistry<Object> registry =
        CodecRegistry.newBuilder(Object.class).writer(READER).legacyReader(READER).build();

    DecodeOutcome<Object> outcome = registry.tryDecode(Streams.serialize(value));

    assertThat(outcome).isInstanceOf(DecodeOutcome.Hit.class);
    DecodeOutcome.Hit<Object> hit = (DecodeOutcome.Hit<Object>) outcome;
    assertThat(hit.codec()).isEqualTo(WellKnownCodecs.JAVA_SERIALIZATION);
    assertThat(Objects.deepEquals(value, hit.value())).as("read %s", hit.value()).isTrue();
  }

  @Property(tries = 30)
  void roundTripsArraysOfPrimitivesAndAllowedClasses(
      @ForAll long[] longs, @ForAll byte[] bytes, @ForAll("stringMatrices") String[][] strings) {
    for (Object array : List.of(longs, bytes, strings)) {
      byte[] stream = Streams.serialize(array);
      Object read = READER.read(stream, 0, stream.length, Limits.defaults());
      assertThat(Objects.deepEquals(array, read)).as("read %s", read).isTrue();
    }
  }

  @Provide
  Arbitrary<String[][]> stringMatrices() {
    return Values.strings().array(String[].class).ofMaxSize(3).array(String[][].class).ofMaxSize(3);
  }

  @Example
  void roundTripsHugeAndEmptyCollections() {
    List<String> huge = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      huge.add("element " + i);
    }
    Limits roomy = Limits.newBuilder().maxPayloadSize(8L << 20).build();
    for (Object value : List.of(huge, new ArrayList<>(), new HashMap<>(), List.of(), Map.of())) {
      byte[] stream = Streams.serialize(value);
      assertThat(READER.read(stream, 0, stream.length, roomy)).isEqualTo(value);
    }
  }

  @Example
  void sharedReferencesStayShared() {
    List<String> shared = new ArrayList<>(List.of("a", "b"));
    List<Object> value = new ArrayList<>(List.of(shared, shared, shared));
    byte[] stream = Streams.serialize(value);

    List<?> read = (List<?>) READER.read(stream, 0, stream.length, Limits.defaults());

    assertThat(read).isEqualTo(value);
    assertThat(read.get(0)).isSameAs(read.get(2));
  }

  @Example
  void encodeAlwaysThrowsAndNamesTheWayOut() {
    PayloadBuffer out = new PayloadBuffer(16, 1 << 20);
    assertThatThrownBy(() -> READER.encode("anything", out, Limits.defaults()))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("java serialization is read-only; migrate to")
        .hasMessageContaining("CodecRegistry.Builder.writer");
    CodecRegistry<Object> registry =
        CodecRegistry.newBuilder(Object.class).writer(READER).legacyReader(READER).build();
    assertThatThrownBy(() -> registry.encode("anything"))
        .isInstanceOf(UnencodableValueException.class);
    assertThat(out.size()).isZero();
  }

  @Provide
  Arbitrary<byte[]> anyStreams() {
    Arbitrary<byte[]> grammarShaped =
        Arbitraries.oneOf(
                Arbitraries.bytes().between((byte) 0x70, (byte) 0x7e), Arbitraries.bytes())
            .list()
            .ofMaxSize(120)
            .map(
                list -> {
                  byte[] body = new byte[list.size() + 4];
                  body[0] = (byte) 0xAC;
                  body[1] = (byte) 0xED;
                  body[3] = 5;
                  for (int i = 0; i < list.size(); i++) {
                    body[i + 4] = list.get(i);
                  }
                  return body;
                });
    Arbitrary<byte[]> mutated =
        Values.values()
            .map(Streams::serialize)
            .flatMap(
                stream ->
                    Arbitraries.integers()
                        .between(0, stream.length * 8 - 1)
                        .map(bit -> mutate(stream, bit)));
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64), grammarShaped, mutated);
  }

  private static byte[] mutate(byte[] stream, int bit) {
    byte[] copy = stream.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return bit % 3 == 0 ? Arrays.copyOf(copy, bit / 8) : copy;
  }

  @Property(tries = 1000)
  void anyBytesYieldAValueOrATypedException(@ForAll("anyStreams") byte[] body) {
    try {
      READER.decode(body, 0, body.length, Limits.defaults());
    } catch (PayloadException expected) {
      assertThat(expected.reason()).isNotBlank();
    } catch (Throwable other) {
      fail("decoding " + Streams.hex(body) + " threw " + other, other);
    }
  }

  /** Hostile streams: each must fail with the limit exception while allocating under 1 MiB. */
  static Map<String, byte[]> hostileBodies() {
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    hostile.put(
        "long[] claiming 2^31-1 elements in 16 bytes",
        Streams.primitiveArray(long[].class, Integer.MAX_VALUE, 16));
    hostile.put(
        "Object[] claiming 2^31-1 elements",
        Streams.primitiveArray(Object[].class, Integer.MAX_VALUE, 16));
    byte[] list = Streams.serialize(new ArrayList<>(List.of("x")));
    int sizeField = Streams.indexOf(list, Streams.bytes(0x78, 0x70, 0, 0, 0, 1), 0) + 2;
    hostile.put(
        "ArrayList whose size field claims 2^31-1 elements",
        Streams.withInt(list, sizeField, Integer.MAX_VALUE));
    byte[] map = Streams.serialize(new HashMap<>(Map.of("k", "v")));
    int mappings = Streams.indexOf(map, Streams.bytes(0x77, 0x08), 0) + 6;
    hostile.put(
        "HashMap claiming 2^31-1 mappings", Streams.withInt(map, mappings, Integer.MAX_VALUE));
    hostile.put("ArrayList nested 10,000 deep", Streams.nestedArrayLists(10_000));
    hostile.put("string claiming 2^40 bytes", Streams.longString(1L << 40, 16));
    hostile.put(
        "SerialDOS: 60 levels of HashSets sharing the next level",
        Streams.serialize(Streams.serialDos(60)));
    hostile.put(
        "a HashSet element that shares one list 2^40 ways",
        Streams.serialize(Streams.sharedListBomb(40)));
    byte[] oversized = Arrays.copyOf(Streams.serialize("x"), (1 << 20) + 1);
    hostile.put("a stream of 1 MiB + 1 byte", oversized);
    return hostile;
  }

  @Example
  void hostileStreamsFailFastWithTheLimitException() {
    Map<String, byte[]> hostile = hostileBodies();
    // Warm up class loading and ObjectStreamClass caches, which are not the payload's doing.
    for (Object warm : List.of(new ArrayList<>(List.of("a")), new HashMap<>(Map.of("a", "b")))) {
      byte[] stream = Streams.serialize(warm);
      READER.read(stream, 0, stream.length, Limits.defaults());
    }
    for (byte[] body : hostile.values()) {
      assertThatThrownBy(() -> READER.decode(body, 0, body.length, Limits.defaults()));
    }
    for (Map.Entry<String, byte[]> entry : hostile.entrySet()) {
      byte[] body = entry.getValue();
      long allocated =
          Streams.allocatedBy(
              () ->
                  assertThatThrownBy(() -> READER.decode(body, 0, body.length, Limits.defaults()))
                      .as(entry.getKey())
                      .isInstanceOf(LimitExceededException.class));
      assertThat(allocated).as("bytes allocated reading %s", entry.getKey()).isLessThan(1 << 20);
    }
  }

  @Example
  void craftedStreamsAreValidApartFromTheirClaims() {
    // The hand-written grammar of the hostile streams reads fine with honest claims.
    byte[] nested = Streams.nestedArrayLists(5);
    Object read = READER.read(nested, 0, nested.length, Limits.defaults());
    assertThat(read.toString()).isEqualTo("[[[[[null]]]]]");
    byte[] longs = Streams.primitiveArray(long[].class, 2, 16);
    assertThat((long[]) READER.read(longs, 0, longs.length, Limits.defaults()))
        .containsExactly(0x0001020304050607L, 0x08090a0b0c0d0e0fL);
  }

  @Example
  void hostileReasonsNameTheLimitAndWhere() {
    Map<String, byte[]> hostile = hostileBodies();
    assertThatThrownBy(() -> read(hostile.get("long[] claiming 2^31-1 elements in 16 bytes")))
        .hasMessageContaining("2147483647 elements")
        .hasMessageContaining("Limits.maxCollectionSize");
    assertThatThrownBy(() -> read(hostile.get("ArrayList whose size field claims 2^31-1 elements")))
        .hasMessageContaining("Object[]")
        .hasMessageContaining("Limits.maxCollectionSize");
    assertThatThrownBy(() -> read(hostile.get("ArrayList nested 10,000 deep")))
        .hasMessageContaining("nested 101 deep")
        .hasMessageContaining("Limits.maxDepth");
    assertThatThrownBy(
            () -> read(hostile.get("SerialDOS: 60 levels of HashSets sharing the next level")))
        .hasMessageContaining("maxExpandedSize");
    assertThatThrownBy(() -> read(hostile.get("string claiming 2^40 bytes")))
        .hasMessageContaining("Limits.maxStringLength");
  }

  @Example
  void truncatedAndTrailingBytesAreCorrupt() {
    byte[] stream = Streams.serialize(new ArrayList<>(List.of("a", "b")));
    assertThatThrownBy(() -> read(Arrays.copyOf(stream, stream.length - 1)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("truncated");
    assertThatThrownBy(() -> read(Arrays.copyOf(stream, stream.length + 1)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("left over");
    assertThatThrownBy(() -> read(Streams.serialize(null)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("null");
  }

  @Example
  void aValueOfAnotherTypeIsCorrupt() {
    JavaSerializationReader<SampleAddress> addresses =
        JavaSerializationReader.newBuilder(SampleAddress.class)
            .allowClass(SampleAddress.class)
            .build();
    byte[] stream = Streams.serialize(42L);
    assertThatThrownBy(() -> addresses.read(stream, 0, stream.length, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("java.lang.Long, not a " + SampleAddress.class.getName());
    byte[] address = Streams.serialize(new SampleAddress("Main St 1", "İzmir", 35000));
    assertThat(addresses.read(address, 0, address.length, Limits.defaults()))
        .isEqualTo(new SampleAddress("Main St 1", "İzmir", 35000));
  }

  private static Object read(byte[] stream) {
    return READER.read(stream, 0, stream.length, Limits.defaults());
  }
}
