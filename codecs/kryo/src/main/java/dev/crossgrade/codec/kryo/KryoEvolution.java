package dev.crossgrade.codec.kryo;

/**
 * How a Kryo codec writes registered user classes so that a later version of the class can read
 * them.
 */
public enum KryoEvolution {
  /**
   * Kryo's {@code CompatibleFieldSerializer}: fields are matched by name, so fields may be added
   * and removed; a field missing from the bytes keeps the value the no-arg constructor gave it.
   */
  COMPATIBLE,

  /**
   * Kryo's {@code TaggedFieldSerializer}: only fields annotated with the generation's {@code @Tag}
   * are written, matched by tag number, so fields may be added, removed and renamed. Kryo 4 skips
   * an unknown tag only if it was written {@code annexed}.
   */
  TAGGED
}
