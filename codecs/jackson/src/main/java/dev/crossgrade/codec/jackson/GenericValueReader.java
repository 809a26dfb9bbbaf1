package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnencodableValueException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads one value of the generic model from a Jackson token stream without recursion: objects as
 * {@link LinkedHashMap} (a duplicate key is an error), arrays as {@link ArrayList}, integers as
 * {@link Long} or {@link BigInteger}, other numbers as {@link Double}. The stream is either JSON
 * text being decoded, whose problems are {@link CorruptPayloadException}s with {@code line:column},
 * or a {@link com.fasterxml.jackson.databind.util.TokenBuffer} of a value being encoded, whose
 * problems are {@link UnencodableValueException}s; a {@link BigDecimal} there becomes a {@link
 * Double} only if canonical JSON writes it without changing its value.
 */
final class GenericValueReader {
  /** ECMAScript writes integers from 10^21 on in exponent form. */
  private static final BigInteger PLAIN_INTEGER_LIMIT = BigInteger.TEN.pow(21);

  private final JsonParser parser;
  private final byte @Nullable [] input;
  private final int inputStart;
  private Object[] containers = new Object[8];
  private @Nullable String[] keys = new String[8];
  private int depth;

  private GenericValueReader(JsonParser parser, byte @Nullable [] input, int inputStart) {
    this.parser = parser;
    this.input = input;
    this.inputStart = inputStart;
  }

  /** Reads the JSON text that {@code parser} reads from {@code input[inputStart, ...)}. */
  static @Nullable Object readText(JsonParser parser, byte[] input, int inputStart)
      throws IOException {
    return new GenericValueReader(parser, input, inputStart).read();
  }

  /** Reads the tokens of a value being encoded. */
  static @Nullable Object readTokens(JsonParser tokens) throws IOException {
    return new GenericValueReader(tokens, null, 0).read();
  }

  private @Nullable Object read() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw failure("empty body, expected a JSON value");
    }
    while (true) {
      Object value;
      switch (token) {
        case START_OBJECT -> {
          open(new LinkedHashMap<String, @Nullable Object>());
          token = parser.nextToken();
          if (token == JsonToken.END_OBJECT) {
            value = close();
          } else {
            token = key();
            continue;
          }
        }
        case START_ARRAY -> {
          open(new ArrayList<@Nullable Object>());
          token = parser.nextToken();
          if (token == JsonToken.END_ARRAY) {
            value = close();
          } else {
            continue;
          }
        }
        case VALUE_STRING -> value = parser.getText();
        case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> value = number(parser.getNumberValue());
        case VALUE_TRUE -> value = Boolean.TRUE;
        case VALUE_FALSE -> value = Boolean.FALSE;
        case VALUE_NULL -> value = null;
        case VALUE_EMBEDDED_OBJECT -> value = embedded(parser.getEmbeddedObject());
        default -> throw failure("unexpected token " + token);
      }
      while (true) {
        if (depth == 0) {
          return value;
        }
        Object container = containers[depth - 1];
        if (container instanceof List<?>) {
          @SuppressWarnings("unchecked") // only this class creates the containers
          List<@Nullable Object> list = (List<@Nullable Object>) container;
          list.add(value);
          token = parser.nextToken();
          if (token == JsonToken.END_ARRAY) {
            value = close();
            continue;
          }
          break;
        }
        @SuppressWarnings("unchecked") // only this class creates the containers
        Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) container;
        map.put(keys[depth - 1], value);
        keys[depth - 1] = null;
        token = parser.nextToken();
        if (token == JsonToken.END_OBJECT) {
          value = close();
          continue;
        }
        token = key();
        break;
      }
      if (token == null) {
        throw failure("unexpected end of input");
      }
    }
  }

  /** Takes the key at the current token; returns the token of its value. */
  private JsonToken key() throws IOException {
    String key = parser.currentName();
    @SuppressWarnings("unchecked") // only this class creates the containers
    Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) containers[depth - 1];
    if (key == null || parser.currentToken() != JsonToken.FIELD_NAME) {
      throw failure("unexpected token " + parser.currentToken() + ", expected a key");
    }
    if (map.containsKey(key)) {
      throw failure("duplicate key " + JsonPath.quote(key));
    }
    keys[depth - 1] = key;
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw failure("unexpected end of input");
    }
    return token;
  }

  private void open(Object container) {
    if (depth == containers.length) {
      containers = Arrays.copyOf(containers, depth * 2);
      keys = Arrays.copyOf(keys, depth * 2);
    }
    containers[depth++] = container;
  }

  private Object close() {
    Object container = containers[--depth];
    containers[depth] = null;
    keys[depth] = null;
    return container;
  }

  private Object number(Number number) throws IOException {
    if (number instanceof BigInteger big) {
      if (input == null && big.abs().compareTo(PLAIN_INTEGER_LIMIT) >= 0) {
        throw failure(
            """
            integer %s would be written in exponent form, which Jackson reads back only into \
            floating-point properties; canonical JSON holds integers below 10^21"""
                .formatted(big));
      }
      return big.bitLength() < 64 ? big.longValue() : big;
    }
    if (number instanceof Long) {
      return number;
    }
    if (number instanceof Integer || number instanceof Short || number instanceof Byte) {
      return number.longValue();
    }
    if (number instanceof BigDecimal decimal) {
      double asDouble = decimal.doubleValue();
      if (Double.isFinite(asDouble)
          && new BigDecimal(EcmaScriptNumbers.format(asDouble)).compareTo(decimal) == 0) {
        return asDouble;
      }
      throw failure(
          """
          BigDecimal %s has no exact RFC 8785 form (numbers are IEEE 754 doubles); write it as a \
          string"""
              .formatted(decimal));
    }
    double asDouble = number.doubleValue(); // Double, or Float widened exactly
    if (!Double.isFinite(asDouble)) {
      if (input != null) {
        throw failure("number " + parser.getText() + " is beyond the range of a double");
      }
      throw failure(asDouble + " is not a JSON number; JSON has no NaN or infinities");
    }
    return asDouble;
  }

  private Object embedded(@Nullable Object value) {
    if (value instanceof byte[] bytes) {
      return Base64Variants.getDefaultVariant().encode(bytes);
    }
    throw failure(
        "embedded %s has no JSON representation"
            .formatted((value == null ? "null" : value.getClass().getName())));
  }

  private PayloadException failure(String what) {
    String path = " at " + JsonPath.of(parser.getParsingContext());
    if (input == null) {
      return new UnencodableValueException(what + path);
    }
    long offset = parser.currentTokenLocation().getByteOffset();
    String where =
        offset >= 0 ? JsonPath.position(input, inputStart, inputStart + (int) offset) + ": " : "";
    return new CorruptPayloadException(where + what + path);
  }
}
