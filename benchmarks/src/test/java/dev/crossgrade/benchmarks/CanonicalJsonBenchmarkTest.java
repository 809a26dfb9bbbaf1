package dev.crossgrade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalJsonBenchmarkTest {
  @Test
  void oursAndErdtmanWriteTheExpectedOutputOfEveryRfc8785Input() {
    List<byte[]> inputs = CanonicalInputs.rfc8785Inputs();
    List<byte[]> outputs = CanonicalInputs.rfc8785Outputs();
    assertThat(inputs).hasSize(6);
    for (int i = 0; i < inputs.size(); i++) {
      String expected = new String(outputs.get(i), StandardCharsets.UTF_8).strip();
      assertThat(new String(CanonicalJsonBenchmark.ours(inputs.get(i)), StandardCharsets.UTF_8))
          .as(CanonicalInputs.RFC8785.get(i))
          .isEqualTo(expected);
      assertThat(CanonicalJsonBenchmark.erdtman(inputs.get(i)))
          .as(CanonicalInputs.RFC8785.get(i))
          .isEqualTo(CanonicalJsonBenchmark.ours(inputs.get(i)));
    }
  }

  @Test
  void theDocumentIsAbout10KibAndBothCanonicalizeItAlike() {
    byte[] document = CanonicalInputs.document();
    assertThat(document.length).isBetween(9 * 1024, 12 * 1024);
    byte[] ours = CanonicalJsonBenchmark.ours(document);
    assertThat(CanonicalJsonBenchmark.erdtman(document)).isEqualTo(ours);
    assertThat(ours.length).isLessThan(document.length);
  }

  @Test
  void setupAcceptsBothInputs() {
    for (String input : List.of("rfc8785", "order-10k")) {
      CanonicalJsonBenchmark benchmark = new CanonicalJsonBenchmark();
      benchmark.input = input;
      assertThatCode(benchmark::setUp).as(input).doesNotThrowAnyException();
    }
  }
}
