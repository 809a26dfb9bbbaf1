package dev.crossgrade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.PayloadHeader;
import org.junit.jupiter.api.Test;

class EnvelopeBenchmarkTest {
  @Test
  void anEmptyBodyIsABareHeaderThatReadsBackTheValue() {
    EnvelopeBenchmark benchmark = new EnvelopeBenchmark();
    benchmark.body = 0;
    benchmark.setUp();

    byte[] payload = benchmark.encode();

    assertThat(payload).hasSize(SubjectChecks.HEADER_BYTES);
    assertThat(PayloadHeader.read(payload).bodyLength()).isZero();
    assertThat(benchmark.decode()).isSameAs(EnvelopeBenchmark.VALUE);
    assertThat(benchmark.bufferOnly()).isEmpty();
  }

  @Test
  void aLargeBodyFollowsTheHeaderAndTheBaselineWritesTheSameBody() {
    EnvelopeBenchmark benchmark = new EnvelopeBenchmark();
    benchmark.body = 65536;
    benchmark.setUp();

    byte[] payload = benchmark.encode();

    assertThat(payload).hasSize(SubjectChecks.HEADER_BYTES + 65536);
    assertThat(PayloadHeader.read(payload).bodyLength()).isEqualTo(65536);
    assertThat(benchmark.decode()).isSameAs(EnvelopeBenchmark.VALUE);
    assertThat(benchmark.bufferOnly()).hasSize(65536);
  }
}
