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
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.WellKnownCodecs;
import java.io.IOException;

/**
 * The {@link JsonCodec} of one value type, configured by its builder: immutable and thread-safe.
 *
 * @param <T> the type of value
 */
final class RealJsonCodec<T> implements Codec<T> {
  private final Class<T> type;
  private final boolean canonical;
  private final ObjectMapper mapper;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final JsonFactories factories;
  private final JsonBody body;

  RealJsonCodec(JsonCodec.Builder<T> builder) {
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
    this.body = new JsonBody(factories);
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
    T value =
        body.read(
            bytes,
            offset,
            length,
            limits,
            parser -> {
              parser.setCodec(mapper);
              return reader.readValue(parser);
            });
    if (value == null) {
      throw JacksonFailures.nullBody(type);
    }
    return value;
  }

  @Override
  public String toString() {
    return "JsonCodec[" + type.getName() + ", " + descriptor() + "]";
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
