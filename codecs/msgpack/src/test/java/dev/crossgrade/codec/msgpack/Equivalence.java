package dev.crossgrade.codec.msgpack;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether a decoded value is the value that was written: deep, order-sensitive for maps, bitwise
 * for floats (so NaN payloads and -0.0 count), by content for byte arrays and records.
 */
final class Equivalence {
  private Equivalence() {}

  /** Equivalence for the current-spec codecs: every value reads back as itself. */
  static boolean current(@Nullable Object expected, @Nullable Object actual) {
    return same(expected, actual, false);
  }

  /**
   * Equivalence for the old-spec codec, which declares its one lossy case: binary is written as
   * raw, so a {@code byte[]} that is well-formed UTF-8 reads back as the {@code String} it spells,
   * and any other {@code byte[]} reads back as itself.
   */
  static boolean oldSpec(@Nullable Object expected, @Nullable Object actual) {
    return same(expected, actual, true);
  }

  private static boolean same(@Nullable Object expected, @Nullable Object actual, boolean oldSpec) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof Float e) {
      return actual instanceof Float a && Float.floatToRawIntBits(e) == Float.floatToRawIntBits(a);
    }
    if (expected instanceof Double e) {
      return actual instanceof Double a
          && Double.doubleToRawLongBits(e) == Double.doubleToRawLongBits(a);
    }
    if (expected instanceof byte[] e) {
      if (oldSpec && Utf8.firstInvalid(e) < 0) {
        return actual instanceof String a && a.equals(new String(e, StandardCharsets.UTF_8));
      }
      return actual instanceof byte[] a && Arrays.equals(e, a);
    }
    if (expected instanceof List<?> e) {
      if (!(actual instanceof List<?> a) || e.size() != a.size()) {
        return false;
      }
      for (int i = 0; i < e.size(); i++) {
        if (!same(e.get(i), a.get(i), oldSpec)) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof Map<?, ?> e) {
      if (!(actual instanceof Map<?, ?> a) || e.size() != a.size()) {
        return false;
      }
      Iterator<? extends Map.Entry<?, ?>> actualEntries = a.entrySet().iterator();
      for (Map.Entry<?, ?> entry : e.entrySet()) {
        Map.Entry<?, ?> other = actualEntries.next();
        if (!same(entry.getKey(), other.getKey(), oldSpec)
            || !same(entry.getValue(), other.getValue(), oldSpec)) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof Optional<?> e) {
      return actual instanceof Optional<?> a
          && e.isPresent() == a.isPresent()
          && (e.isEmpty() || same(e.get(), a.get(), oldSpec));
    }
    if (expected instanceof Record e) {
      if (expected.getClass() != actual.getClass()) {
        return false;
      }
      for (RecordComponent component : e.getClass().getRecordComponents()) {
        try {
          component.getAccessor().setAccessible(true);
          if (!same(
              component.getAccessor().invoke(expected),
              component.getAccessor().invoke(actual),
              oldSpec)) {
            return false;
          }
        } catch (IllegalAccessException | InvocationTargetException ex) {
          throw new AssertionError(ex);
        }
      }
      return true;
    }
    return expected.getClass() == actual.getClass() && expected.equals(actual);
  }
}
