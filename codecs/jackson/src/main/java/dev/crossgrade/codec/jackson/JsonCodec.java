package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.PolymorphicTypeValidator;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.WellKnownCodecs;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 *
 * @param <T> the type of value, a record or a Jackson-mappable class
 */
public final class JsonCodec<T> implements Codec<T> {
  private final Class<T> type;
  private final boolean canonical;
  private final ObjectMapper mapper;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final JsonFactories factories;

  private JsonCodec(Builder<T> builder) {
    this.type = builder.type;
    this.canonical = builder.canonical;
    JsonMapper.Builder mapperBuilder =
        JsonMapper.builder(JsonFactories.newTemplate())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .polymorphicTypeValidator(new DenyEveryClassName())
            .enable(MapperFeature.BLOCK_UNSAFE_POLYMORPHIC_BASE_TYPES)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS) // checked after reading
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .enable(DeserializationFeature.WRAP_EXCEPTIONS) // adds the path to the failure
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(SerializationFeature.WRAP_EXCEPTIONS);
    for (Module module : builder.modules) {
      mapperBuilder.addModule(module);
    }
    this.mapper = mapperBuilder.build();
    requireNoDefaultTyping(mapper.getDeserializationConfig());
    requireNoDefaultTyping(mapper.getSerializationConfig());
    this.factories = new JsonFactories(mapper.getFactory());
    this.reader = mapper.readerFor(type);
    this.writer = mapper.writerFor(type);
  }

  private void requireNoDefaultTyping(MapperConfig<?> config) {
    JavaType object = config.constructType(Object.class);
    if (config.getDefaultTyper(object) != null) {
      throw new IllegalStateException(
          "a module enabled Jackson's default typing, which lets payloads name classes to"
              + " instantiate; JsonCodec never allows it");
    }
  }

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

  @Override
  public CodecDescriptor descriptor() {
    return canonical ? WellKnownCodecs.CANONICAL_JSON : WellKnownCodecs.JSON;
  }

  @Override
  public Class<T> valueType() {
    return type;
  }

  @Override
  public void encode(T value, PayloadBuffer out, Limits limits) {
    try {
      if (canonical) {
        TokenBuffer tokens = new TokenBuffer(mapper, false);
        writer.writeValue(new LimitingGenerator(tokens, limits), value);
        Object tree;
        try (JsonParser parser = tokens.asParser()) {
          tree = GenericValueReader.readTokens(parser);
        }
        CanonicalWriter.write(tree, out, limits);
      } else {
        try (JsonGenerator generator =
            new LimitingGenerator(
                factories.forLimits(limits).createGenerator(out, JsonEncoding.UTF8), limits)) {
          writer.writeValue(generator, value);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw JacksonFailures.writing(e);
    }
  }

  @Override
  public T decode(byte[] bytes, int offset, int length, Limits limits) {
    if (length > limits.maxPayloadSize()) {
      limits.checkPayloadSize(length);
    }
    JsonParser parser = null;
    try {
      parser =
          new CountingParser(
              factories.forLimits(limits).createParser(bytes, offset, length),
              limits,
              bytes,
              offset);
      parser.setCodec(mapper);
      T value = reader.readValue(parser);
      if (parser.nextToken() != null) {
        throw new CorruptPayloadException(
            JsonPath.position(
                    bytes, offset, offset + (int) parser.currentTokenLocation().getByteOffset())
                + ": unexpected content after the JSON value");
      }
      if (value == null) {
        throw new CorruptPayloadException(
            "1:1: the body is JSON null, not a " + type.getSimpleName());
      }
      return value;
    } catch (IOException | RuntimeException e) {
      throw JacksonFailures.reading(e, bytes, offset, parser);
    } finally {
      closeQuietly(parser);
    }
  }

  private static void closeQuietly(@Nullable JsonParser parser) {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException ignored) {
        // reading from a byte array: nothing to release
      }
    }
  }

  @Override
  public String toString() {
    return "JsonCodec[" + type.getName() + ", " + descriptor() + "]";
  }

  /**
   * Builds a {@link JsonCodec}; each setting may be set once.
   *
   * @param <T> the type of value
   */
  public static final class Builder<T> {
    private final Class<T> type;
    private boolean canonical;
    private boolean canonicalSet;
    private List<Module> modules = List.of();
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
    public JsonCodec<T> build() {
      return new JsonCodec<>(this);
    }
  }

  /** Refuses every class name in a payload: polymorphism by class name is never allowed. */
  private static final class DenyEveryClassName extends PolymorphicTypeValidator.Base {
    private static final long serialVersionUID = 1L;

    @Override
    public Validity validateBaseType(MapperConfig<?> config, JavaType baseType) {
      return Validity.DENIED;
    }

    @Override
    public Validity validateSubClassName(
        MapperConfig<?> config, JavaType baseType, String subClassName) {
      return Validity.DENIED;
    }

    @Override
    public Validity validateSubType(MapperConfig<?> config, JavaType baseType, JavaType subType) {
      return Validity.DENIED;
    }
  }
}
