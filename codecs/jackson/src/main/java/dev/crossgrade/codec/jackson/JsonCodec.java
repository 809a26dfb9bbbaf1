package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.WellKnownCodecs;
import java.util.List;
import java.util.Objects;

/**
 * JSON for POJOs and records through Jackson databind, with a Jackson {@link ObjectMapper} of its
 * own that is safe for a shared cache:
 *
 * <ul>
 *   <li>unknown properties are ignored and missing ones take their defaults, so a newer and an
 *       older class can read each other's values;
 *   <li>default typing is never enabled, and no class name in a payload is ever resolved (a
 *       {@code @JsonTypeInfo(use = CLASS)} property fails to read); {@code use = NAME} subtypes, a
 *       closed set declared in code, work;
 *   <li>Jackson's stream constraints come from the {@link Limits} of each call, never from
 *       Jackson's process-wide defaults; collections are counted against {@link
 *       Limits#maxCollectionSize()} while reading and writing;
 *   <li>duplicate keys, content after the value, floats read into integers and numbers read into
 *       enums are corrupt payloads;
 *   <li>the bytes do not depend on the JDK or on hash order: properties are sorted by name, map
 *       entries by key (a {@link java.util.SortedMap} keeps its own order), and doubles are written
 *       by Jackson's Schubfach writer, not by {@link Double#toString(double)}.
 * </ul>
 *
 * <p>Jackson's exceptions become {@link CorruptPayloadException} or {@link LimitExceededException}
 * on reading (reason {@code line:column: what at $.path}) and {@link UnencodableValueException} on
 * writing. NaN and infinities are written as the strings Jackson uses for them ({@code "NaN"}),
 * which Jackson reads back into {@code double} properties.
 */
public final class JsonCodec {
  private JsonCodec() {}

  /** Starts a codec for values of {@code type}. */
  public static <T> Builder<T> newBuilder(Class<T> type) {
    return new Builder<>(type);
  }

  /**
   * The JSON codec ({@link WellKnownCodecs#JSON}) for the generic value model of {@link
   * dev.crossgrade.codec.CodecProvider}: objects as {@link java.util.LinkedHashMap}, arrays as
   * {@link java.util.ArrayList}, integers as {@link Long} or {@link java.math.BigInteger}, other
   * numbers as {@link Double}. It reads what a {@link JsonCodec} writes, and the other way round.
   */
  public static Codec<Object> generic() {
    return GenericJsonCodec.INSTANCE;
  }

  /**
   * Builds a {@link JsonCodec}; each setting may be set once.
   *
   * @param <T> the type of value
   */
  public static final class Builder<T> {
    final Class<T> type;
    boolean canonical;
    private boolean canonicalSet;
    List<Module> modules = List.of();
    private boolean modulesSet;

    private Builder(Class<T> type) {
      this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Writes RFC 8785 canonical JSON ({@link WellKnownCodecs#CANONICAL_JSON}) instead of Jackson's
     * JSON: the value is serialized by Jackson and then canonicalized, so NaN, infinities, lone
     * surrogates, numbers that a double cannot hold exactly and integers from 10^21 on (which
     * canonical JSON writes as {@code 1e+21}) are rejected on writing. A {@code float} is written
     * as the double it widens to ({@code 0.1f} as {@code 0.10000000149011612}), {@code -0.0} as
     * {@code 0}.
     */
    public Builder<T> canonical() {
      if (canonicalSet) {
        throw new IllegalStateException("canonical was already set");
      }
      canonicalSet = true;
      canonical = true;
      return this;
    }

    /**
     * Jackson modules to register, such as {@code JavaTimeModule}; a module that enables default
     * typing makes {@link #build()} fail.
     */
    public Builder<T> modules(Module... modules) {
      if (modulesSet) {
        throw new IllegalStateException("modules were already set");
      }
      modulesSet = true;
      this.modules = List.of(modules);
      return this;
    }

    /**
     * Returns the codec.
     *
     * @throws IllegalStateException if a module enabled default typing
     */
    public Codec<T> build() {
      return new RealJsonCodec<>(this);
    }
  }
}
