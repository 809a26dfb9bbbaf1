package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.WellKnownCodecs;

/**
 * Builds codecs for the Kryo 4 wire format ({@link WellKnownCodecs#KRYO4}, written by {@code
 * com.esotericsoftware:kryo:4.0.3}), a codec generation of its own, so that a fleet moving from
 * Kryo 4 to Kryo 5 reads both: register a Kryo 4 codec as a reader beside the {@link KryoCodec}
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
    return RealKryo4Codec.of(Object.class, new KryoConfig(Object.class, "", true));
  }

  /**
   * Builds a Kryo 4 codec. Each class must be registered with the id the Kryo 4 runtimes gave it;
   * other settings may be set once.
   *
   * @param <T> the type of value the codec reads and writes
   */
  public static final class Builder<T> {
    private final Class<T> valueType;
    private final KryoConfig config;

    private Builder(Class<T> valueType) {
      this.valueType = valueType;
      this.config = new KryoConfig(valueType, "Kryo4Codec.Builder", false);
    }

    /**
     * Registers a class under an id, which is written instead of its name. Ids 0 to 9 belong to
     * Kryo 4's own registrations; use 10 and up. Register the value type and every class reachable
     * from it (including collections, maps and arrays such as {@code ArrayList} or {@code int[]}).
     *
     * @throws IllegalArgumentException if the class cannot be serialized safely (for example a JDK
     *     class without a bounded serializer, a record or a class without a no-arg constructor)
     * @throws IllegalStateException if the class or the id was already registered
     */
    public Builder<T> register(Class<?> type, int id) {
      config.register(type, id);
      return this;
    }

    /**
     * How user classes are written; default {@link KryoEvolution#COMPATIBLE}. With {@link
     * KryoEvolution#TAGGED}, unknown tags are skipped when they were written {@code annexed}.
     */
    public Builder<T> evolution(KryoEvolution evolution) {
      config.evolution(evolution);
      return this;
    }

    /**
     * Whether Kryo tracks references, so that shared and cyclic objects are written once; default
     * false. Kryo 4's own default was true: set it to read what a default-configured Kryo 4 wrote.
     */
    public Builder<T> references(boolean enabled) {
      config.references(enabled);
      return this;
    }

    /**
     * Validates the registrations and returns the codec.
     *
     * @throws IllegalStateException if no registered class is a {@code T}
     * @throws IllegalArgumentException if an id is one of Kryo 4's own
     */
    public Codec<T> build() {
      config.validate();
      return RealKryo4Codec.of(valueType, config);
    }
  }
}
