package dev.crossgrade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.codec.WellKnownCodecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The Lettuce cache-path benchmark against a real redis-server: every operation reaches it. */
class LettuceCachePathBenchmarkTest {
  private final LettuceCachePathBenchmark benchmark = new LettuceCachePathBenchmark();
  private final KeyCursor cursor = new KeyCursor();
  private boolean started;

  @AfterEach
  void stop() {
    if (started) {
      benchmark.tearDown();
    }
  }

  @Test
  void everyOperationReachesTheServerAndBothPathsMoveTheSameBytes() throws IOException {
    boolean installed =
        Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, "redis-server")));
    if (!installed) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("redis-server is not installed (scripts/install-deps)");
      }
      Assumptions.abort("redis-server is not installed");
    }
    benchmark.setUp();
    started = true;
    cursor.setUp();
    for (int i = 0; i < LettuceCachePathBenchmark.KEYS * 2; i++) {
      assertThat(benchmark.getVersioned(cursor)).contains(MediaPojos.of(Shape.MEDIA));
      assertThat(PayloadHeader.read(benchmark.getRaw(cursor)).codec())
          .contains(WellKnownCodecs.KRYO5);
    }
    assertThat(benchmark.setRaw(cursor)).isEqualTo("OK");
    assertThat(benchmark.setVersioned(cursor)).isTrue();
    assertThat(benchmark.setDuringRollout(cursor)).isTrue();
    assertThat(benchmark.setDualWrite(cursor)).isTrue();
    assertThat(benchmark.setAsyncVersioned(cursor)).isTrue();
    assertThat(benchmark.getAsyncVersioned(cursor)).isPresent();
    assertThat(PayloadHeader.read(benchmark.getAsyncRaw(cursor)).codec())
        .contains(WellKnownCodecs.KRYO5);
  }
}
