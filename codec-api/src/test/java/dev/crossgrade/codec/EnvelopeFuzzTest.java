package dev.crossgrade.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the envelope parser and the registry's decode path (Jazzer). In the
 * normal test run it replays the committed corpus under {@code EnvelopeFuzzTestInputs/}; {@code
 * scripts/fuzz} runs real fuzzing for a set time.
 */
class EnvelopeFuzzTest {
  private static final CodecRegistry<String> REGISTRY =
      CodecRegistry.newBuilder(String.class)
          .writer(TextCodec.strings(TextCodec.TEXT_V1))
          .reader(TextCodec.strings(TextCodec.TEXT_V2))
          .checksum(true)
          .compression(Compression.DEFLATE, 16)
          .limits(Limits.newBuilder().maxPayloadSize(64 * 1024).build())
          .build();

  @FuzzTest(maxDuration = "10s")
  void envelopeParserAcceptsOrRejectsWithATypedException(byte[] data) {
    try {
      PayloadHeader header = PayloadHeader.read(data, REGISTRY.limits());
      assertThat(header.payloadLength()).isEqualTo(data.length);
    } catch (PayloadException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
    DecodeOutcome<String> outcome = REGISTRY.tryDecode(data);
    if (outcome instanceof DecodeOutcome.Hit<String> hit) {
      assertThat(REGISTRY.decode(REGISTRY.encode(hit.value()))).isEqualTo(hit.value());
    }
  }
}
