package dev.crossgrade.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import net.jqwik.api.Example;
import org.erdtman.jcs.JsonCanonicalizer;

/** The RFC 8785 test vectors of the reference implementation, reproduced byte for byte. */
class JcsTestVectorsTest {

  private static Path directory(String name) throws URISyntaxException {
    return Path.of(
        Objects.requireNonNull(JcsTestVectorsTest.class.getResource("/jcs/" + name)).toURI());
  }

  private static List<String> cases() throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(directory("input"))) {
      return files
          .map(file -> file.getFileName().toString().replace(".json", ""))
          .sorted()
          .toList();
    }
  }

  @Example
  void everyVectorIsPresent() throws Exception {
    assertThat(cases())
        .containsExactly("arrays", "french", "structures", "unicode", "values", "weird");
  }

  @Example
  void everyInputCanonicalizesToItsOutputByteForByte() throws Exception {
    for (String name : cases()) {
      byte[] input = Files.readAllBytes(directory("input").resolve(name + ".json"));
      byte[] expected = Files.readAllBytes(directory("output").resolve(name + ".json"));
      assertThat(CanonicalJson.canonicalize(input)).as(name).isEqualTo(expected);
    }
  }

  @Example
  void everyInputCanonicalizesToItsHexOutput() throws Exception {
    for (String name : cases()) {
      byte[] input = Files.readAllBytes(directory("input").resolve(name + ".json"));
      String hex =
          Files.readString(directory("outhex").resolve(name + ".txt"), StandardCharsets.UTF_8);
      byte[] expected =
          HexFormat.of().parseHex(hex.replaceAll("\\s+", "").toLowerCase(Locale.ROOT));
      assertThat(CanonicalJson.canonicalize(input)).as(name).isEqualTo(expected);
    }
  }

  @Example
  void theStringFormGivesTheSameCharacters() throws Exception {
    for (String name : cases()) {
      String input =
          Files.readString(directory("input").resolve(name + ".json"), StandardCharsets.UTF_8);
      String expected =
          Files.readString(directory("output").resolve(name + ".json"), StandardCharsets.UTF_8);
      assertThat(CanonicalJson.canonicalize(input)).as(name).isEqualTo(expected);
    }
  }

  @Example
  void canonicalOutputIsAFixedPointAndMatchesTheOracle() throws Exception {
    for (String name : cases()) {
      byte[] input = Files.readAllBytes(directory("input").resolve(name + ".json"));
      byte[] once = CanonicalJson.canonicalize(input);
      assertThat(CanonicalJson.canonicalize(once)).as(name).isEqualTo(once);
      assertThat(once).as(name).isEqualTo(new JsonCanonicalizer(input).getEncodedUTF8());
    }
  }
}
