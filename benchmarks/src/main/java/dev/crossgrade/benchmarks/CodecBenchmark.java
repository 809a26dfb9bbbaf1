package dev.crossgrade.benchmarks;

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
 * Encode and decode of one value per codec and {@link Shape}, side by side: {@code *Raw} is the raw
 * library, {@code *Envelope} our {@link dev.crossgrade.codec.CodecRegistry} (envelope, registry and
 * codec), the path a cache call takes. What the envelope and registry alone add is measured by
 * {@link EnvelopeBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {
  /** The codec, one of {@link Subject#CODECS}. */
  @Param({"kryo5", "msgpack", "thrift-compact", "json"})
  public String codec = "kryo5";

  /** The value's {@link Shape}. */
  @Param({"small", "media", "large"})
  public String size = "media";

  private Subject<?> subject = new KryoSubject(Shape.MEDIA);
  private byte[] raw = new byte[0];
  private byte[] payload = new byte[0];

  /**
   * Creates the subject and the bytes each path reads, and checks that they agree: our codec's body
   * is the raw library's bytes, behind an 8-byte header.
   */
  @Setup
  public void setUp() {
    subject = Subject.of(codec, Shape.of(size));
    raw = subject.encodeRaw();
    payload = subject.encodeRegistry();
    SubjectChecks.check(subject, raw, subject.encodeCodec(), payload);
  }

  /** The raw library writes the value. */
  @Benchmark
  public byte[] encodeRaw() {
    return subject.encodeRaw();
  }

  /** Our registry writes the payload: envelope and body. */
  @Benchmark
  public byte[] encodeEnvelope() {
    return subject.encodeRegistry();
  }

  /** The raw library reads the value. */
  @Benchmark
  public Object decodeRaw() {
    return subject.decodeRaw(raw);
  }

  /** Our registry reads the payload: envelope and body. */
  @Benchmark
  public Object decodeEnvelope() {
    return subject.decodeRegistry(payload);
  }
}
