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
public final class KryoCodec {
  private KryoCodec() {}

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
    return RealKryo5Codec.of(Object.class, new KryoConfig(Object.class, "", true));
  }

  /**
   * Builds a Kryo 5 codec. Each class must be registered with an id that every runtime of the fleet
   * gives it; other settings may be set once.
   *
   * @param <T> the type of value the codec reads and writes
   */
  public static final class Builder<T> {
    private final Class<T> valueType;
    private final KryoConfig config;

    private Builder(Class<T> valueType) {
      this.valueType = valueType;
      this.config = new KryoConfig(valueType, "KryoCodec.Builder", false);
    }

    /**
     * Registers a class under an id, which is written instead of its name. Ids 0 to 9 belong to
     * Kryo's own registrations; use 10 and up. Register the value type, every class reachable from
     * it (including collections, maps and arrays such as {@code ArrayList} or {@code int[]}).
     *
     * @throws IllegalArgumentException if the class cannot be serialized safely (for example a JDK
     *     class without a bounded serializer, a record or a class without a no-arg constructor)
     * @throws IllegalStateException if the class or the id was already registered
     */
    public Builder<T> register(Class<?> type, int id) {
      config.register(type, id);
      return this;
    }

    /** How user classes are written; default {@link KryoEvolution#COMPATIBLE}. */
    public Builder<T> evolution(KryoEvolution evolution) {
      config.evolution(evolution);
      return this;
    }

    /**
     * Whether Kryo tracks references, so that shared and cyclic objects are written once; default
     * false, as in Kryo 5. Writers and readers of a fleet must agree.
     */
    public Builder<T> references(boolean enabled) {
      config.references(enabled);
      return this;
    }

    /**
     * Validates the registrations and returns the codec.
     *
     * @throws IllegalStateException if no registered class is a {@code T}
     * @throws IllegalArgumentException if an id is one of Kryo's own
     */
    public Codec<T> build() {
      config.validate();
      return RealKryo5Codec.of(valueType, config);
    }
  }
}
