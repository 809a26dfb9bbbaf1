package dev.crossgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.Compression;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.WellKnownCodecs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path dir;

  /** A stand-in body writer: inspect never looks inside the body. */
  record Utf8(CodecDescriptor descriptor) implements Codec<String> {
    @Override
    public Class<String> valueType() {
      return String.class;
    }

    @Override
    public void encode(String value, PayloadBuffer out, Limits limits) {
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      out.write(bytes, 0, bytes.length);
    }

    @Override
    public String decode(byte[] bytes, int offset, int length, Limits limits) {
      return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
  }

  static Map<String, String> parse(String line) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    try (JsonParser parser = new JsonFactory().createParser(line)) {
      assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        parser.nextToken();
        fields.put(name, parser.getValueAsString());
      }
    }
    return fields;
  }

  @Test
  void printsTheHeaderOfValidPayloadsAndExitsZero() throws IOException {
    CodecRegistry<String> registry =
        CodecRegistry.newBuilder(String.class)
            .writer(new Utf8(WellKnownCodecs.KRYO5))
            .currentSchemaVersion(7)
            .checksum(true)
            .writerTag("jdk17-app-1")
            .compression(Compression.DEFLATE, 100)
            .build();
    Path small = Files.write(dir.resolve("small.bin"), registry.encode("hello"));
    Path big = Files.write(dir.resolve("big.bin"), registry.encode("x".repeat(1000)));

    CliRun run = CliRun.of("inspect", small.toString(), big.toString());

    assertThat(run.status()).isZero();
    String[] lines = run.out().split("\n");
    assertThat(lines).hasSize(2);
    Map<String, String> first = parse(lines[0]);
    assertThat(first)
        .containsEntry("file", small.toString())
        .containsEntry("codec", "kryo5")
        .containsEntry("codecId", "17")
        .containsEntry("family", "kryo")
        .containsEntry("codecGeneration", "5")
        .doesNotContainKey("generation")
        .containsEntry("envelopeVersion", "1")
        .containsEntry("schemaVersion", "7")
        .containsEntry("flags", "5")
        .containsEntry("compression", "none")
        .containsEntry("writerTag", "jdk17-app-1")
        .containsEntry("bodyLength", "5")
        .containsEntry("checksum", "verified");
    Map<String, String> second = parse(lines[1]);
    assertThat(second)
        .containsEntry("compression", "deflate")
        .containsEntry("uncompressedLength", "1000")
        .containsEntry("flags", "7");
  }

  @Test
  void reportsGarbageWithTheErrorKindAndExitsTwo() throws IOException {
    CodecRegistry<String> registry =
        CodecRegistry.newBuilder(String.class)
            .writer(new Utf8(WellKnownCodecs.JSON))
            .checksum(true)
            .build();
    byte[] valid = registry.encode("{\"a\":1}");
    byte[] flipped = valid.clone();
    flipped[flipped.length - 1] ^= 1;
    Path good = Files.write(dir.resolve("good.bin"), valid);
    Path corrupt = Files.write(dir.resolve("corrupt.bin"), flipped);
    Path legacy =
        Files.write(dir.resolve("legacy.bin"), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
    Path truncated = Files.write(dir.resolve("truncated.bin"), new byte[] {(byte) 0xC1, 0x47, 1});
    Path missing = dir.resolve("missing.bin");

    CliRun run =
        CliRun.of(
            "inspect",
            good.toString(),
            corrupt.toString(),
            legacy.toString(),
            truncated.toString(),
            missing.toString());

    assertThat(run.status()).isEqualTo(2);
    String[] lines = run.out().split("\n");
    assertThat(lines).hasSize(5);
    assertThat(parse(lines[0])).containsEntry("codec", "json").doesNotContainKey("error");
    assertThat(parse(lines[1]))
        .containsEntry("file", corrupt.toString())
        .containsEntry("error", "corrupt");
    assertThat(parse(lines[1]).get("reason")).contains("checksum mismatch");
    assertThat(parse(lines[2])).containsEntry("error", "legacy-payload");
    assertThat(parse(lines[3])).containsEntry("error", "corrupt");
    assertThat(parse(lines[3]).get("reason")).contains("truncated");
    assertThat(parse(lines[4])).containsEntry("error", "unreadable-file");
  }

  @Test
  void everySubcommandHasHelp() {
    CliRun top = CliRun.of("--help");
    assertThat(top.status()).isZero();
    assertThat(top.out()).contains("inspect");
    CliRun inspect = CliRun.of("inspect", "--help");
    assertThat(inspect.status()).isZero();
    assertThat(inspect.out()).contains("Exit status 0 if every file is a valid payload");
  }
}
