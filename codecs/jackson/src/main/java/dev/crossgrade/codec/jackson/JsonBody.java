package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.core.JsonParser;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a payload that must be one JSON value and nothing after it, through a {@link
 * CountingParser} under the payload's {@link Limits}; Jackson's failures come out as codec-api's
 * exceptions ({@link JacksonFailures#reading}). The streaming codecs' one decode path.
 */
final class JsonBody {
  private final JsonFactories factories;

  /** Reads bodies with parsers of {@code factories}. */
  JsonBody(JsonFactories factories) {
    this.factories = factories;
  }

  /** Reads the value from a parser that stands before the value's first token. */
  @FunctionalInterface
  interface ValueReader<T> {
    @Nullable T read(JsonParser parser) throws IOException;
  }

  /**
   * The value in {@code bytes[offset, offset + length)}, read by {@code reader}; {@code null} where
   * the body is JSON {@code null}, which each codec words in its own way ({@link
   * JacksonFailures#nullBody}).
   */
  <T> @Nullable T read(byte[] bytes, int offset, int length, Limits limits, ValueReader<T> reader) {
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
      T value = reader.read(parser);
      if (parser.nextToken() != null) {
        throw new CorruptPayloadException(
            JsonPath.position(
                    bytes, offset, offset + (int) parser.currentTokenLocation().getByteOffset())
                + ": unexpected content after the JSON value");
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
}
