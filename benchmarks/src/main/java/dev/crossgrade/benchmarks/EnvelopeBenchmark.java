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
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The envelope and registry alone: a {@link CodecRegistry} over a codec that copies a fixed body
 * into the buffer and reads nothing back, so that what is measured is what the registry adds to any
 * codec (header, check byte, reader lookup, result), not a small difference between two large,
 * noisy codec timings. {@link #bufferOnly} is what our codec alone does around the same body (its
 * buffer, the body and the final array), so the registry's encode overhead is {@code encode −
 * bufferOnly} and its decode overhead is {@code decode}. With a 64 KiB body, allocation shows
 * whether the registry copies the body: a copy would allocate 64 KiB more.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class EnvelopeBenchmark {
  /** The value the fixed-body codec reads. */
  static final Object VALUE = "value";

  /** The body length in bytes: {@code 0} or {@code 65536}. */
  @Param({"0", "65536"})
  public int body = 0;

  private final long limit = Limits.defaults().maxPayloadSize();
  private CodecRegistry<Object> registry = registry(0);
  private byte[] payload = new byte[0];
  private byte[] bytes = new byte[0];
  private int hint = 64;

  /** Writes the payload that {@link #decode} reads, and checks it. */
  @Setup
  public void setUp() {
    registry = registry(body);
    bytes = new byte[body];
    payload = registry.encode(VALUE);
    if (payload.length != SubjectChecks.HEADER_BYTES + body || registry.decode(payload) != VALUE) {
      throw new IllegalStateException("a fixed body should follow a bare header");
    }
    // The capacity the registry settles on for this payload (CodecRegistry's size hint).
    hint = Math.max(64, payload.length + (payload.length >>> 2));
  }

  private static CodecRegistry<Object> registry(int length) {
    return CodecRegistry.newBuilder(Object.class).writer(new FixedBodyCodec(length)).build();
  }

  /** The registry writes a payload around the body. */
  @Benchmark
  public byte[] encode() {
    return registry.encode(VALUE);
  }

  /** What a codec alone does around the body: a buffer of the same size, the body, the array. */
  @Benchmark
  public byte[] bufferOnly() {
    PayloadBuffer buffer = new PayloadBuffer(hint, limit);
    buffer.write(bytes, 0, bytes.length);
    return buffer.toByteArray();
  }

  /** The registry reads a payload; the codec does not touch the body. */
  @Benchmark
  public Object decode() {
    return registry.decode(payload);
  }

  /** A codec that writes {@code length} zero bytes and reads {@link #VALUE} from such a body. */
  static final class FixedBodyCodec implements Codec<Object> {
    private static final CodecDescriptor DESCRIPTOR =
        CodecDescriptor.of(0x80, "bench-fixed", "bench", 1);
    private final byte[] body;

    FixedBodyCodec(int length) {
      this.body = new byte[length];
    }

    @Override
    public CodecDescriptor descriptor() {
      return DESCRIPTOR;
    }

    @Override
    public Class<Object> valueType() {
      return Object.class;
    }

    @Override
    public void encode(Object value, PayloadBuffer out, Limits limits) {
      out.write(body, 0, body.length);
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length, Limits limits) {
      if (length != body.length) {
        throw new CorruptPayloadException(
            "the fixed-body codec expects " + body.length + " bytes, read " + length);
      }
      return VALUE;
    }
  }
}
