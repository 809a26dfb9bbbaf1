package dev.crossgrade.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encode and decode of one value per codec and {@link Shape}, three ways side by side: {@code *Raw}
 * is the raw library, {@code *Codec} our codec alone (body only), {@code *Envelope} our {@link
 * dev.crossgrade.codec.CodecRegistry} (envelope, registry and codec), the path a cache call takes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBenchmark {
  /** The codec, one of {@link Subject#CODECS}. */
  @Param({"kryo5", "msgpack", "thrift-compact", "json"})
  public String codec = "kryo5";

  /** The value's {@link Shape}. */
  @Param({"small", "media", "large"})
  public String size = "media";

  private Subject<?> subject = new KryoSubject(Shape.MEDIA);
  private byte[] raw = new byte[0];
  private byte[] body = new byte[0];
  private byte[] payload = new byte[0];

  /** Creates the subject and the bytes each path reads, and checks that all three agree. */
  @Setup
  public void setUp() {
    subject = Subject.of(codec, Shape.of(size));
    raw = subject.encodeRaw();
    body = subject.encodeCodec();
    payload = subject.encodeRegistry();
    SubjectChecks.check(subject, raw, body, payload);
  }

  /** The raw library writes the value. */
  @Benchmark
  public byte[] encodeRaw() {
    return subject.encodeRaw();
  }

  /** Our codec writes the body alone. */
  @Benchmark
  public byte[] encodeCodec() {
    return subject.encodeCodec();
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

  /** Our codec reads the body alone. */
  @Benchmark
  public Object decodeCodec() {
    return subject.decodeCodec(body);
  }

  /** Our registry reads the payload: envelope and body. */
  @Benchmark
  public Object decodeEnvelope() {
    return subject.decodeRegistry(payload);
  }
}
