package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.kryo5.util.Pool;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Kryo codec of either generation: one {@link KryoSession} per concurrent caller, taken from a
 * pool, reading through its bounded input and writing straight into the payload buffer. The
 * generation is a {@link KryoBinding} ({@link Kryo4Binding}, {@link Kryo5Binding}); everything here
 * is the same for both.
 *
 * @param <T> the value type
 */
final class RealKryoCodec<T> implements Codec<T> {
  private final KryoBinding<?, ?, ?, ?> binding;
  private final CodecDescriptor descriptor;
  private final Class<T> valueType;
  private final KryoConfig config;
  private final Pool<KryoSession<?, ?, ?, ?>> pool;

  /**
   * @param binding the generation
   * @param config the registrations and settings, which the codec no longer changes
   */
  RealKryoCodec(KryoBinding<?, ?, ?, ?> binding, Class<T> valueType, KryoConfig config) {
    this.binding = binding;
    this.descriptor = binding.descriptor();
    this.valueType = valueType;
    this.config = config;
    this.pool =
        new Pool<>(true, false, 4 * Runtime.getRuntime().availableProcessors()) {
          @Override
          protected KryoSession<?, ?, ?, ?> create() {
            return KryoSession.open(binding, config);
          }
        };
    // Builds one Kryo instance now, so that a bad registration fails at build time.
    pool.free(KryoSession.open(binding, config));
  }

  /** The codec of {@code binding}'s generation for the generic value model. */
  static Codec<Object> generic(KryoBinding<?, ?, ?, ?> binding) {
    return new RealKryoCodec<>(binding, Object.class, new KryoConfig(Object.class, "", true));
  }

  @Override
  public CodecDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Class<T> valueType() {
    return valueType;
  }

  @Override
  public void encode(T value, PayloadBuffer out, Limits limits) {
    Objects.requireNonNull(value, "value");
    Object body = config.generic() ? GenericValues.normalize(value, limits, descriptor) : value;
    KryoSession<?, ?, ?, ?> session = pool.obtain();
    boolean clean = false;
    try {
      session.bounds.begin(limits, 0);
      session.maxDepth(limits.maxDepth() + 1);
      session.write(body, out);
      clean = true;
    } catch (RuntimeException | StackOverflowError e) {
      throw KryoFailures.onEncode(e, descriptor, limits, config.builderName());
    } finally {
      session.releaseOutput();
      if (clean) {
        pool.free(session);
      }
    }
  }

  @Override
  public T decode(byte[] bytes, int offset, int length, Limits limits) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    KryoSession<?, ?, ?, ?> session = pool.obtain();
    boolean clean = false;
    try {
      session.bounds.begin(limits, length);
      session.maxDepth(limits.maxDepth() + 1);
      Object value = session.read(bytes, offset, length);
      int left = offset + length - session.readEnd();
      if (left != 0) {
        throw new CorruptPayloadException(
            left + " bytes left over after the value (" + length + " byte body)",
            descriptor.id(),
            -1,
            null);
      }
      T result = checkType(value);
      clean = true;
      return result;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // A bad body is the common failure: reset the session and keep it, so that a hostile entry
      // read again and again does not build a Kryo instance each time. After an Error its state
      // is unknown and it is dropped.
      clean = e instanceof RuntimeException && reset(session);
      throw KryoFailures.onDecode(e, descriptor, limits);
    } finally {
      session.releaseInput();
      if (clean) {
        pool.free(session);
      }
    }
  }

  private static boolean reset(KryoSession<?, ?, ?, ?> session) {
    try {
      session.reset();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private T checkType(@Nullable Object value) {
    if (config.generic()) {
      return valueType.cast(GenericValues.checkDecoded(value, descriptor));
    }
    if (!valueType.isInstance(value)) {
      throw new CorruptPayloadException(
          "body holds %s, not a %s"
              .formatted(
                  (value == null ? "null" : "a " + value.getClass().getName()),
                  valueType.getName()),
          descriptor.id(),
          -1,
          null);
    }
    return valueType.cast(value);
  }

  @Override
  public String toString() {
    return binding.facade() + "{" + descriptor.name() + ", " + valueType.getName() + "}";
  }
}
