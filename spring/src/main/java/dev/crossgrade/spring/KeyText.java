package dev.crossgrade.spring;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.interceptor.SimpleKey;

/**
 * The logical key text of a Spring cache key: what a {@code @Cacheable} key becomes in the physical
 * key {@code prefix:keyspace:g<generation>:<text>}. The text depends only on the key's value, never
 * on the JDK, the locale, the Spring version or an identity hash, so both runtimes of a rollout
 * (and a runtime that uses {@code VersionedCache} directly with this function) find the same entry.
 *
 * <ul>
 *   <li>A scalar is its canonical text: a {@link String} or {@link Character} itself; an integer
 *       type ({@code Byte}, {@code Short}, {@code Integer}, {@code Long}, {@code BigInteger}) in
 *       decimal; a {@link BigDecimal} by {@code toString()} ({@code 1.50}); a {@code Float} or
 *       {@code Double} in Java's hexadecimal form ({@code 0x1.8p1}: {@code Double.toString} changed
 *       in JDK 19); a {@link Boolean} as {@code true} or {@code false}; an enum constant by its
 *       name; a {@link UUID} and the {@code java.time} values in their ISO forms. So {@code 42},
 *       {@code 42L} and {@code "42"} are one key: a build that changes a parameter from {@code
 *       long} to {@code String} still shares its entries.
 *   <li>A sequence (a {@link SimpleKey}, the default key of a method with zero or several
 *       parameters; an array; a {@link List}) is {@code [e1,e2,...]}, each element as above with
 *       {@code \ , [ ]} escaped by a backslash, {@code \0} for null and {@code \e} for the empty
 *       text; nested sequences nest. A scalar text that starts with {@code [} or {@code \} gets a
 *       leading {@code \}, so it never reads as a sequence.
 * </ul>
 *
 * <p>Two keys get the same text exactly when their canonical forms (scalars as their text,
 * sequences as lists of their elements' forms) are equal. Any other key type is refused with a
 * {@link CacheSetupException} naming it: its {@code toString()} may hold an identity hash or differ
 * between builds. Give such a method a {@code key} expression ({@code key = "#order.id"}), or the
 * cache a key function ({@link CrossgradeCacheCustomizer}).
 */
public final class KeyText {
  private static final @Nullable Field SIMPLE_KEY_PARAMS = simpleKeyParams();
  private static final int MAX_DEPTH = 16;

  private KeyText() {}

  /**
   * The logical key text of {@code key}.
   *
   * @throws CacheSetupException if the key, or an element of it, is of a type listed nowhere above,
   *     or sequences nest deeper than 16
   */
  public static String of(Object key) {
    StringBuilder out = new StringBuilder();
    if (isSequence(key)) {
      sequence(key, out, 0);
    } else {
      String text = scalar(key);
      if (!text.isEmpty() && (text.charAt(0) == '[' || text.charAt(0) == '\\')) {
        out.append('\\');
      }
      out.append(text);
    }
    return out.toString();
  }

  /** Checks that {@link SimpleKey}'s elements can be read on this Spring version. */
  static void requireSimpleKeySupport() {
    if (SIMPLE_KEY_PARAMS == null) {
      throw new CacheSetupException(
          "cannot read the elements of Spring's SimpleKey on this Spring version, so the default"
              + " keys of methods with several parameters have no stable text (fix: give those"
              + " methods a key expression, such as key = \"#a + ':' + #b\")");
    }
  }

  private static boolean isSequence(Object key) {
    return key instanceof SimpleKey || key instanceof List<?> || key.getClass().isArray();
  }

  private static void sequence(Object key, StringBuilder out, int depth) {
    if (depth >= MAX_DEPTH) {
      throw new CacheSetupException(
          """
          cache key nests sequences deeper than %s (fix: give the method a key expression that \
          names the parts)"""
              .formatted(MAX_DEPTH));
    }
    out.append('[');
    Object[] elements = elements(key);
    for (int i = 0; i < elements.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      Object element = elements[i];
      if (element == null) {
        out.append("\\0");
      } else if (isSequence(element)) {
        sequence(element, out, depth + 1);
      } else {
        escaped(scalar(element), out);
      }
    }
    out.append(']');
  }

  private static Object[] elements(Object key) {
    if (key instanceof SimpleKey simple) {
      return simpleKeyElements(simple);
    }
    if (key instanceof List<?> list) {
      return list.toArray();
    }
    int length = Array.getLength(key);
    Object[] elements = new Object[length];
    for (int i = 0; i < length; i++) {
      elements[i] = Array.get(key, i);
    }
    return elements;
  }

  private static void escaped(String text, StringBuilder out) {
    if (text.isEmpty()) {
      out.append("\\e");
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' || c == ',' || c == '[' || c == ']') {
        out.append('\\');
      }
      out.append(c);
    }
  }

  private static String scalar(Object key) {
    if (key instanceof String text) {
      return text;
    }
    if (key instanceof Character
        || key instanceof Integer
        || key instanceof Long
        || key instanceof Short
        || key instanceof Byte
        || key instanceof BigInteger
        || key instanceof BigDecimal
        || key instanceof Boolean
        || key instanceof UUID) {
      return key.toString();
    }
    if (key instanceof Double d) {
      return Double.toHexString(d);
    }
    if (key instanceof Float f) {
      return Float.toHexString(f);
    }
    if (key instanceof Enum<?> constant) {
      return constant.name();
    }
    if (key instanceof Instant
        || key instanceof LocalDate
        || key instanceof LocalDateTime
        || key instanceof LocalTime
        || key instanceof OffsetDateTime
        || key instanceof OffsetTime
        || key instanceof ZonedDateTime
        || key instanceof Year
        || key instanceof YearMonth
        || key instanceof MonthDay
        || key instanceof Duration
        || key instanceof Period
        || key instanceof ZoneId) {
      return key.toString();
    }
    throw new CacheSetupException(
        """
        a cache key of type %s has no stable text (its toString() may differ between builds or \
        hold an identity hash) (fix: give the method a key expression such as key = \
        \"#order.id\", or the cache a key function through a CrossgradeCacheCustomizer)"""
            .formatted(key.getClass().getName()));
  }

  private static Object[] simpleKeyElements(SimpleKey key) {
    Field params = SIMPLE_KEY_PARAMS;
    if (params == null) {
      requireSimpleKeySupport();
      throw new AssertionError("unreachable");
    }
    try {
      return (Object[]) params.get(key);
    } catch (IllegalAccessException e) {
      throw new CacheSetupException("cannot read the elements of a SimpleKey: " + e, e);
    }
  }

  /**
   * SimpleKey keeps its elements in a private field and has no accessor, and its {@code toString()}
   * cannot stand in: it joins the elements with {@code ", "}, so {@code ("a, b")} and {@code ("a",
   * "b")} print alike, and prints each by its own {@code toString()}, which for many types holds an
   * identity hash or differs between builds. The field has been {@code params} since Spring 4.0;
   * the tests read it on both Spring versions.
   */
  private static @Nullable Field simpleKeyParams() {
    try {
      Field field = SimpleKey.class.getDeclaredField("params");
      field.setAccessible(true);
      return field.getType() == Object[].class ? field : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
