package dev.crossgrade.codec.thrift;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.thrift.TBase;
import org.apache.thrift.TFieldIdEnum;
import org.apache.thrift.meta_data.FieldMetaData;
import org.jspecify.annotations.Nullable;

/**
 * Deep equality of Thrift values that compares doubles bit for bit (so {@code -0.0} differs from
 * {@code 0.0} and NaN equals NaN, which the generated {@code equals} gets wrong both ways), binary
 * by content, and the set/unset state of every field.
 */
final class ThriftEquivalence {
  private ThriftEquivalence() {}

  static boolean same(@Nullable Object a, @Nullable Object b) {
    if (a == b) {
      return true;
    }
    if (a == null || b == null) {
      return false;
    }
    if (a instanceof TBase<?, ?> x && b instanceof TBase<?, ?> y) {
      return sameStruct(x, y);
    }
    if (a instanceof Double x && b instanceof Double y) {
      // doubleToLongBits, not the raw bits: Thrift writes every NaN as the canonical NaN.
      return Double.doubleToLongBits(x) == Double.doubleToLongBits(y);
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.equals(x, y);
    }
    if (a instanceof ByteBuffer x && b instanceof ByteBuffer y) {
      return x.equals(y);
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      Iterator<?> i = x.iterator();
      Iterator<?> j = y.iterator();
      while (i.hasNext()) {
        if (!same(i.next(), j.next())) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        if (!y.containsKey(entry.getKey()) || !same(entry.getValue(), y.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Set<?> && b instanceof Set<?>) {
      return a.equals(b); // the sample sets hold integers, for which equals is exact
    }
    return a.equals(b);
  }

  private static boolean sameStruct(TBase<?, ?> x, TBase<?, ?> y) {
    if (x.getClass() != y.getClass()) {
      return false;
    }
    for (TFieldIdEnum field : fields(x.getClass()).keySet()) {
      boolean set = isSet(x, field);
      if (set != isSet(y, field)) {
        return false;
      }
      if (set && !same(value(x, field), value(y, field))) {
        return false;
      }
    }
    return true;
  }

  // TBase's methods take the struct's own _Fields type, which a TBase<?, ?> cannot name; the
  // fields come from the same class's metadata, so the calls are safe.
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static boolean isSet(TBase struct, TFieldIdEnum field) {
    return struct.isSet(field);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static @Nullable Object value(TBase struct, TFieldIdEnum field) {
    return struct.getFieldValue(field);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Map<? extends TFieldIdEnum, FieldMetaData> fields(Class<?> struct) {
    return Objects.requireNonNull(FieldMetaData.getStructMetaDataMap((Class) struct));
  }
}
