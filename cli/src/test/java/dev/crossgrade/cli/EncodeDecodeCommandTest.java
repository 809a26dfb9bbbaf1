package dev.crossgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossgrade.codec.PayloadHeader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodeDecodeCommandTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String DOCUMENT =
      "{\"name\":\"Zoë 😀\",\"tags\":[1,2.5,\"x\",true,null],"
          + "\"nested\":{\"empty\":[],\"big\":9007199254740992,\"neg\":-42}}";

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"json", "canonical-json", "msgpack", "msgpack-oldspec", "kryo", "kryo4"})
  void aValueEncodedWithACodecDecodesToTheSameValue(String codec) throws IOException {
    CliRun encoded =
        CliRun.withInput(
            DOCUMENT.getBytes(StandardCharsets.UTF_8),
            "encode",
            "--codec",
            codec,
            "--schema-version",
            "3");
    assertThat(encoded.status()).as(encoded.err()).isZero();
    PayloadHeader header = PayloadHeader.read(encoded.stdout());
    assertThat(header.schemaVersion()).isEqualTo(3);
    Path file = Files.write(dir.resolve(codec + ".bin"), encoded.stdout());

    CliRun decoded = CliRun.of("decode", file.toString());

    assertThat(decoded.status()).as(decoded.err()).isZero();
    JsonNode line = MAPPER.readTree(decoded.out());
    assertThat(line.get("codec").asText()).isEqualTo(codec.equals("kryo") ? "kryo5" : codec);
    assertThat(line.get("schemaVersion").asInt()).isEqualTo(3);
    assertThat(line.get("value")).isEqualTo(MAPPER.readTree(DOCUMENT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "msgpack", "kryo"})
  void rawBodiesRoundTripWithTheCodecNamed(String codec) throws IOException {
    CliRun encoded =
        CliRun.withInput(
            "[1,\"two\",3.5]".getBytes(StandardCharsets.UTF_8),
            "encode",
            "--codec",
            codec,
            "--raw");
    assertThat(encoded.status()).as(encoded.err()).isZero();
    assertThat(encoded.stdout()[0]).isNotEqualTo((byte) 0xC1);
    Path file = Files.write(dir.resolve("raw.bin"), encoded.stdout());
    CliRun decoded = CliRun.of("decode", "--raw", "--codec", codec, file.toString());
    assertThat(decoded.status()).as(decoded.err()).isZero();
    assertThat(MAPPER.readTree(decoded.out()).get("value"))
        .isEqualTo(MAPPER.readTree("[1,\"two\",3.5]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"json", "msgpack", "msgpack-oldspec", "kryo", "kryo4"})
  void integersBeyondADoubleKeepEveryDigit(String codec) throws IOException {
    String numbers = "[18446744073709551615,-9223372036854775808,9007199254740993]";
    CliRun encoded =
        CliRun.withInput(numbers.getBytes(StandardCharsets.UTF_8), "encode", "--codec", codec);
    assertThat(encoded.status()).as(encoded.err()).isZero();
    Path file = Files.write(dir.resolve("numbers.bin"), encoded.stdout());
    CliRun decoded = CliRun.of("decode", file.toString());
    assertThat(MAPPER.readTree(decoded.out()).get("value").toString()).isEqualTo(numbers);
  }

  @Test
  void canonicalJsonRefusesIntegersItCannotWriteExactly() {
    CliRun encoded =
        CliRun.withInput(
            "[18446744073709551615]".getBytes(StandardCharsets.UTF_8),
            "encode",
            "--codec",
            "canonical-json");
    assertThat(encoded.status()).isEqualTo(2);
    assertThat(encoded.err()).contains("unencodable-value").contains("no exact RFC 8785 form");
  }

  @Test
  void badInputAndUnknownCodecsExitTwoWithAReason() {
    CliRun invalid =
        CliRun.withInput(
            "{\"a\":1,}".getBytes(StandardCharsets.UTF_8), "encode", "--codec", "json");
    assertThat(invalid.status()).isEqualTo(2);
    assertThat(invalid.err()).contains("1:");
    CliRun unknown =
        CliRun.withInput("1".getBytes(StandardCharsets.UTF_8), "encode", "--codec", "pickle");
    assertThat(unknown.status()).isEqualTo(2);
    assertThat(unknown.err()).contains("no codec named 'pickle'").contains("msgpack-oldspec");
  }

  @Test
  void decodingGarbagePrintsTheTypedReasonAndExitsTwo() throws IOException {
    Path garbage = Files.write(dir.resolve("garbage.bin"), new byte[] {(byte) 0xC1, 0x47, 1, 2});
    Path legacy = Files.write(dir.resolve("legacy.bin"), "hello".getBytes(StandardCharsets.UTF_8));
    CliRun run = CliRun.of("decode", garbage.toString(), legacy.toString());
    assertThat(run.status()).isEqualTo(2);
    String[] lines = run.out().split("\n");
    assertThat(MAPPER.readTree(lines[0]).get("error").asText()).isEqualTo("corrupt");
    assertThat(MAPPER.readTree(lines[1]).get("error").asText()).isEqualTo("legacy-payload");
  }

  @Test
  void decodedDoublesPrintTheSameOnEveryJdk() throws IOException {
    CliRun encoded =
        CliRun.withInput(
            "[2e23,1e23,4.656612873077393E-10]".getBytes(StandardCharsets.UTF_8),
            "encode",
            "--codec",
            "msgpack");
    Path file = Files.write(dir.resolve("doubles.bin"), encoded.stdout());
    CliRun decoded = CliRun.of("decode", file.toString());
    assertThat(decoded.out()).contains("\"value\":[2e+23,1e+23,4.656612873077393e-10]");
  }

  @Test
  void canonPrintsTheRfc8785FormTheSameOnEveryJdk() {
    CliRun run =
        CliRun.withInput(
            "{\"b\": 2e23, \"a\": [1.0, -0.0, 4.656612873077393E-10], \"\\u00e9\": \"\\u20ac\"}"
                .getBytes(StandardCharsets.UTF_8),
            "canon");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo("{\"a\":[1,0,4.656612873077393e-10],\"b\":2e+23,\"é\":\"€\"}\n");
  }

  @Test
  void canonRejectsDuplicateKeysWithLineAndColumn() throws IOException {
    Path file =
        Files.write(
            dir.resolve("dup.json"),
            "{\n  \"a\": 1,\n  \"a\": 2\n}".getBytes(StandardCharsets.UTF_8));
    CliRun run = CliRun.of("canon", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).startsWith(file + ":3:").contains("duplicate key");
  }
}
