package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.Codec;

/**
 * What {@link Kryo4Codec.Builder} and {@link Kryo5Codec.Builder} share: the registrations and
 * settings of a Kryo codec of one generation. Each setting may be set once.
 *
 * @param <T> the type of value the codec reads and writes
 * @param <B> the generation's builder, which each setter returns
 */
abstract sealed class KryoBuilder<T, B extends KryoBuilder<T, B>>
    permits Kryo4Codec.Builder, Kryo5Codec.Builder {
  private final KryoBinding<?, ?, ?, ?> binding;
  private final Class<T> valueType;
  private final KryoConfig config;

  KryoBuilder(KryoBinding<?, ?, ?, ?> binding, Class<T> valueType) {
    this.binding = binding;
    this.valueType = valueType;
    this.config = new KryoConfig(valueType, binding.facade() + ".Builder", false);
  }

  @SuppressWarnings("unchecked") // B is the sealed subclass itself.
  private B self() {
    return (B) this;
  }

  /**
   * Registers a class under an id, which is written instead of its name. Ids 0 to 9 belong to
   * Kryo's own registrations; use 10 and up. Register the value type and every class reachable from
   * it (including collections, maps and arrays such as {@code ArrayList} or {@code int[]}), each
   * with the id that every runtime of the fleet gives it.
   *
   * @throws IllegalArgumentException if the class cannot be serialized safely (for example a JDK
   *     class without a bounded serializer, a record or a class without a no-arg constructor)
   * @throws IllegalStateException if the class or the id was already registered
   */
  public B register(Class<?> type, int id) {
    config.register(type, id);
    return self();
  }

  /**
   * How user classes are written; default {@link KryoEvolution#COMPATIBLE}. With {@link
   * KryoEvolution#TAGGED}, Kryo 4 skips an unknown tag only when it was written {@code annexed}.
   */
  public B evolution(KryoEvolution evolution) {
    config.evolution(evolution);
    return self();
  }

  /**
   * Whether Kryo tracks references, so that shared and cyclic objects are written once; default
   * false, as in Kryo 5. Writers and readers of a fleet must agree; Kryo 4's own default was true:
   * set it to read what a default-configured Kryo 4 wrote.
   */
  public B references(boolean enabled) {
    config.references(enabled);
    return self();
  }

  /**
   * Validates the registrations and returns the codec.
   *
   * @throws IllegalStateException if no registered class is a {@code T}
   * @throws IllegalArgumentException if an id is one of Kryo's own
   */
  public Codec<T> build() {
    config.validate();
    return new RealKryoCodec<>(binding, valueType, config);
  }
}
