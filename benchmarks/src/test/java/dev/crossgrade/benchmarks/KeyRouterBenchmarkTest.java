package dev.crossgrade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.KeyRouter;
import org.junit.jupiter.api.Test;

class KeyRouterBenchmarkTest {
  @Test
  void asciiKeysHaveTheirLengthAndAreUsedAsIs() {
    for (int length : new int[] {8, 32, 64}) {
      KeyRouterBenchmark benchmark = new KeyRouterBenchmark();
      benchmark.key = "ascii-" + length;
      benchmark.setUp();
      String logical = KeyRouterBenchmark.logicalKey(benchmark.key);
      assertThat(logical).hasSize(length);
      assertThat(KeyRouter.isRawSafe(logical)).isTrue();
      assertThat(benchmark.physicalKey()).isEqualTo(benchmark.concat()).endsWith(":" + logical);
    }
  }

  @Test
  void theHashedKeyIsReplacedByItsDigest() {
    KeyRouterBenchmark benchmark = new KeyRouterBenchmark();
    benchmark.key = "hashed-64";
    benchmark.setUp();
    String logical = KeyRouterBenchmark.logicalKey(benchmark.key);
    assertThat(logical).hasSize(64);
    assertThat(KeyRouter.isRawSafe(logical)).isFalse();
    assertThat(benchmark.physicalKey()).startsWith("shop:media:g2:#").doesNotContain(" ");
  }
}
