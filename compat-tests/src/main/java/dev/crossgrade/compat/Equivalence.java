package dev.crossgrade.compat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * When a value read back counts as the value written: structurally equal, integers by value
 * (whatever their Java type), doubles bitwise (so {@code -0.0} differs from {@code 0.0}), maps by
 * their entries in any order. {@link #JSON} also lets an integral double equal the integer JSON
 * reads it back as, and {@code -0.0} equal 0 (RFC 8785 writes {@code -0} as {@code 0}).
 */
enum Equivalence {
  STRUCTURAL,
  JSON;

  /** Null when {@code read} is equivalent to {@code expected}; else where and how they differ. */
  @Nullable String difference(@Nullable Object expected, @Nullable Object read) {
    return difference("$", expected, read);
  }

  private @Nullable String difference(
      String path, @Nullable Object expected, @Nullable Object read) {
    if (expected == null || read == null) {
      return expected == read ? null : mismatch(path, expected, read);
    }
    if (isInteger(expected) && isInteger(read)) {
      return big(expected).equals(big(read)) ? null : mismatch(path, expected, read);
    }
    if (expected instanceof Double e && read instanceof Double r) {
      return Double.doubleToLongBits(e) == Double.doubleToLongBits(r)
              || (this == JSON && e == 0.0 && r == 0.0)
          ? null
          : mismatch(path, expected, read);
    }
    if (this == JSON && (expected instanceof Double || read instanceof Double)) {
      Object d = expected instanceof Double ? expected : read;
      Object i = expected instanceof Double ? read : expected;
      double value = (Double) d;
      if (isInteger(i)
          && !Double.isInfinite(value)
          && value == Math.rint(value)
          && new java.math.BigDecimal(value).toBigInteger().equals(big(i))) {
        return null;
      }
      return mismatch(path, expected, read);
    }
    if (expected instanceof byte[] e && read instanceof byte[] r) {
      return Arrays.equals(e, r) ? null : mismatch(path, expected, read);
    }
    if (expected instanceof List<?> e && read instanceof List<?> r) {
      if (e.size() != r.size()) {
        return path + " has " + r.size() + " elements, expected " + e.size();
      }
      for (int i = 0; i < e.size(); i++) {
        String d = difference(path + "[" + i + "]", e.get(i), r.get(i));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (expected instanceof Map<?, ?> e && read instanceof Map<?, ?> r) {
      for (Map.Entry<?, ?> entry : e.entrySet()) {
        String child = path + "." + Render.key(String.valueOf(entry.getKey()));
        if (!r.containsKey(entry.getKey())) {
          return child + " is missing";
        }
        String d = difference(child, entry.getValue(), r.get(entry.getKey()));
        if (d != null) {
          return d;
        }
      }
      for (Object key : r.keySet()) {
        if (!e.containsKey(key)) {
          return path + "." + Render.key(String.valueOf(key)) + " was not written";
        }
      }
      return null;
    }
    if (expected instanceof Struct e && read instanceof Struct r) {
      for (Map.Entry<String, @Nullable Object> field : e.fields().entrySet()) {
        String child = path + "." + field.getKey();
        if (!r.fields().containsKey(field.getKey())) {
          return child + " is missing";
        }
        String d = difference(child, field.getValue(), r.fields().get(field.getKey()));
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    return expected.equals(read) ? null : mismatch(path, expected, read);
  }

  private static String mismatch(String path, @Nullable Object expected, @Nullable Object read) {
    return path + " read back as " + Render.value(read) + ", expected " + Render.value(expected);
  }

  private static boolean isInteger(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof BigInteger;
  }

  private static BigInteger big(Object value) {
    return value instanceof BigInteger b ? b : BigInteger.valueOf(((Number) value).longValue());
  }
}
