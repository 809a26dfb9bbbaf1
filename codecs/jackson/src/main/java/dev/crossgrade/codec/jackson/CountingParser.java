package dev.crossgrade.codec.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import java.io.IOException;
import java.util.Arrays;

/**
 * A parser that counts the members of every open array and object and fails with {@link
 * LimitExceededException} as soon as one has more than {@link Limits#maxCollectionSize()}, which
 * Jackson's own constraints cannot express. Every way of advancing the parser goes through {@link
 * #nextToken()}, so databinding's shortcuts ({@code nextFieldName()}, {@code skipChildren()}) are
 * counted too.
 */
final class CountingParser extends JsonParserDelegate {
  private final int maxCollectionSize;
  private final byte[] input;
  private final int inputStart;
  private int[] counts = new int[16];
  private boolean[] arrays = new boolean[16];
  private int depth;

  CountingParser(JsonParser parser, Limits limits, byte[] input, int inputStart) {
    super(parser);
    this.maxCollectionSize = limits.maxCollectionSize();
    this.input = input;
    this.inputStart = inputStart;
  }

  @Override
  public JsonToken nextToken() throws IOException {
    JsonToken token = delegate.nextToken();
    if (token == null) {
      return null;
    }
    switch (token) {
      case END_ARRAY, END_OBJECT -> depth--;
      case FIELD_NAME -> count();
      default -> {
        if (depth > 0 && arrays[depth - 1]) {
          count();
        }
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
          if (depth == counts.length) {
            counts = Arrays.copyOf(counts, depth * 2);
            arrays = Arrays.copyOf(arrays, depth * 2);
          }
          arrays[depth] = token == JsonToken.START_ARRAY;
          counts[depth++] = 0;
        }
      }
    }
    return token;
  }

  private void count() {
    if (++counts[depth - 1] > maxCollectionSize) {
      long offset = delegate.currentTokenLocation().getByteOffset();
      throw new LimitExceededException(
          """
          %s: collection has more than %s elements, over the limit of %s \
          (Limits.maxCollectionSize) at %s"""
              .formatted(
                  JsonPath.position(input, inputStart, inputStart + (int) offset),
                  maxCollectionSize,
                  maxCollectionSize,
                  JsonPath.of(delegate.getParsingContext())));
    }
  }

  @Override
  public JsonToken nextValue() throws IOException {
    JsonToken token = nextToken();
    return token == JsonToken.FIELD_NAME ? nextToken() : token;
  }

  @Override
  public boolean nextFieldName(SerializableString name) throws IOException {
    return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
  }

  @Override
  public String nextFieldName() throws IOException {
    return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
  }

  @Override
  public String nextTextValue() throws IOException {
    return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
  }

  @Override
  public int nextIntValue(int defaultValue) throws IOException {
    return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
  }

  @Override
  public long nextLongValue(long defaultValue) throws IOException {
    return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
  }

  @Override
  public Boolean nextBooleanValue() throws IOException {
    JsonToken token = nextToken();
    if (token == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    return token == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
  }

  @Override
  public JsonParser skipChildren() throws IOException {
    JsonToken token = currentToken();
    if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
      return this;
    }
    int open = 1;
    while (true) {
      JsonToken next = nextToken();
      if (next == null) {
        return this;
      }
      if (next.isStructStart()) {
        open++;
      } else if (next.isStructEnd() && --open == 0) {
        return this;
      }
    }
  }
}
