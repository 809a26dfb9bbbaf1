package dev.crossgrade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.codec.WellKnownCodecs;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The cache-path benchmark against a real memcached: both paths hit and move the same bytes. */
class CachePathBenchmarkTest {
  private final CachePathBenchmark benchmark = new CachePathBenchmark();
  private final KeyCursor cursor = new KeyCursor();

  void start(String client) throws Exception {
    try {
      MemcachedProcess.binary();
    } catch (IllegalStateException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw e;
      }
      Assumptions.abort(e.getMessage());
    }
    benchmark.client = client;
    benchmark.setUp();
    cursor.setUp();
  }

  @AfterEach
  void stop() {
    benchmark.tearDown();
  }

  @ParameterizedTest
  @ValueSource(strings = {"spymemcached", "xmemcached"})
  void everyOperationReachesTheServerAndBothPathsMoveTheSameBytes(String client) throws Exception {
    start(client);
    for (int i = 0; i < CachePathBenchmark.KEYS * 2; i++) {
      Optional<MediaPojos.MediaContent> hit = benchmark.getVersioned(cursor);
      assertThat(hit).contains(MediaPojos.of(Shape.MEDIA));
      byte[] raw = benchmark.getRaw(cursor);
      assertThat(PayloadHeader.read(raw).codec()).contains(WellKnownCodecs.KRYO5);
    }
    assertThat(benchmark.getTransport(cursor))
        .hasValueSatisfying(bytes -> assertThat(bytes).hasSize(370));
    assertThat(benchmark.setRaw(cursor)).isTrue();
    assertThat(benchmark.setTransport(cursor)).isTrue();
    assertThat(benchmark.setVersioned(cursor)).isTrue();
    assertThat(benchmark.setDuringRollout(cursor)).isTrue();
    assertThat(benchmark.setDualWrite(cursor)).isTrue();
    assertThat(benchmark.setAsyncVersioned(cursor)).isTrue();
    assertThat(benchmark.getAsyncVersioned(cursor)).isPresent();
    assertThat(benchmark.getVersionedNoMeters(cursor)).isPresent();
    assertThat(benchmark.getAsyncRaw(cursor)).isNotNull();
    for (int i = 0; i < CachePathBenchmark.KEYS; i++) {
      assertThat(benchmark.getVersioned(cursor)).isPresent();
    }
  }
}
