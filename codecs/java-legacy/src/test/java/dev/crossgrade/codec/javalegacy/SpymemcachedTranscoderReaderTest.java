package dev.crossgrade.codec.javalegacy;

import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.COMPRESSED;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SERIALIZED;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_BOOLEAN;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_BYTE;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_BYTEARRAY;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_DATE;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_DOUBLE;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_FLOAT;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_INT;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LegacyReader;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.SerializingTranscoder;

/**
 * Entries written by the real spymemcached {@link SerializingTranscoder} read back with their
 * flags; hostile entries fail typed.
 */
class SpymemcachedTranscoderReaderTest {
  private static final SpymemcachedTranscoderReader READER =
      SpymemcachedTranscoderReader.newBuilder().objects(Values.reader()).build();

  /** The real transcoder, writing as spymemcached clients do by default. */
  private static CachedData write(Object value) {
    return new SerializingTranscoder().encode(value);
  }

  /** The real transcoder, compressing everything over {@code threshold} bytes. */
  private static CachedData write(Object value, int threshold) {
    SerializingTranscoder transcoder = new SerializingTranscoder();
    transcoder.setCompressionThreshold(threshold);
    return transcoder.encode(value);
  }

  @Example
  void ourFlagConstantsAreTheTranscoders() {
    assertThat(write("text").getFlags()).isZero();
    assertThat(write(true).getFlags()).isEqualTo(SPECIAL_BOOLEAN).isEqualTo(0x100);
    assertThat(write(7).getFlags()).isEqualTo(SPECIAL_INT).isEqualTo(0x200);
    assertThat(write(7L).getFlags()).isEqualTo(SPECIAL_LONG).isEqualTo(0x300);
    assertThat(write(new Date(7)).getFlags()).isEqualTo(SPECIAL_DATE).isEqualTo(0x400);
    assertThat(write((byte) 7).getFlags()).isEqualTo(SPECIAL_BYTE).isEqualTo(0x500);
    assertThat(write(7f).getFlags()).isEqualTo(SPECIAL_FLOAT).isEqualTo(0x600);
    assertThat(write(7d).getFlags()).isEqualTo(SPECIAL_DOUBLE).isEqualTo(0x700);
    assertThat(write(new byte[] {7}).getFlags()).isEqualTo(SPECIAL_BYTEARRAY).isEqualTo(0x800);
    assertThat(write(new ArrayList<>(List.of(7))).getFlags()).isEqualTo(SERIALIZED).isEqualTo(1);
    assertThat(write("x".repeat(20_000)).getFlags()).isEqualTo(COMPRESSED).isEqualTo(2);
    assertThat(write(new ArrayList<>(List.of("x".repeat(20_000)))).getFlags())
        .isEqualTo(SERIALIZED | COMPRESSED);
    assertThat(write(new byte[20_000]).getFlags()).isEqualTo(SPECIAL_BYTEARRAY | COMPRESSED);
    assertThat(write(0L).getData()).as("zero is stored as no bytes").isEmpty();
  }

  @Provide
  Arbitrary<Object> entries() {
    return Arbitraries.oneOf(
        Values.strings(),
        Arbitraries.strings().withCharRange('a', 'e').ofMinLength(16_000).ofMaxLength(40_000),
        Arbitraries.integers(),
        Arbitraries.longs(),
        Arbitraries.of(true, false),
        Arbitraries.longs().map(Date::new),
        Arbitraries.bytes(),
        Arbitraries.floats(),
        Values.doubles(),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(100),
        Arbitraries.bytes().between((byte) 0, (byte) 3).array(byte[].class).ofSize(20_000),
        Values.values());
  }

  @Property(tries = 200)
  void readsWhatTheRealTranscoderWrote(
      @ForAll("entries") Object value, @ForAll @IntRange(min = 0, max = 20_000) int threshold) {
    for (CachedData entry : List.of(write(value), write(value, threshold))) {
      Object read = READER.read(entry.getData(), entry.getFlags());

      Object expected =
          value instanceof String text
              ? new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
              : value;
      assertThat(equivalent(expected, read))
          .as("read %s from flags 0x%x", read, entry.getFlags())
          .isTrue();
      if ((entry.getFlags() & SERIALIZED) == 0) {
        assertThat(equivalent(new SerializingTranscoder().decode(entry), read))
            .as("spymemcached itself reads the same")
            .isTrue();
      }
    }
  }

  private static boolean equivalent(Object expected, Object actual) {
    if (expected instanceof Float f && actual instanceof Float g) {
      return Float.floatToRawIntBits(f) == Float.floatToRawIntBits(g);
    }
    if (expected instanceof Double d && actual instanceof Double e) {
      return Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(e);
    }
    return Objects.deepEquals(expected, actual);
  }

  @Example
  void aLegacyReaderAssumingSerializedReadsCompressedEntriesToo() {
    List<String> small = new ArrayList<>(List.of("a", "b"));
    List<String> large = new ArrayList<>(List.of("z".repeat(30_000)));
    CachedData plain = write(small);
    CachedData compressed = write(large);
    assertThat(compressed.getFlags()).isEqualTo(SERIALIZED | COMPRESSED);

    LegacyReader<Object> legacy = READER.legacyReader(SERIALIZED, Object.class);
    CodecRegistry<Object> registry =
        CodecRegistry.newBuilder(Object.class).writer(Values.reader()).legacyReader(legacy).build();

    assertThat(registry.decode(plain.getData())).isEqualTo(small);
    assertThat(registry.decode(compressed.getData())).isEqualTo(large);
    assertThat(legacy.descriptor().name()).isEqualTo("java-serialization");
  }

  @Example
  void aLegacyReaderChecksTheTypeAndItsFlags() {
    LegacyReader<Long> longs = READER.legacyReader(SPECIAL_LONG, Long.class);
    byte[] data = write(-5L).getData();
    assertThat(longs.read(data, 0, data.length, Limits.defaults())).isEqualTo(-5L);
    LegacyReader<String> strings = READER.legacyReader(SPECIAL_LONG, String.class);
    assertThatThrownBy(() -> strings.read(data, 0, data.length, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("java.lang.Long, not a java.lang.String");
    assertThatThrownBy(() -> READER.legacyReader(0x10000, Object.class))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Example
  void entriesTheTranscoderNeverWritesAreCorrupt() {
    Map<String, Object[]> cases =
        Map.of(
            "unknown flag bits", new Object[] {"x".getBytes(StandardCharsets.UTF_8), 0x10000},
            "bit 2", new Object[] {"x".getBytes(StandardCharsets.UTF_8), 0x4},
            "special type 9", new Object[] {new byte[] {1}, 9 << 8},
            "serialized and special", new Object[] {new byte[] {1}, SERIALIZED | SPECIAL_INT},
            "an int of five bytes", new Object[] {new byte[5], SPECIAL_INT},
            "a long of nine bytes", new Object[] {new byte[9], SPECIAL_LONG},
            "a boolean 'x'", new Object[] {new byte[] {'x'}, SPECIAL_BOOLEAN},
            "malformed UTF-8", new Object[] {new byte[] {(byte) 0xC3, 0x28}, 0},
            "compressed but not gzip", new Object[] {new byte[40], COMPRESSED},
            "a serialized entry that is not a stream", new Object[] {new byte[] {1, 2, 3}, 1});
    for (Map.Entry<String, Object[]> entry : cases.entrySet()) {
      byte[] data = (byte[]) entry.getValue()[0];
      int flags = (Integer) entry.getValue()[1];
      assertThatThrownBy(() -> READER.read(data, flags))
          .as(entry.getKey())
          .isInstanceOf(CorruptPayloadException.class);
    }
  }

  @Example
  void aSerializedGadgetIsRejectedThroughTheTranscoderPathToo() {
    CachedData entry = write(new Gadgets.ReadObjectGadget("calc"));
    Gadgets.READ_OBJECT_RAN.set(false);
    assertThatThrownBy(() -> READER.read(entry.getData(), entry.getFlags()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("allowClass(");
    CachedData compressed = write(new Gadgets.ReadObjectGadget("x".repeat(20_000)));
    assertThat(compressed.getFlags()).isEqualTo(SERIALIZED | COMPRESSED);
    assertThatThrownBy(() -> READER.read(compressed.getData(), compressed.getFlags()))
        .isInstanceOf(CorruptPayloadException.class);
    assertThat(Gadgets.READ_OBJECT_RAN).isFalse();
  }

  @Example
  void aGzipBombFailsWithTheLimitExceptionAllocatingLittle() {
    byte[] bomb = Streams.gzip(new byte[64 << 20]); // 64 MiB of zeros in about 64 KiB
    byte[] forged = bomb.clone(); // the same, with a trailer claiming 1000 bytes
    forged[forged.length - 4] = (byte) 0xE8;
    forged[forged.length - 3] = 0x03;
    forged[forged.length - 2] = 0;
    forged[forged.length - 1] = 0;
    READER.read(write("x".repeat(20_000)).getData(), COMPRESSED); // warm up

    for (int flags :
        new int[] {COMPRESSED, SERIALIZED | COMPRESSED, SPECIAL_BYTEARRAY | COMPRESSED}) {
      long allocated =
          Streams.allocatedBy(
              () ->
                  assertThatThrownBy(() -> READER.read(bomb, flags))
                      .isInstanceOf(LimitExceededException.class)
                      .hasMessageContaining("64.0 MiB uncompressed")
                      .hasMessageContaining("Limits.maxPayloadSize"));
      assertThat(allocated).as("allocated with flags %d", flags).isLessThan(1 << 20);
      long forgedAllocated =
          Streams.allocatedBy(
              () ->
                  assertThatThrownBy(() -> READER.read(forged, flags))
                      .isInstanceOf(CorruptPayloadException.class)
                      .hasMessageContaining("more than the 1000 bytes its trailer declares"));
      assertThat(forgedAllocated).as("allocated with flags %d", flags).isLessThan(1 << 20);
    }
  }

  @Example
  void compressedEntriesAreBoundedByTheLimitsGiven() {
    CachedData entry = write("y".repeat(50_000));
    Limits small = Limits.newBuilder().maxPayloadSize(40_000).build();
    assertThatThrownBy(
            () -> READER.read(entry.getData(), 0, entry.getData().length, entry.getFlags(), small))
        .isInstanceOf(LimitExceededException.class);
    assertThat(READER.read(entry.getData(), entry.getFlags())).isEqualTo("y".repeat(50_000));
  }

  @Provide
  Arbitrary<Integer> flags() {
    return Arbitraries.oneOf(
        Arbitraries.integers(),
        Arbitraries.integers().between(0, 8).map(special -> special << 8),
        Arbitraries.integers().between(0, 8).map(special -> special << 8 | COMPRESSED),
        Arbitraries.of(SERIALIZED, SERIALIZED | COMPRESSED));
  }

  @Provide
  Arbitrary<byte[]> data() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.bytes()
            .array(byte[].class)
            .ofMaxSize(64)
            .map(bytes -> mutateTail(Streams.gzip(bytes), bytes.length)),
        entries()
            .map(value -> write(value, 10).getData())
            .map(bytes -> mutateTail(bytes, bytes.length)));
  }

  private static byte[] mutateTail(byte[] bytes, int seed) {
    byte[] copy = bytes.clone();
    if (copy.length > 0 && seed % 2 == 0) {
      copy[(seed * 31) % copy.length] ^= (byte) (1 << (seed % 8));
    }
    return seed % 3 == 0 ? Arrays.copyOf(copy, copy.length / 2) : copy;
  }

  @Property(tries = 500)
  void anyBytesAndFlagsYieldAValueOrATypedException(
      @ForAll("data") byte[] data, @ForAll("flags") int flags) {
    try {
      READER.read(data, flags);
    } catch (PayloadException expected) {
      assertThat(expected.reason()).isNotBlank();
    } catch (Throwable other) {
      fail("reading " + Streams.hex(data) + " with flags " + flags + " threw " + other, other);
    }
  }
}
