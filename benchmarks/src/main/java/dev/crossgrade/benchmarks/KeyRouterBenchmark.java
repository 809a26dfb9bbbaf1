package dev.crossgrade.benchmarks;

import dev.crossgrade.router.KeyRouter;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Physical-key construction by {@link KeyRouter#physicalKey}, against plain string concatenation of
 * the same key (what a caller without the router would write, with no validation). Logical keys of
 * 8, 32 and 64 printable ASCII bytes are used as is; {@code hashed-64} is a 64-character key with a
 * space, which the router replaces by its SHA-256 (no concatenation baseline does that).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeyRouterBenchmark {
  /** The logical key: {@code ascii-8}, {@code ascii-32}, {@code ascii-64} or {@code hashed-64}. */
  @Param({"ascii-8", "ascii-32", "ascii-64", "hashed-64"})
  public String key = "ascii-32";

  private final KeyRouter router = KeyRouter.withPrefix("shop");
  private String prefix = "shop";
  private String keyspace = "media";
  private int generation = 2;
  private String logicalKey = "";

  /** Builds the logical key, and checks that both methods build the same raw key. */
  @Setup
  public void setUp() {
    logicalKey = logicalKey(key);
    prefix = router.prefix();
    if (KeyRouter.isRawSafe(logicalKey) && !physicalKey().equals(concat())) {
      throw new IllegalStateException(
          "the router's key " + physicalKey() + " is not the concatenation " + concat());
    }
  }

  static String logicalKey(String param) {
    int dash = param.indexOf('-');
    int length = Integer.parseInt(param.substring(dash + 1));
    StringBuilder text = new StringBuilder("user:");
    for (int i = 0; text.length() < length; i++) {
      text.append((char) ('a' + i % 26));
    }
    if (param.startsWith("hashed")) {
      text.setCharAt(length / 2, ' ');
    }
    return text.toString();
  }

  /** The router builds the physical key. */
  @Benchmark
  public String physicalKey() {
    return router.physicalKey(keyspace, generation, logicalKey);
  }

  /** Plain concatenation of the same key, unchecked. */
  @Benchmark
  public String concat() {
    return prefix + ':' + keyspace + ":g" + generation + ':' + logicalKey;
  }
}
