package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.WellKnownCodecs;

/**
 * Builds codecs for the Kryo 5 wire format ({@link WellKnownCodecs#KRYO5}): class registration
 * required with explicit ids, an evolution-tolerant serializer for user classes, and every length
 * header checked against the {@link dev.crossgrade.codec.Limits} and the bytes that remain before
 * anything is allocated. The codecs are thread-safe.
 *
 * <p>A body is what Kryo 5's {@code writeClassAndObject} writes with the same registrations and
 * {@code setOptimizedGenerics(false)} (with generics optimization, the data of a removed field that
 * holds a generic collection could not be skipped), so a plain Kryo 5 program configured alike
 * reads it. Kryo 4 bodies are not Kryo 5 bodies: read them with {@link Kryo4Codec}.
 */
public final class Kryo5Codec {
  private Kryo5Codec() {}

  /** Starts a Kryo 5 codec for values of {@code valueType}. */
  public static <T> Builder<T> newBuilder(Class<T> valueType) {
    return new Builder<>(valueType);
  }

  /**
   * A Kryo 5 codec for the generic value model (see {@link dev.crossgrade.codec.CodecProvider}),
   * named {@code kryo5}. String, Long, Double, Boolean, ArrayList, LinkedHashMap, BigInteger and
   * byte[] have the ids 20 to 27 in that order, and Kryo's own ids 0 to 9 are refused; Kryo 4's
   * generic codec uses 40 to 47, so neither generation mistakes the other's generic body for its
   * own.
   */
  public static Codec<Object> generic() {
    return RealKryoCodec.generic(Kryo5Binding.INSTANCE);
  }

  /**
   * Builds a Kryo 5 codec. Each class must be registered with an id that every runtime of the fleet
   * gives it; other settings may be set once.
   *
   * @param <T> the type of value the codec reads and writes
   */
  public static final class Builder<T> extends KryoBuilder<T, Builder<T>> {
    private Builder(Class<T> valueType) {
      super(Kryo5Binding.INSTANCE, valueType);
    }
  }
}
