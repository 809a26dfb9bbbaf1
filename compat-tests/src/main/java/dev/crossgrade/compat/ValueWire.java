package dev.crossgrade.compat;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The harness's own lossless transport of generic values to and from JDK workers: a tagged binary
 * form in which doubles travel as their bits, strings as UTF-16 code units (so lone surrogates
 * survive), and maps keep their kind ({@code Map.of}, {@code HashMap}, {@code LinkedHashMap}), so a
 * worker rebuilds exactly the value the harness generated.
 */
final class ValueWire {
  private static final int NULL = 0;
  private static final int TRUE = 1;
  private static final int FALSE = 2;
  private static final int LONG = 3;
  private static final int DOUBLE = 4;
  private static final int STRING = 5;
  private static final int BYTES = 6;
  private static final int BIG_INTEGER = 7;
  private static final int LIST = 8;
  private static final int MAP = 9;
  private static final int STRUCT = 10;
  private static final int INT = 11;
  private static final int FLOAT = 12;

  private ValueWire() {}

  static void write(DataOutputStream out, @Nullable Object value) throws IOException {
    if (value == null) {
      out.writeByte(NULL);
    } else if (value instanceof Boolean b) {
      out.writeByte(b ? TRUE : FALSE);
    } else if (value instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (value instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (value instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeLong(Double.doubleToRawLongBits(d));
    } else if (value instanceof Float f) {
      out.writeByte(FLOAT);
      out.writeInt(Float.floatToRawIntBits(f));
    } else if (value instanceof String s) {
      out.writeByte(STRING);
      writeString(out, s);
    } else if (value instanceof byte[] bytes) {
      out.writeByte(BYTES);
      out.writeInt(bytes.length);
      out.write(bytes);
    } else if (value instanceof BigInteger big) {
      out.writeByte(BIG_INTEGER);
      byte[] bytes = big.toByteArray();
      out.writeInt(bytes.length);
      out.write(bytes);
    } else if (value instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object element : list) {
        write(out, element);
      }
    } else if (value instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      out.writeByte(MapKind.of(map).ordinal());
      out.writeInt(map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writeString(out, String.valueOf(entry.getKey()));
        write(out, entry.getValue());
      }
    } else if (value instanceof Struct struct) {
      out.writeByte(STRUCT);
      writeString(out, struct.type());
      out.writeInt(struct.fields().size());
      for (Map.Entry<String, @Nullable Object> field : struct.fields().entrySet()) {
        writeString(out, field.getKey());
        write(out, field.getValue());
      }
    } else {
      throw new IllegalArgumentException(
          "not a value of the generic model: " + value.getClass().getName());
    }
  }

  static @Nullable Object read(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case NULL:
        return null;
      case TRUE:
        return Boolean.TRUE;
      case FALSE:
        return Boolean.FALSE;
      case LONG:
        return in.readLong();
      case INT:
        return in.readInt();
      case DOUBLE:
        return Double.longBitsToDouble(in.readLong());
      case FLOAT:
        return Float.intBitsToFloat(in.readInt());
      case STRING:
        return readString(in);
      case BYTES:
        {
          byte[] bytes = new byte[in.readInt()];
          in.readFully(bytes);
          return bytes;
        }
      case BIG_INTEGER:
        {
          byte[] bytes = new byte[in.readInt()];
          in.readFully(bytes);
          return new BigInteger(bytes);
        }
      case LIST:
        {
          int size = in.readInt();
          List<@Nullable Object> list = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            list.add(read(in));
          }
          return list;
        }
      case MAP:
        {
          MapKind kind = MapKind.values()[in.readUnsignedByte()];
          int size = in.readInt();
          List<Map.Entry<String, @Nullable Object>> entries = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            String key = readString(in);
            entries.add(new java.util.AbstractMap.SimpleEntry<>(key, read(in)));
          }
          Map<String, @Nullable Object> map = kind.build(entries);
          if (map == null) {
            throw new IOException("a Map.of value arrived with a null value or a duplicate key");
          }
          return map;
        }
      case STRUCT:
        {
          String type = readString(in);
          int size = in.readInt();
          LinkedHashMap<String, @Nullable Object> fields = new LinkedHashMap<>();
          for (int i = 0; i < size; i++) {
            String name = readString(in);
            fields.put(name, read(in));
          }
          return new Struct(type, fields);
        }
      default:
        throw new IOException("unknown value tag " + tag);
    }
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeInt(s.length());
    out.writeChars(s);
  }

  static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = in.readChar();
    }
    return new String(chars);
  }
}
