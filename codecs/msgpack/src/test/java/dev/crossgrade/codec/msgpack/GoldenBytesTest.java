package dev.crossgrade.codec.msgpack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.Compression;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadHeader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import net.jqwik.api.Example;

/**
 * The current writers still write the committed golden bodies byte for byte, so that a library
 * upgrade that changes what we write (not only what we read) is noticed.
 */
class GoldenBytesTest {

  @Example
  void theCurrentSpecWriterReproducesItsGoldenBodies() throws IOException {
    check(MessagePackCodec.generic(), new GenericMessagePackCodecTest().goldenValues());
  }

  @Example
  void theOldSpecWriterReproducesItsGoldenBodies() throws IOException {
    check(MessagePackCodec.genericOldSpec(), new OldSpecGenericCodecTest().goldenValues());
  }

  @Example
  void theRecordWriterReproducesItsGoldenBody() throws IOException {
    check(CustomerCodecTest.CODEC, new CustomerCodecTest().goldenValues());
  }

  private static <T> void check(Codec<T> codec, Map<String, T> golden) throws IOException {
    for (Map.Entry<String, T> entry : golden.entrySet()) {
      String resource = "/golden/" + codec.descriptor().name() + "/" + entry.getKey() + ".payload";
      byte[] payload;
      try (InputStream in = GoldenBytesTest.class.getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        payload = in.readAllBytes();
      }
      PayloadHeader header = PayloadHeader.read(payload);
      assertThat(header.compression()).isEqualTo(Compression.NONE);
      byte[] body =
          Arrays.copyOfRange(
              payload, header.headerLength(), header.headerLength() + header.bodyLength());
      PayloadBuffer buffer = new PayloadBuffer(64, Limits.defaults().maxPayloadSize());
      codec.encode(entry.getValue(), buffer, Limits.defaults());
      assertThat(HexFormat.of().formatHex(buffer.toByteArray()))
          .as("body written for golden %s", resource)
          .isEqualTo(HexFormat.of().formatHex(body));
    }
  }
}
