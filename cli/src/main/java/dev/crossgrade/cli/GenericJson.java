package dev.crossgrade.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.crossgrade.codec.jackson.CanonicalJson;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Converts between JSON text and the generic value model of {@link
 * dev.crossgrade.codec.CodecProvider}.
 */
final class GenericJson {
  static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private GenericJson() {}

  /** A JSON input that is not one valid value, with where it went wrong. */
  static final class InvalidJsonException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidJsonException(String message) {
      super(message);
    }
  }

  /** Reads exactly one JSON value; anything after it is an error. */
  static @Nullable Object parse(byte[] json) throws InvalidJsonException {
    try (JsonParser parser = FACTORY.createParser(json)) {
      if (parser.nextToken() == null) {
        throw new InvalidJsonException("1:1: no JSON value in the input");
      }
      Object value = read(parser);
      if (parser.nextToken() != null) {
        throw new InvalidJsonException(
            where(parser.currentTokenLocation()) + "content after the JSON value");
      }
      return value;
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      throw new InvalidJsonException(
          (location == null ? "" : where(location)) + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidJsonException(e.toString());
    }
  }

  private static String where(JsonLocation location) {
    return location.getLineNr() + ":" + location.getColumnNr() + ": ";
  }

  private static @Nullable Object read(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          map.put(name, read(parser));
        }
        return map;
      }
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(parser));
        }
        return list;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT, LONG -> parser.getLongValue();
          default -> parser.getBigIntegerValue();
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDoubleValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new JsonParseFailure(parser, "unexpected " + token);
    }
  }

  /** A parse failure at the parser's location. */
  private static final class JsonParseFailure extends JsonProcessingException {
    private static final long serialVersionUID = 1L;

    JsonParseFailure(JsonParser parser, String message) {
      super(message, parser.currentTokenLocation());
    }
  }

  /**
   * Writes a generic-model value as JSON. Binary values become {@code {"$base64": "..."}};
   * timestamps become ISO-8601 strings; other types their {@code toString()}.
   */
  static void write(JsonGenerator json, @Nullable Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName(String.valueOf(entry.getKey()));
        write(json, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object element : list) {
        write(json, element);
      }
      json.writeEndArray();
    } else if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Integer i) {
      json.writeNumber(i);
    } else if (value instanceof BigInteger big) {
      json.writeNumber(big);
    } else if (value instanceof Double d) {
      writeDouble(json, d);
    } else if (value instanceof Float f) {
      writeDouble(json, f.doubleValue());
    } else if (value instanceof byte[] bytes) {
      json.writeStartObject();
      json.writeStringField("$base64", Base64.getEncoder().encodeToString(bytes));
      json.writeEndObject();
    } else if (value instanceof Instant instant) {
      json.writeString(instant.toString());
    } else {
      json.writeString(value.toString());
    }
  }

  /** Finite doubles in ECMAScript's shortest form, so the output is the same on every JDK. */
  private static void writeDouble(JsonGenerator json, double d) throws IOException {
    if (Double.isFinite(d)) {
      json.writeNumber(CanonicalJson.formatNumber(d));
    } else {
      json.writeString(Double.toString(d));
    }
  }
}
