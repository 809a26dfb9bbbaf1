package dev.crossgrade.codec.jackson;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds a value of the generic model from what {@link StrictJsonParser} reads: objects as {@link
 * LinkedHashMap}s in document order, arrays as {@link ArrayList}s, and every number as the nearest
 * double, RFC 8785's reading; an integer token that is that double exactly comes back as a {@link
 * Long}, or a {@link BigInteger} beyond it, every other number as a {@link Double}.
 */
final class GenericValueBuilder implements StrictJsonParser.Sink {
  private static final long MAX_EXACT_INTEGER = 1L << 53;

  // The open containers, innermost at depth - 1; keys[i] is the key whose value is being read.
  private Object[] containers = new Object[8];
  private @Nullable String[] keys = new String[8];
  private int depth;
  private @Nullable Object root;

  private GenericValueBuilder() {}

  /**
   * The value of the JSON text in {@code bytes[offset, offset + length)}.
   *
   * @throws CorruptPayloadException if the text is not JSON that RFC 8785 can canonicalize
   * @throws LimitExceededException if the text or a value in it is over the limits
   */
  static @Nullable Object parse(byte[] bytes, int offset, int length, Limits limits) {
    GenericValueBuilder builder = new GenericValueBuilder();
    StrictJsonParser.parse(bytes, offset, length, limits, builder);
    return builder.root;
  }

  private void open(Object container) {
    add(container);
    if (depth == containers.length) {
      containers = Arrays.copyOf(containers, depth * 2);
      keys = Arrays.copyOf(keys, depth * 2);
    }
    containers[depth++] = container;
  }

  private void close() {
    containers[--depth] = null;
    keys[depth] = null;
  }

  private void add(@Nullable Object value) {
    if (depth == 0) {
      root = value;
      return;
    }
    Object container = containers[depth - 1];
    if (container instanceof List<?>) {
      @SuppressWarnings("unchecked") // only this class creates the containers
      List<@Nullable Object> list = (List<@Nullable Object>) container;
      list.add(value);
    } else {
      @SuppressWarnings("unchecked") // only this class creates the containers
      Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) container;
      map.put(keys[depth - 1], value);
      keys[depth - 1] = null;
    }
  }

  @Override
  public void startObject() {
    open(new LinkedHashMap<String, @Nullable Object>());
  }

  @Override
  public boolean key(byte[] text, int from, int to, boolean decoded) {
    String key = new String(text, from, to - from, StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked") // only this class creates the containers
    Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) containers[depth - 1];
    if (map.containsKey(key)) {
      return false;
    }
    keys[depth - 1] = key;
    return true;
  }

  @Override
  public void endObject() {
    close();
  }

  @Override
  public void startArray() {
    open(new ArrayList<@Nullable Object>());
  }

  @Override
  public void endArray() {
    close();
  }

  @Override
  public void string(byte[] text, int from, int to, boolean decoded) {
    add(new String(text, from, to - from, StandardCharsets.UTF_8));
  }

  @Override
  public void number(byte[] text, int from, int to, boolean integer) {
    int length = to - from;
    String token = new String(text, from, length, StandardCharsets.ISO_8859_1);
    if (integer && length <= 17) {
      long exact = Long.parseLong(token);
      if (-MAX_EXACT_INTEGER <= exact && exact <= MAX_EXACT_INTEGER) {
        add(exact);
        return;
      }
    }
    double value = Double.parseDouble(token);
    if (integer) {
      // an integer only if the token is the double exactly: 999999999999999900000 is the double
      // 999999999999999868928, which stays a Double, and writing it again gives the same token
      BigDecimal exact = new BigDecimal(value);
      if (exact.compareTo(new BigDecimal(token)) == 0) {
        add(Math.abs(value) < 0x1p63 ? (Object) (long) value : exact.toBigIntegerExact());
        return;
      }
    }
    add(value);
  }

  @Override
  public void bool(boolean value) {
    add(value);
  }

  @Override
  public void nullValue() {
    add(null);
  }
}
