package dev.crossgrade.codec;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Arbitrary bytes given to the decoder produce a value or a typed exception, nothing else. */
class DecoderFuzzPropertiesTest {
  private final CodecRegistry<String> registry =
      CodecRegistry.newBuilder(String.class)
          .writer(TextCodec.strings(TextCodec.TEXT_V1))
          .checksum(true)
          .compression(Compression.DEFLATE, 32)
          .build();

  @Provide
  Arbitrary<byte[]> garbage() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> withMagic =
        raw.map(
            bytes -> {
              byte[] out = new byte[bytes.length + 3];
              out[0] = (byte) 0xC1;
              out[1] = 0x47;
              out[2] = 1;
              System.arraycopy(bytes, 0, out, 3, bytes.length);
              if (out.length >= 8) {
                out[7] = (byte) Envelope.crc8(out, 0, 7);
              }
              return out;
            });
    Arbitrary<byte[]> mutatedValid =
        Arbitraries.strings()
            .ofMaxLength(300)
            .map(registry::encode)
            .flatMap(
                payload ->
                    Arbitraries.integers()
                        .between(0, payload.length - 1)
                        .tuple2()
                        .map(
                            positions -> {
                              byte[] copy = payload.clone();
                              copy[positions.get1()] ^= (byte) (positions.get2() | 1);
                              return copy;
                            }));
    return Arbitraries.oneOf(raw, withMagic, mutatedValid);
  }

  @Property(tries = 3000)
  void arbitraryBytesProduceOnlyTypedExceptions(@ForAll("garbage") byte[] bytes) {
    DecodeOutcome<String> outcome = registry.tryDecode(bytes);
    if (outcome instanceof DecodeOutcome.Miss<String> miss) {
      assertThat(miss.reason()).isInstanceOf(PayloadException.class);
      assertThat(miss.reason().getMessage()).isNotBlank();
    }
    try {
      PayloadHeader.read(bytes);
    } catch (PayloadException expected) {
      assertThat(expected.kind()).isNotNull();
    }
  }

  @Property(tries = 500)
  void everyValueRoundTripsThroughChecksumAndCompression(@ForAll String value) {
    assertThat(registry.decode(registry.encode(value))).isEqualTo(value);
  }
}
