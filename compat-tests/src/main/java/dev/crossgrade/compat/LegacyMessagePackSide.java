package dev.crossgrade.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.MessagePack;
import org.msgpack.packer.Packer;
import org.msgpack.type.Value;
import org.msgpack.type.ValueFactory;
import org.msgpack.unpacker.BufferUnpacker;

/**
 * A runtime that still uses msgpack-java 0.6.7, which implements the MessagePack specification
 * before str8 and bin were added: it writes strings as raw and rejects {@code 0xd9} (str8) and
 * {@code 0xc4}-{@code 0xc6} (bin) as invalid bytes.
 */
final class LegacyMessagePackSide implements Side {
  private final MessagePack msgpack = new MessagePack();

  @Override
  public byte[] write(Object value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Packer packer = msgpack.createPacker(out);
    packer.write(toValue(value));
    packer.flush();
    return out.toByteArray();
  }

  @Override
  public @Nullable Object read(byte[] bytes) throws IOException {
    BufferUnpacker unpacker = msgpack.createBufferUnpacker(bytes);
    Value value = unpacker.readValue();
    if (unpacker.getReadByteCount() != bytes.length) {
      throw new IOException(
          (bytes.length - unpacker.getReadByteCount()) + " bytes left after the value");
    }
    return fromValue(value);
  }

  private static Value toValue(@Nullable Object value) {
    if (value == null) {
      return ValueFactory.createNilValue();
    }
    if (value instanceof Boolean b) {
      return ValueFactory.createBooleanValue(b);
    }
    if (value instanceof Long l) {
      return ValueFactory.createIntegerValue(l);
    }
    if (value instanceof BigInteger b) {
      return ValueFactory.createIntegerValue(b);
    }
    if (value instanceof Double d) {
      return ValueFactory.createFloatValue(d);
    }
    if (value instanceof String s) {
      return ValueFactory.createRawValue(s);
    }
    if (value instanceof List<?> list) {
      Value[] elements = new Value[list.size()];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = toValue(list.get(i));
      }
      return ValueFactory.createArrayValue(elements);
    }
    if (value instanceof Map<?, ?> map) {
      Value[] kvs = new Value[map.size() * 2];
      int i = 0;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        kvs[i++] = toValue(entry.getKey());
        kvs[i++] = toValue(entry.getValue());
      }
      return ValueFactory.createMapValue(kvs);
    }
    throw new IllegalArgumentException(
        "msgpack-java 0.6.7 has no type for " + value.getClass().getName());
  }

  private static @Nullable Object fromValue(Value value) {
    if (value.isNilValue()) {
      return null;
    }
    if (value.isBooleanValue()) {
      return value.asBooleanValue().getBoolean();
    }
    if (value.isIntegerValue()) {
      BigInteger big = value.asIntegerValue().getBigInteger();
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }
    if (value.isFloatValue()) {
      return value.asFloatValue().getDouble();
    }
    if (value.isRawValue()) {
      return value.asRawValue().getString();
    }
    if (value.isArrayValue()) {
      List<@Nullable Object> list = new ArrayList<>();
      for (Value element : value.asArrayValue()) {
        list.add(fromValue(element));
      }
      return list;
    }
    LinkedHashMap<String, @Nullable Object> map = new LinkedHashMap<>();
    for (Map.Entry<Value, Value> entry : value.asMapValue().entrySet()) {
      map.put((String) fromValue(entry.getKey()), fromValue(entry.getValue()));
    }
    return map;
  }
}
