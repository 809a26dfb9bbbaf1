package dev.crossgrade.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the worked examples in codec-api/FORMAT.md against the code, both ways. */
class EnvelopeFormatDocTest {

  record Example(String name, Map<String, String> fields, byte[] payload) {}

  static List<Example> examples() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("FORMAT.md"), StandardCharsets.UTF_8);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith("example: ")) {
        String name = lines.get(i).substring("example: ".length());
        Map<String, String> fields = new HashMap<>();
        for (String pair : lines.get(i + 1).substring("fields: ".length()).split(" ")) {
          String[] kv = pair.split("=", 2);
          fields.put(kv[0], kv[1]);
        }
        String hex = lines.get(i + 2).substring("payload: ".length()).replace(" ", "");
        examples.add(new Example(name, fields, HexFormat.of().parseHex(hex)));
      }
    }
    return examples;
  }

  static byte[] body(String spec) {
    if (spec.contains("*")) {
      String[] parts = spec.split("\\*");
      byte[] body = new byte[Integer.parseInt(parts[1])];
      Arrays.fill(body, (byte) Integer.parseInt(parts[0], 16));
      return body;
    }
    return HexFormat.of().parseHex(spec);
  }

  @Test
  void everyWorkedExampleIsWhatTheCodeWritesAndReads() throws IOException {
    List<Example> examples = examples();
    assertThat(examples).extracting(Example::name).contains("minimal", "checksum", "compressed");
    for (Example example : examples) {
      Map<String, String> f = example.fields();
      int codecId = Integer.parseInt(f.get("codec").substring(2), 16);
      int schema = Integer.parseInt(f.get("schema"));
      boolean checksum = f.get("checksum").equals("yes");
      String tag = f.get("tag").equals("-") ? null : f.get("tag");
      boolean compressed = f.get("compression").equals("deflate");
      byte[] body = body(f.get("body"));

      Envelope.Settings settings =
          new Envelope.Settings(
              codecId,
              schema,
              checksum,
              tag == null ? null : Envelope.writerTagBytes(tag),
              compressed ? Compression.DEFLATE : Compression.NONE,
              0);
      PayloadBuffer buffer = new PayloadBuffer(16, Limits.DEFAULT_MAX_PAYLOAD_SIZE);
      Envelope.reserve(buffer, settings);
      buffer.write(body, 0, body.length);
      assertThat(HexFormat.of().formatHex(Envelope.seal(buffer, settings)))
          .as(example.name())
          .isEqualTo(HexFormat.of().formatHex(example.payload()));

      Envelope.Frame frame =
          Envelope.parse(example.payload(), 0, example.payload().length, Limits.defaults());
      assertThat(frame).isNotNull();
      PayloadHeader header = frame.header();
      assertThat(header.codecId()).isEqualTo(codecId);
      assertThat(header.schemaVersion()).isEqualTo(schema);
      assertThat(header.checksummed()).isEqualTo(checksum);
      assertThat(header.writerTag()).isEqualTo(tag);
      assertThat(header.compression())
          .isEqualTo(compressed ? Compression.DEFLATE : Compression.NONE);
      assertThat(
              Arrays.copyOfRange(
                  frame.body(), frame.bodyOffset(), frame.bodyOffset() + frame.bodyLength()))
          .isEqualTo(body);
    }
  }

  @Test
  void theDocumentedHeaderCheckIsCrc8Smbus() {
    // CRC-8/SMBUS check value from the CRC catalogue: "123456789" -> 0xF4.
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(Envelope.crc8(check, 0, check.length)).isEqualTo(0xF4);
  }

  @Test
  void theCodecIdTableListsEveryWellKnownCodec() throws IOException {
    String doc = Files.readString(Path.of("FORMAT.md"), StandardCharsets.UTF_8);
    for (CodecDescriptor codec : WellKnownCodecs.all()) {
      assertThat(doc)
          .contains(
              String.format(
                  "| `0x%02x` | %s | %s | %d |",
                  codec.id(), codec.name(), codec.family(), codec.generation()));
    }
  }
}
