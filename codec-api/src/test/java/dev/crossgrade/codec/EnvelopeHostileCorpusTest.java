package dev.crossgrade.codec;

import static dev.crossgrade.codec.PayloadException.Kind.CORRUPT;
import static dev.crossgrade.codec.PayloadException.Kind.LEGACY_PAYLOAD;
import static dev.crossgrade.codec.PayloadException.Kind.LIMIT_EXCEEDED;
import static dev.crossgrade.codec.PayloadException.Kind.UNKNOWN_CODEC;
import static dev.crossgrade.codec.PayloadException.Kind.UNSUPPORTED_ENVELOPE;
import static dev.crossgrade.codec.PayloadException.Kind.UNSUPPORTED_SCHEMA_VERSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * The committed hostile envelopes under {@code hostile/envelope/}: each fails with its expected
 * kind while allocating at most max(4 x its size, 64 KiB).
 */
class EnvelopeHostileCorpusTest {
  private static final CodecRegistry<String> REGISTRY =
      CodecRegistry.newBuilder(String.class)
          .writer(TextCodec.strings(TextCodec.TEXT_V1))
          .compression(Compression.DEFLATE, 16)
          .build();

  private static final CodecRegistry<String> CHECKSUMMED =
      CodecRegistry.newBuilder(String.class)
          .writer(TextCodec.strings(TextCodec.TEXT_V1))
          .checksum(true)
          .build();

  /** A payload compressed by the registry, then with its declared uncompressed size replaced. */
  static byte[] compressedDeclaring(long declared) {
    byte[] payload = REGISTRY.encode("a".repeat(2000));
    assertThat(payload[6] & Envelope.FLAG_COMPRESSED).isNotZero();
    byte[] forged = payload.clone();
    putInt(forged, Envelope.FIXED_HEADER + 1, (int) declared);
    return forged;
  }

  /** A raw-deflated body of {@code size} zero bytes under a header declaring {@code declared}. */
  static byte[] deflateBomb(int size, int declared) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(new byte[size]);
    deflater.finish();
    byte[] compressed = new byte[size / 100 + 64];
    int n = deflater.deflate(compressed);
    deflater.end();
    byte[] payload = new byte[Envelope.FIXED_HEADER + Envelope.COMPRESSION_PART + n];
    header(payload, TextCodec.TEXT_V1.id(), 1, Envelope.FLAG_COMPRESSED);
    payload[Envelope.FIXED_HEADER] = (byte) Compression.DEFLATE.id();
    putInt(payload, Envelope.FIXED_HEADER + 1, declared);
    System.arraycopy(compressed, 0, payload, Envelope.FIXED_HEADER + Envelope.COMPRESSION_PART, n);
    return payload;
  }

  private static void putInt(byte[] bytes, int at, int value) {
    bytes[at] = (byte) (value >>> 24);
    bytes[at + 1] = (byte) (value >>> 16);
    bytes[at + 2] = (byte) (value >>> 8);
    bytes[at + 3] = (byte) value;
  }

  private static void header(byte[] payload, int codecId, int schemaVersion, int flags) {
    payload[0] = (byte) Envelope.MAGIC_0;
    payload[1] = (byte) Envelope.MAGIC_1;
    payload[2] = (byte) Envelope.VERSION;
    payload[3] = (byte) codecId;
    payload[4] = (byte) (schemaVersion >>> 8);
    payload[5] = (byte) schemaVersion;
    payload[6] = (byte) flags;
    payload[7] = (byte) Envelope.crc8(payload, 0, 7);
  }

  private static byte[] withHeader(byte[] payload, int codecId, int schemaVersion, int flags) {
    byte[] copy = payload.clone();
    header(copy, codecId, schemaVersion, flags);
    return copy;
  }

  static Map<String, byte[]> definitions() {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    byte[] plain = REGISTRY.encode("hello");
    inputs.put(
        HostileCorpus.fileName(
            CORRUPT, "compressed body declares 1 MiB but inflates to 2000 bytes"),
        compressedDeclaring(1 << 20));
    inputs.put(
        HostileCorpus.fileName(LIMIT_EXCEEDED, "compressed body declares 2^32-1 bytes"),
        compressedDeclaring(0xFFFF_FFFFL));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "compressed body inflates past the 100 bytes it declares"),
        compressedDeclaring(100));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "compressed body is not deflate"),
        withTail(compressedDeclaring(2000), new byte[] {(byte) 0xFF, (byte) 0xFF, 0x00}));
    byte[] badCrc = plain.clone();
    badCrc[7] ^= 0x55;
    inputs.put(HostileCorpus.fileName(CORRUPT, "header crc8 does not match"), badCrc);
    byte[] version2 = plain.clone();
    version2[2] = 2;
    version2[7] = (byte) Envelope.crc8(version2, 0, 7);
    inputs.put(HostileCorpus.fileName(UNSUPPORTED_ENVELOPE, "envelope version 2"), version2);
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "reserved flag bits set"),
        withHeader(plain, TextCodec.TEXT_V1.id(), 1, 0x80));
    inputs.put(
        HostileCorpus.fileName(UNKNOWN_CODEC, "codec id 0x99 not registered"),
        withHeader(plain, 0x99, 1, 0));
    inputs.put(
        HostileCorpus.fileName(UNSUPPORTED_SCHEMA_VERSION, "schema version 65535"),
        withHeader(plain, TextCodec.TEXT_V1.id(), 0xFFFF, 0));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "header truncated after 5 bytes"), Arrays.copyOf(plain, 5));
    byte[] checksummed = CHECKSUMMED.encode("checked text");
    byte[] flipped = checksummed.clone();
    flipped[flipped.length - 1] ^= 1;
    inputs.put(HostileCorpus.fileName(CORRUPT, "body does not match its crc32c"), flipped);
    byte[] lengthLie = checksummed.clone();
    putInt(lengthLie, Envelope.FIXED_HEADER, Integer.MAX_VALUE);
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "checksum part claims a 2^31-1 byte body"), lengthLie);
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "body is not utf-8"),
        withTail(Arrays.copyOf(plain, Envelope.FIXED_HEADER), new byte[] {(byte) 0xC3, 0x28}));
    inputs.put(
        HostileCorpus.fileName(LEGACY_PAYLOAD, "no envelope and no legacy reader"),
        "{\"json\":true}".getBytes(StandardCharsets.UTF_8));
    return inputs;
  }

  private static byte[] withTail(byte[] head, byte[] tail) {
    byte[] out = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }

  @Test
  void everyDefinedInputIsCommitted() {
    HostileCorpus.writeOrVerify("envelope", definitions());
  }

  @Test
  void everyCommittedInputFailsAsExpectedWithinTheAllocationBound() {
    List<HostileCorpus.Measurement> measured = HostileCorpus.check("envelope", REGISTRY::decode);
    assertThat(measured).hasSizeGreaterThanOrEqualTo(definitions().size());
  }

  @Test
  void aHeaderDeclaring1MiBAllocatesWhatTheBodyInflatesTo_notTheClaim() {
    // Regression: inflate allocated the declared size up front, so 40 bytes cost 1 MiB.
    byte[] lying = compressedDeclaring(1 << 20);
    assertThat(lying.length).isLessThan(100);
    assertThatThrownBy(() -> REGISTRY.decode(lying)).isInstanceOf(CorruptPayloadException.class);
    long allocated = allocatedBy(() -> REGISTRY.tryDecode(lying));
    assertThat(allocated).isLessThan(64 * 1024);
  }

  @Test
  void aDeflateBombCostsAtMostTwiceItsDeclaredSize() {
    int declared = 256 * 1024;
    byte[] bomb = deflateBomb(4 * declared, declared);
    assertThat(bomb.length).isLessThan(4096);
    assertThatThrownBy(() -> REGISTRY.decode(bomb))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("inflates to more than");
    long allocated = allocatedBy(() -> REGISTRY.tryDecode(bomb));
    assertThat(allocated).isLessThan(2L * declared + 64 * 1024);
    byte[] honest = deflateBomb(declared, declared);
    assertThat(REGISTRY.decode(honest)).hasSize(declared);
  }

  private static long allocatedBy(Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    action.run();
    long before = threads.getCurrentThreadAllocatedBytes();
    action.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }
}
