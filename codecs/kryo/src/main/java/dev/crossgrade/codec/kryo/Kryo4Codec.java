package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.WellKnownCodecs;

/**
 * Builds codecs for the Kryo 4 wire format ({@link WellKnownCodecs#KRYO4}, written by {@code
 * com.esotericsoftware:kryo:4.0.3}), a codec generation of its own, so that a fleet moving from
 * Kryo 4 to Kryo 5 reads both: register a Kryo 4 codec as a reader beside the {@link Kryo5Codec}
 * writer. It also writes Kryo 4 bodies, to stand in for a runtime not yet migrated.
 *
 * <p>A body is what Kryo 4's {@code writeClassAndObject} writes with the same registrations and
 * serializers. Registration is required with explicit ids, user classes get an evolution-tolerant
 * serializer, and every length header is checked against the {@link dev.crossgrade.codec.Limits}
 * and the bytes that remain before anything is allocated. The codecs are thread-safe.
 */
public final class Kryo4Codec {
  private Kryo4Codec() {}

  /** Starts a Kryo 4 codec for values of {@code valueType}. */
  public static <T> Builder<T> newBuilder(Class<T> valueType) {
    return new Builder<>(valueType);
  }

  /**
   * A Kryo 4 codec for the generic value model (see {@link dev.crossgrade.codec.CodecProvider}),
   * named {@code kryo4}. String, Long, Double, Boolean, ArrayList, LinkedHashMap, BigInteger and
   * byte[] have the ids 40 to 47 in that order, and Kryo's own ids 0 to 9 are refused.
   */
  public static Codec<Object> generic() {
    return RealKryoCodec.generic(Kryo4Binding.INSTANCE);
  }

  /**
   * Builds a Kryo 4 codec. Each class must be registered with the id the Kryo 4 runtimes gave it;
   * other settings may be set once.
   *
   * @param <T> the type of value the codec reads and writes
   */
  public static final class Builder<T> extends KryoBuilder<T, Builder<T>> {
    private Builder(Class<T> valueType) {
      super(Kryo4Binding.INSTANCE, valueType);
    }
  }
}
