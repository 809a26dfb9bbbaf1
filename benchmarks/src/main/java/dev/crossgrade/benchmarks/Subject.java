package dev.crossgrade.benchmarks;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.util.List;

/**
 * One codec measured three ways on one value: the raw library as a careful user calls it, our
 * {@link Codec} alone (the body, no envelope), and our {@link CodecRegistry} (envelope and
 * registry), so that a table can set each against the raw library. Not thread-safe: the raw
 * libraries' writers are reused, as a user reuses them per thread.
 *
 * @param <T> the value type
 */
abstract class Subject<T> {
  /** The codec names, as JMH parameters and table rows, in table order. */
  static final List<String> CODECS = List.of("kryo5", "msgpack", "thrift-compact", "json");

  final String name;
  final T value;
  final Codec<T> codec;
  final CodecRegistry<T> registry;
  final Limits limits = Limits.defaults();
  private final int bufferHint;

  Subject(String name, T value, Codec<T> codec) {
    this.name = name;
    this.value = value;
    this.codec = codec;
    this.registry = CodecRegistry.newBuilder(codec.valueType()).writer(codec).build();
    // The capacity the registry settles on for this value (CodecRegistry's size hint), so that the
    // codec-alone path starts from the same buffer size.
    int payload = registry.encode(value).length;
    this.bufferHint = Math.max(64, payload + (payload >>> 2));
  }

  /** The subject for a codec named in {@link #CODECS} and a value of {@code shape}. */
  static Subject<?> of(String codec, Shape shape) {
    return switch (codec) {
      case "kryo5" -> new KryoSubject(shape);
      case "msgpack" -> new MessagePackSubject(shape);
      case "thrift-compact" -> new ThriftSubject(shape);
      case "json" -> new JsonSubject(shape);
      default -> throw new IllegalArgumentException("no codec subject '" + codec + "'");
    };
  }

  /** The value written by the raw library. */
  abstract byte[] encodeRaw();

  /** The value read by the raw library from bytes it wrote. */
  abstract T decodeRaw(byte[] bytes);

  /** The body our codec writes, with no envelope, as a byte array of its own. */
  final byte[] encodeCodec() {
    PayloadBuffer buffer = new PayloadBuffer(bufferHint, limits.maxPayloadSize());
    codec.encode(value, buffer, limits);
    return buffer.toByteArray();
  }

  /** The value our codec reads from a body. */
  final T decodeCodec(byte[] body) {
    return codec.decode(body, 0, body.length, limits);
  }

  /** The payload (envelope and body) our registry writes. */
  final byte[] encodeRegistry() {
    return registry.encode(value);
  }

  /** The value our registry reads from a payload. */
  final T decodeRegistry(byte[] payload) {
    return registry.decode(payload);
  }
}
