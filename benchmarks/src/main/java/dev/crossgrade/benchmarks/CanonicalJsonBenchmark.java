package dev.crossgrade.benchmarks;

import dev.crossgrade.codec.jackson.CanonicalJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.erdtman.jcs.JsonCanonicalizer;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * RFC 8785 canonicalization of UTF-8 JSON text: our {@link CanonicalJson} against {@code
 * io.github.erdtman:java-json-canonicalization}, on the six RFC 8785 test inputs (one operation
 * canonicalizes all six) and on a realistic 10 KiB order document. Setup checks that both produce
 * the same bytes. Warmed up longer than the other benchmarks: on a busy machine the JIT needs more
 * than five seconds to compile both canonicalizers' larger methods, and an interpreted iteration is
 * some ten times slower.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class CanonicalJsonBenchmark {
  /** {@code rfc8785} (the six test inputs) or {@code order-10k}. */
  @Param({"rfc8785", "order-10k"})
  public String input = "rfc8785";

  private byte[][] inputs = new byte[0][];

  /** Loads the inputs and checks that both implementations agree on every one. */
  @Setup
  public void setUp() {
    List<byte[]> texts =
        input.equals("rfc8785")
            ? CanonicalInputs.rfc8785Inputs()
            : List.of(CanonicalInputs.document());
    inputs = texts.toArray(new byte[0][]);
    for (byte[] text : inputs) {
      if (!Arrays.equals(ours(text), erdtman(text))) {
        throw new IllegalStateException(
            "our canonical form and erdtman's differ for " + input + " input");
      }
    }
  }

  /** Our canonicalization of every input. */
  @Benchmark
  public void ours(Blackhole blackhole) {
    for (byte[] text : inputs) {
      blackhole.consume(ours(text));
    }
  }

  /** erdtman's canonicalization of every input. */
  @Benchmark
  public void erdtman(Blackhole blackhole) {
    for (byte[] text : inputs) {
      blackhole.consume(erdtman(text));
    }
  }

  static byte[] ours(byte[] text) {
    return CanonicalJson.canonicalize(text);
  }

  static byte[] erdtman(byte[] text) {
    try {
      return new JsonCanonicalizer(text).getEncodedUTF8();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
