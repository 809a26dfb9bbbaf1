package dev.crossgrade.benchmarks;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The envelope and registry alone: a {@link CodecRegistry} over a codec whose body is empty, so
 * that what is measured is what the registry adds to any codec (header, check byte, reader lookup,
 * result) rather than a small difference between two large, noisy codec timings. {@link
 * #bufferOnly} is the payload buffer and final array that our codec alone needs as well, so the
 * registry's encode overhead is {@code encode − bufferOnly}; its decode overhead is {@code decode}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EnvelopeBenchmark {
  /** The value the empty-body codec reads. */
  static final Object VALUE = "value";

  private final CodecRegistry<Object> registry =
      CodecRegistry.newBuilder(Object.class).writer(new EmptyBodyCodec()).build();
  private final long limit = Limits.defaults().maxPayloadSize();
  private byte[] payload = new byte[0];

  /** Writes the payload that {@link #decode} reads. */
  @Setup
  public void setUp() {
    payload = registry.encode(VALUE);
    if (payload.length != SubjectChecks.HEADER_BYTES || registry.decode(payload) != VALUE) {
      throw new IllegalStateException("an empty body should be a bare header");
    }
  }

  /** The registry writes a payload around an empty body. */
  @Benchmark
  public byte[] encode() {
    return registry.encode(VALUE);
  }

  /** The buffer and final array of a body written by a codec alone, with the registry's hint. */
  @Benchmark
  public byte[] bufferOnly() {
    return new PayloadBuffer(64, limit).toByteArray();
  }

  /** The registry reads a payload with an empty body. */
  @Benchmark
  public Object decode() {
    return registry.decode(payload);
  }

  /** A codec that writes nothing and reads {@link #VALUE} from an empty body. */
  static final class EmptyBodyCodec implements Codec<Object> {
    private static final CodecDescriptor DESCRIPTOR =
        CodecDescriptor.of(0x80, "bench-empty", "bench", 1);

    @Override
    public CodecDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Class<Object> valueType() {
      return Object.class;
    }

    @Override
    public void encode(Object value, PayloadBuffer out, Limits limits) {}

    @Override
    public Object decode(byte[] bytes, int offset, int length, Limits limits) {
      if (length != 0) {
        throw new CorruptPayloadException("the empty-body codec read a " + length + "-byte body");
      }
      return VALUE;
    }
  }
}
