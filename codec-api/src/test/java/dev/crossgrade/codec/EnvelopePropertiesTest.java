package dev.crossgrade.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jspecify.annotations.Nullable;

class EnvelopePropertiesTest {

  record Fields(
      int codecId,
      int schemaVersion,
      boolean checksum,
      @Nullable String writerTag,
      boolean compress,
      byte[] body) {}

  @Provide
  Arbitrary<Fields> fields() {
    Arbitrary<byte[]> bodies =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
            Arbitraries.of((byte) 'a', (byte) 'b')
                .array(byte[].class)
                .ofMinSize(100)
                .ofMaxSize(2000));
    Arbitrary<String> tags =
        Arbitraries.strings()
            .withCharRange(' ', '~')
            .ofMinLength(1)
            .ofMaxLength(255)
            .injectNull(0.3);
    return Combinators.combine(
            Arbitraries.integers().between(1, 255),
            Arbitraries.integers().between(0, 65535),
            Arbitraries.of(true, false),
            tags,
            Arbitraries.of(true, false),
            bodies)
        .as(Fields::new);
  }

  static byte[] write(Fields f) {
    Envelope.Settings settings =
        new Envelope.Settings(
            f.codecId(),
            f.schemaVersion(),
            f.checksum(),
            f.writerTag() == null ? null : Envelope.writerTagBytes(f.writerTag()),
            f.compress() ? Compression.DEFLATE : Compression.NONE,
            0);
    PayloadBuffer buffer = new PayloadBuffer(16, Limits.DEFAULT_MAX_PAYLOAD_SIZE);
    Envelope.reserve(buffer, settings);
    buffer.write(f.body(), 0, f.body().length);
    return Envelope.seal(buffer, settings);
  }

  @Property(tries = 500)
  void everyHeaderFieldCombinationRoundTrips(@ForAll("fields") Fields f) {
    byte[] payload = write(f);
    Envelope.Frame frame = Envelope.parse(payload, 0, payload.length, Limits.defaults());
    assertThat(frame).isNotNull();
    PayloadHeader header = frame.header();
    assertThat(header.envelopeVersion()).isEqualTo(1);
    assertThat(header.codecId()).isEqualTo(f.codecId());
    assertThat(header.schemaVersion()).isEqualTo(f.schemaVersion());
    assertThat(header.checksummed()).isEqualTo(f.checksum());
    assertThat(header.writerTag()).isEqualTo(f.writerTag());
    if (header.compression() == Compression.DEFLATE) {
      assertThat(f.compress()).isTrue();
    }
    assertThat(header.uncompressedLength()).isEqualTo(f.body().length);
    assertThat(header.payloadLength()).isEqualTo(payload.length);
    byte[] body =
        Arrays.copyOfRange(
            frame.body(), frame.bodyOffset(), frame.bodyOffset() + frame.bodyLength());
    assertThat(body).isEqualTo(f.body());
    assertThat(PayloadHeader.read(payload)).isEqualTo(header);
  }

  @Property(tries = 500)
  void compressibleBodiesAreCompressedWhenAsked(
      @ForAll @Size(min = 1, max = 4) byte[] pattern, @ForAll("fields") Fields f) {
    byte[] body = new byte[2000];
    for (int i = 0; i < body.length; i++) {
      body[i] = pattern[i % pattern.length];
    }
    Fields compressible =
        new Fields(f.codecId(), f.schemaVersion(), f.checksum(), f.writerTag(), true, body);
    byte[] payload = write(compressible);
    PayloadHeader header = PayloadHeader.read(payload);
    assertThat(header.compression()).isEqualTo(Compression.DEFLATE);
    assertThat(header.bodyLength()).isLessThan(body.length);
    assertThat(header.uncompressedLength()).isEqualTo(body.length);
  }

  @Property(tries = 300)
  void withChecksumEverySingleBitFlipIsDetectedAsCorrupt(@ForAll("fields") Fields f) {
    Fields checked =
        new Fields(f.codecId(), f.schemaVersion(), true, f.writerTag(), f.compress(), f.body());
    byte[] payload = write(checked);
    for (int bit = 0; bit < payload.length * 8; bit++) {
      byte[] flipped = payload.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertCorrupt(flipped, "bit " + bit);
    }
  }

  @Property(tries = 300)
  void withChecksumEveryTruncationIsDetectedAsCorrupt(@ForAll("fields") Fields f) {
    Fields checked =
        new Fields(f.codecId(), f.schemaVersion(), true, f.writerTag(), f.compress(), f.body());
    byte[] payload = write(checked);
    for (int length = 0; length < payload.length; length++) {
      assertCorrupt(Arrays.copyOf(payload, length), "truncated to " + length);
    }
  }

  @Property(tries = 300)
  void withoutChecksumHeaderBitFlipsAreStillDetected(@ForAll("fields") Fields f) {
    Fields unchecked =
        new Fields(f.codecId(), f.schemaVersion(), false, f.writerTag(), false, f.body());
    byte[] payload = write(unchecked);
    for (int bit = 0; bit < Envelope.FIXED_HEADER * 8; bit++) {
      byte[] flipped = payload.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertCorrupt(flipped, "bit " + bit);
    }
  }

  @Property(tries = 500)
  void aPlainHeaderIsThePayloadsFixedHeaderExactlyWhenItHasNoOptionalPart(
      @ForAll("fields") Fields f) {
    byte[] payload = write(f);
    PayloadHeader header = PayloadHeader.read(payload);
    boolean plain =
        !header.checksummed()
            && header.writerTag() == null
            && header.compression() == Compression.NONE;
    long plainHeader = Envelope.plainHeader(f.codecId(), f.schemaVersion());
    assertThat(Envelope.fixedHeaderAt(payload, 0) == plainHeader).isEqualTo(plain);
    if (plain) {
      assertThat(header.headerLength()).isEqualTo(Envelope.FIXED_HEADER);
    }
  }

  @Property(tries = 300)
  void aHeaderOneBitOffIsNoPlainHeader(
      @ForAll("fields") Fields f, @ForAll @IntRange(min = 0, max = 63) int bit) {
    long flipped = Envelope.plainHeader(f.codecId(), f.schemaVersion()) ^ (1L << bit);
    // A plain header is a function of its codec id (byte 3) and schema version (bytes 4 and 5),
    // so the only plain header the flipped one could be is the one of the fields it names.
    int codecId = (int) (flipped >>> 32) & 0xFF;
    int schemaVersion = (int) (flipped >>> 16) & 0xFFFF;
    assertThat(Envelope.plainHeader(codecId, schemaVersion)).isNotEqualTo(flipped);
  }

  /**
   * The registry takes plain payloads without parsing them; whatever the payload and whatever the
   * damage, it must read what the full parse reads and refuse what it refuses, with its reason.
   */
  @Property(tries = 1000)
  void theRegistryReadsEveryPayloadAsTheFullParseDoes(
      @ForAll("fields") Fields f, @ForAll @IntRange(min = -1, max = 400) int flip) {
    byte[] payload = write(f);
    if (flip >= 0 && flip < payload.length * 8) {
      payload[flip / 8] ^= (byte) (1 << (flip % 8));
    }
    CodecDescriptor descriptor = CodecDescriptor.of(f.codecId(), "test-body", "test-body", 1);
    CodecRegistry<byte[]> registry =
        CodecRegistry.newBuilder(byte[].class)
            .currentSchemaVersion(f.schemaVersion())
            .writer(new BodyCodec(descriptor))
            .build();
    DecodeOutcome<byte[]> outcome = registry.tryDecode(payload);
    Envelope.Frame frame;
    try {
      frame = Envelope.parse(payload, 0, payload.length, Limits.defaults());
    } catch (PayloadException refused) {
      assertThat(outcome).isInstanceOf(DecodeOutcome.Miss.class);
      PayloadException reason = ((DecodeOutcome.Miss<byte[]>) outcome).reason();
      assertThat(reason.kind()).isEqualTo(refused.kind());
      assertThat(reason.reason()).isEqualTo(refused.reason());
      return;
    }
    if (frame == null
        || frame.header().codecId() != f.codecId()
        || frame.header().schemaVersion() != f.schemaVersion()) {
      assertThat(outcome).isInstanceOf(DecodeOutcome.Miss.class);
      return;
    }
    byte[] body =
        Arrays.copyOfRange(
            frame.body(), frame.bodyOffset(), frame.bodyOffset() + frame.bodyLength());
    assertThat(outcome).isInstanceOf(DecodeOutcome.Hit.class);
    assertThat(((DecodeOutcome.Hit<byte[]>) outcome).value()).isEqualTo(body);
  }

  /** A codec whose value is its body. */
  private record BodyCodec(CodecDescriptor descriptor) implements Codec<byte[]> {
    @Override
    public Class<byte[]> valueType() {
      return byte[].class;
    }

    @Override
    public void encode(byte[] value, PayloadBuffer out, Limits limits) {
      out.write(value, 0, value.length);
    }

    @Override
    public byte[] decode(byte[] bytes, int offset, int length, Limits limits) {
      return Arrays.copyOfRange(bytes, offset, offset + length);
    }
  }

  private static void assertCorrupt(byte[] damaged, String what) {
    try {
      Envelope.parse(damaged, 0, damaged.length, Limits.defaults());
    } catch (CorruptPayloadException expected) {
      return;
    }
    throw new AssertionError(what + " was not detected as corrupt: " + hex(damaged));
  }

  static String hex(byte[] bytes) {
    StringBuilder sb = new StringBuilder();
    for (byte b : bytes) {
      sb.append(String.format("%02x", b));
    }
    return sb.toString();
  }
}
