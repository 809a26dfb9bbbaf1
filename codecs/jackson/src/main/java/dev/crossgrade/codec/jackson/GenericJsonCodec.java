package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.WellKnownCodecs;
import dev.crossgrade.codec.jackson.GenericTraversal.Rejected;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;

/**
 * JSON for the generic value model, read and written by Jackson's streaming API: the same wire
 * format ({@link WellKnownCodecs#JSON}) as {@link JsonCodec}, so each reads what the other writes.
 * Doubles keep a fraction or exponent ({@code 56.0}), so they come back as {@link Double}; strings
 * outside ASCII's printable range are written as UTF-8, surrogates as {@code \}{@code u} escapes,
 * so even a lone surrogate survives a round trip. NaN and infinities are rejected. Maps with a
 * defined order ({@link java.util.LinkedHashMap}, {@link java.util.SortedMap}) keep it; others
 * ({@link java.util.HashMap}, {@code Map.of}) are written sorted by key, so the bytes never depend
 * on hash order.
 */
final class GenericJsonCodec implements Codec<Object> {
  static final GenericJsonCodec INSTANCE = new GenericJsonCodec();

  private final JsonFactories factories = new JsonFactories(JsonFactories.newTemplate());
  private final JsonBody body = new JsonBody(factories);

  private GenericJsonCodec() {}

  @Override
  public CodecDescriptor descriptor() {
    return WellKnownCodecs.JSON;
  }

  @Override
  public Class<Object> valueType() {
    return Object.class;
  }

  @Override
  public void encode(Object value, PayloadBuffer out, Limits limits) {
    try (JsonGenerator generator =
        factories.forLimits(limits).createGenerator(out, JsonEncoding.UTF8)) {
      GenericTraversal.walk(value, limits, false, new JacksonSink(generator));
    } catch (IOException e) {
      throw JacksonFailures.writing(e);
    } catch (UncheckedIOException e) {
      throw JacksonFailures.writing(e.getCause());
    }
  }

  @Override
  public Object decode(byte[] bytes, int offset, int length, Limits limits) {
    Object value =
        body.read(
            bytes, offset, length, limits, in -> GenericValueReader.readText(in, bytes, offset));
    if (value == null) {
      throw JacksonFailures.nullBody(null);
    }
    return value;
  }

  @Override
  public String toString() {
    return "GenericJsonCodec[" + descriptor() + "]";
  }

  /** Writes the traversal's events to a Jackson generator. */
  private static final class JacksonSink implements GenericTraversal.Sink {
    private final JsonGenerator generator;

    JacksonSink(JsonGenerator generator) {
      this.generator = generator;
    }

    @Override
    public void nullValue() {
      run(generator::writeNull);
    }

    @Override
    public void bool(boolean value) {
      run(() -> generator.writeBoolean(value));
    }

    @Override
    public void string(String value) {
      run(() -> generator.writeString(value));
    }

    @Override
    public void integer(long value) {
      run(() -> generator.writeNumber(value));
    }

    @Override
    public void bigInteger(BigInteger value) {
      run(() -> generator.writeNumber(value));
    }

    @Override
    public void floating(double value) {
      if (!Double.isFinite(value)) {
        throw new Rejected(value + " is not a JSON number; JSON has no NaN or infinities");
      }
      run(() -> generator.writeNumber(value));
    }

    @Override
    public void startObject(int size) {
      run(generator::writeStartObject);
    }

    @Override
    public void key(String key) {
      run(() -> generator.writeFieldName(key));
    }

    @Override
    public void endObject() {
      run(generator::writeEndObject);
    }

    @Override
    public void startArray(int size) {
      run(generator::writeStartArray);
    }

    @Override
    public void endArray() {
      run(generator::writeEndArray);
    }

    private static void run(Write write) {
      try {
        write.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** One generator call. */
    private interface Write {
      void run() throws IOException;
    }
  }
}
