package dev.crossgrade.codec;

import java.util.regex.Pattern;

/**
 * The identity of a wire format: the id written in every envelope, a name for people and config
 * files, the family it belongs to, and its generation within that family (a newer generation of the
 * same family is a different wire format, such as Kryo 5 after Kryo 4).
 *
 * @param id the envelope's codec id, 1 to 255; see {@link WellKnownCodecs} for the assigned ids
 * @param name a unique lower-case name such as {@code kryo5}
 * @param family the format family such as {@code kryo}
 * @param generation the wire-format generation within the family, 1 or more
 */
public record CodecDescriptor(int id, String name, String family, int generation) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

  /** Validates every component. */
  public CodecDescriptor {
    if (id < 1 || id > 255) {
      throw new IllegalArgumentException("codec id must be 1 to 255, was " + id);
    }
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "codec name must match "
              + NAME
              + " (lower-case letters, digits, '-'), was '"
              + name
              + "'");
    }
    if (!NAME.matcher(family).matches()) {
      throw new IllegalArgumentException(
          "codec family must match " + NAME + ", was '" + family + "'");
    }
    if (generation < 1) {
      throw new IllegalArgumentException("codec generation must be 1 or more, was " + generation);
    }
  }

  /** Returns a descriptor; a shorthand for the canonical constructor. */
  public static CodecDescriptor of(int id, String name, String family, int generation) {
    return new CodecDescriptor(id, name, family, generation);
  }

  @Override
  public String toString() {
    return WellKnownCodecs.describe(id, name);
  }
}
