package dev.crossgrade.codec.thrift;

import java.util.Arrays;
import java.util.Map;
import org.apache.thrift.TBase;
import org.apache.thrift.TFieldIdEnum;
import org.apache.thrift.meta_data.FieldMetaData;
import org.apache.thrift.meta_data.FieldValueMetaData;
import org.apache.thrift.meta_data.ListMetaData;
import org.apache.thrift.meta_data.MapMetaData;
import org.apache.thrift.meta_data.SetMetaData;
import org.apache.thrift.meta_data.StructMetaData;
import org.jspecify.annotations.Nullable;

/**
 * Where a protocol is within the value it reads or writes: a stack of open structs and containers
 * with the current field id or element count of each. Cheap to keep up to date; {@link #toString()}
 * renders it as a path such as {@code $.points[2].x}, naming fields from the generated types'
 * metadata, only when a message needs it.
 */
final class ValuePath {
  static final byte STRUCT = 0;
  static final byte LIST = 1;
  static final byte SET = 2;
  static final byte MAP = 3;

  /** The position of a struct frame before its first field and after its stop marker. */
  private static final int NO_FIELD = Integer.MIN_VALUE;

  /** Longer paths keep their start and end, so that a deep failure gives a readable message. */
  private static final int MAX_RENDERED = 240;

  private final Class<?> rootType;
  private byte[] kinds = new byte[16];

  /** For a struct, the current field id; for a container, the values begun so far minus one. */
  private int[] positions = new int[16];

  private int depth;

  ValuePath(Class<?> rootType) {
    this.rootType = rootType;
  }

  /** The number of open structs and containers. */
  int depth() {
    return depth;
  }

  /** Notes that a value (primitive, struct or container) starts at the current position. */
  void beginValue() {
    if (depth > 0 && kinds[depth - 1] != STRUCT) {
      positions[depth - 1]++;
    }
  }

  /** Opens a struct or container and returns the new depth. */
  int push(byte kind) {
    if (depth == kinds.length) {
      kinds = Arrays.copyOf(kinds, depth * 2);
      positions = Arrays.copyOf(positions, depth * 2);
    }
    kinds[depth] = kind;
    positions[depth] = kind == STRUCT ? NO_FIELD : -1;
    return ++depth;
  }

  /** Closes the innermost struct or container. */
  void pop() {
    if (depth > 0) {
      depth--;
    }
  }

  /** Notes the field the innermost struct is at. */
  void field(short id) {
    if (depth > 0 && kinds[depth - 1] == STRUCT) {
      positions[depth - 1] = id;
    }
  }

  /** Notes that the innermost struct has reached its stop marker. */
  void endOfFields() {
    if (depth > 0 && kinds[depth - 1] == STRUCT) {
      positions[depth - 1] = NO_FIELD;
    }
  }

  @Override
  public String toString() {
    StringBuilder path = new StringBuilder("$");
    walk(path);
    if (path.length() <= MAX_RENDERED) {
      return path.toString();
    }
    int half = MAX_RENDERED / 2;
    return path.substring(0, half) + "..." + path.substring(path.length() - half);
  }

  /** The simple name of the struct at the current position, if known. */
  @Nullable String structName() {
    Class<?> struct = walk(null);
    return struct == null ? null : struct.getSimpleName();
  }

  /**
   * Follows the frames through the generated types' metadata, appending each step to {@code path}
   * if given, and returns the struct class at the current position if it is a known struct.
   */
  private @Nullable Class<?> walk(@Nullable StringBuilder path) {
    FieldValueMetaData type = null;
    for (int i = 0; i < depth; i++) {
      int position = positions[i];
      switch (kinds[i]) {
        case STRUCT -> {
          Class<?> struct = i == 0 ? rootType : structClass(type);
          if (position == NO_FIELD) {
            return struct;
          }
          FieldMetaData field = struct == null ? null : field(struct, position);
          if (field == null) {
            append(path, ".#" + position);
            type = null;
          } else {
            append(path, "." + field.fieldName);
            type = field.valueMetaData;
          }
        }
        case LIST, SET -> {
          if (position < 0) {
            return null;
          }
          append(path, "[" + position + "]");
          type =
              type instanceof ListMetaData list
                  ? list.elemMetaData
                  : type instanceof SetMetaData set ? set.elemMetaData : null;
        }
        default -> {
          if (position < 0) {
            return null;
          }
          boolean key = position % 2 == 0;
          append(path, "[" + position / 2 + (key ? "].key" : "].value"));
          MapMetaData map = type instanceof MapMetaData m ? m : null;
          type = map == null ? null : key ? map.keyMetaData : map.valueMetaData;
        }
      }
    }
    return depth == 0 ? rootType : structClass(type);
  }

  private static void append(@Nullable StringBuilder path, String step) {
    if (path != null) {
      path.append(step);
    }
  }

  private static @Nullable Class<?> structClass(@Nullable FieldValueMetaData type) {
    return type instanceof StructMetaData struct ? struct.structClass : null;
  }

  private static @Nullable FieldMetaData field(Class<?> struct, int id) {
    if (!TBase.class.isAssignableFrom(struct)) {
      return null;
    }
    try {
      for (Map.Entry<? extends TFieldIdEnum, FieldMetaData> entry : fieldsOf(struct).entrySet()) {
        if (entry.getKey().getThriftFieldId() == id) {
          return entry.getValue();
        }
      }
    } catch (RuntimeException e) {
      // Metadata is only used to name fields in messages; fall back to the field id.
    }
    return null;
  }

  // FieldMetaData.getStructMetaDataMap declares a self-typed TBase class parameter, which a
  // Class<?> found at run time cannot express; the class was checked to be a TBase above.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<? extends TFieldIdEnum, FieldMetaData> fieldsOf(Class<?> struct) {
    return FieldMetaData.getStructMetaDataMap((Class) struct);
  }
}
