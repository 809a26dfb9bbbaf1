package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.UnencodableValueException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The generic value model as the Kryo codecs write it: {@link LinkedHashMap} with string keys,
 * {@link ArrayList}, {@link String}, {@link Long}, {@link BigInteger}, {@link Double}, {@link
 * Boolean}, {@code byte[]} and null inside containers.
 */
final class GenericValues {
  /** Offsets of the model's classes from a generation's first registration id. */
  static final int STRING = 0;

  static final int LONG = 1;
  static final int DOUBLE = 2;
  static final int BOOLEAN = 3;
  static final int LIST = 4;
  static final int MAP = 5;
  static final int BIG_INTEGER = 6;
  static final int BYTES = 7;

  private GenericValues() {}

  /**
   * Returns {@code value} in the model's classes, converting other maps, lists and smaller numbers,
   * and checking the limits; the same instance when nothing needs converting.
   *
   * @throws UnencodableValueException if the value holds something outside the model
   */
  static Object normalize(Object value, Limits limits, CodecDescriptor codec) {
    Object normal = normalize(value, limits, codec, "$", 0);
    if (normal == null) {
      throw new UnencodableValueException(
          "the generic value model allows null only inside a map or list, not as the whole value",
          codec.id(),
          -1,
          null);
    }
    return normal;
  }

  private static @Nullable Object normalize(
      @Nullable Object value, Limits limits, CodecDescriptor codec, String path, int depth) {
    if (value == null
        || value instanceof Long
        || value instanceof Double
        || value instanceof Boolean
        || value instanceof BigInteger) {
      return value;
    }
    if (value instanceof String string) {
      limits.checkStringLength(string.length(), path);
      return value;
    }
    if (value instanceof byte[] bytes) {
      limits.checkStringLength(bytes.length, path);
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      limits.checkDepth(depth + 1, path);
      limits.checkCollectionSize(map.size(), path);
      boolean same = value.getClass() == LinkedHashMap.class;
      LinkedHashMap<String, @Nullable Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key)) {
          throw new UnencodableValueException(
              "map key %s at %s is a %s; the generic value model has only string keys"
                  .formatted(entry.getKey(), path, typeName(entry.getKey())),
              codec.id(),
              -1,
              null);
        }
        Object item = entry.getValue();
        Object normal = normalize(item, limits, codec, path + "." + key, depth + 1);
        same &= normal == item;
        copy.put(key, normal);
      }
      return same ? value : copy;
    }
    if (value instanceof List<?> list) {
      limits.checkDepth(depth + 1, path);
      limits.checkCollectionSize(list.size(), path);
      boolean same = value.getClass() == ArrayList.class;
      List<@Nullable Object> copy = new ArrayList<>(list.size());
      int index = 0;
      for (Object item : list) {
        Object normal = normalize(item, limits, codec, path + "[" + index++ + "]", depth + 1);
        same &= normal == item;
        copy.add(normal);
      }
      return same ? value : copy;
    }
    throw new UnencodableValueException(
        "the value at %s is a %s, which is not in the generic value model of codec %s"
            .formatted(path, typeName(value), codec.name()),
        codec.id(),
        -1,
        null);
  }

  /** Checks what a generic body decoded to: not null as a whole. */
  static Object checkDecoded(@Nullable Object value, CodecDescriptor codec) {
    if (value == null) {
      throw new CorruptPayloadException(
          "body holds null as the whole value; the generic value model allows null only inside a"
              + " map or list",
          codec.id(),
          -1,
          null);
    }
    return value;
  }

  /**
   * Checks a map a generic body decoded to: no null key, and as many distinct keys as the {@code
   * claimed} entries (fewer means duplicate keys).
   */
  static void checkDecodedMap(Map<?, ?> map, int claimed) {
    if (map.containsKey(null)) {
      throw new CorruptPayloadException("map at " + Bounds.PATH + " has a null key");
    }
    if (map.size() != claimed) {
      throw new CorruptPayloadException(
          "map at %s claims %s entries but has %s distinct keys (duplicate keys)"
              .formatted(Bounds.PATH, claimed, map.size()));
    }
  }

  /** The failure of writing Kryo's own class {@code name}, which the model does not use. */
  static IllegalStateException notInModel(String name) {
    return new IllegalStateException(name + " is not in the generic value model");
  }

  /** The failure of reading Kryo's own class {@code name}, registered under {@code id}. */
  static CorruptPayloadException notInModel(String name, int id) {
    return new CorruptPayloadException(
        """
        body names class id %s (%s) at %s, which the generic value model does not use: the bytes \
        may have been written by another Kryo generation or with a different registration"""
            .formatted(id, name, Bounds.PATH));
  }

  private static String typeName(@Nullable Object value) {
    return value == null ? "null" : value.getClass().getName();
  }
}
