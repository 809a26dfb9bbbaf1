package dev.crossgrade.codec.javalegacy;

import java.io.Serializable;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The classes a {@link JavaSerializationReader} may instantiate: a small core of JDK value and
 * collection classes plus the exact classes its builder allowed. Lookups are by exact name and
 * return the very {@link Class} objects given, so no other class is ever loaded.
 */
final class AllowList {

  /**
   * The JDK classes every reader allows. Each one only stores data: its deserialization runs no
   * code beyond validating its own fields and filling itself from further (filtered) objects.
   */
  static final List<Class<?>> CORE_CLASSES =
      List.of(
          String.class,
          Boolean.class,
          Character.class,
          Byte.class,
          Short.class,
          Integer.class,
          Long.class,
          Float.class,
          Double.class,
          // abstract supertypes whose descriptors precede boxed numbers and enum constants
          Number.class,
          Enum.class,
          BigInteger.class,
          BigDecimal.class,
          UUID.class,
          Date.class,
          Duration.class,
          Instant.class,
          LocalDate.class,
          LocalTime.class,
          LocalDateTime.class,
          OffsetTime.class,
          OffsetDateTime.class,
          ZonedDateTime.class,
          ZoneOffset.class,
          Period.class,
          Year.class,
          YearMonth.class,
          MonthDay.class,
          DayOfWeek.class,
          Month.class,
          ArrayList.class,
          LinkedList.class,
          ArrayDeque.class,
          HashMap.class,
          LinkedHashMap.class,
          TreeMap.class,
          HashSet.class,
          LinkedHashSet.class,
          TreeSet.class);

  /**
   * JDK classes that are not public but carry the core values on the wire: java.time values are
   * written as {@code java.time.Ser}, zone ids as {@code ZoneRegion}, and {@code List.of}, {@code
   * Set.of}, {@code Map.of} as {@code CollSer} that resolves to the immutable classes.
   */
  private static final List<String> HIDDEN_CORE_CLASSES =
      List.of(
          "java.time.Ser",
          "java.time.ZoneRegion",
          "java.util.CollSer",
          "java.util.ImmutableCollections$List12",
          "java.util.ImmutableCollections$ListN",
          "java.util.ImmutableCollections$Set12",
          "java.util.ImmutableCollections$SetN",
          "java.util.ImmutableCollections$Map1",
          "java.util.ImmutableCollections$MapN",
          "java.util.Collections$EmptyList",
          "java.util.Collections$EmptySet",
          "java.util.Collections$EmptyMap");

  private static final Map<String, Class<?>> PRIMITIVES =
      Map.of(
          "boolean", boolean.class,
          "byte", byte.class,
          "char", char.class,
          "short", short.class,
          "int", int.class,
          "long", long.class,
          "float", float.class,
          "double", double.class);

  private static final Map<String, Class<?>> CORE = coreByName();

  private final Map<String, Class<?>> byName;

  private AllowList(Map<String, Class<?>> byName) {
    this.byName = byName;
  }

  /** The core plus {@code extra}, each checked by {@link #checkAllowable(Class)}. */
  static AllowList of(Collection<Class<?>> extra) {
    Map<String, Class<?>> byName = new HashMap<>(CORE);
    for (Class<?> type : extra) {
      checkAllowable(type);
      Class<?> previous = byName.putIfAbsent(type.getName(), type);
      if (previous != null && previous != type) {
        throw new IllegalArgumentException(
            "two different classes named %s (from two class loaders) cannot both be allowed"
                .formatted(type.getName()));
      }
    }
    return new AllowList(Map.copyOf(byName));
  }

  /** Throws {@link IllegalArgumentException} if {@code type} cannot or must not be allowed. */
  static void checkAllowable(Class<?> type) {
    String name = type.getName();
    if (type.isPrimitive() || type.isArray()) {
      throw new IllegalArgumentException(
          """
          %s cannot be allowed: allow its element class instead (arrays of allowed classes and of \
          primitives are allowed)"""
              .formatted(name));
    }
    if (type.isInterface() || type.isAnnotation()) {
      throw new IllegalArgumentException(
          name + " is an interface: allow the concrete classes the entries hold instead");
    }
    if (Proxy.isProxyClass(type)) {
      throw new IllegalArgumentException(
          name + " is a dynamic proxy class, which is never allowed");
    }
    if (!Serializable.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          name + " does not implement java.io.Serializable, so no stream can hold it");
    }
  }

  /** The classes allowed, for diagnostics. */
  Set<Class<?>> classes() {
    return Set.copyOf(byName.values());
  }

  /** Whether instances of {@code type} may be created. */
  boolean allows(Class<?> type) {
    return byName.get(type.getName()) == type;
  }

  /** Whether arrays whose innermost element type is {@code component} may be created. */
  boolean allowsArrayOf(Class<?> component) {
    // Object[] and Map.Entry[] back the core collections; their elements are filtered one by one.
    return component.isPrimitive()
        || component == Object.class
        || component == Map.Entry.class
        || allows(component);
  }

  /**
   * The class a stream's class descriptor names, or null if it is not allowed; array names such as
   * {@code [[Ljava.lang.String;} resolve when their element class is allowed.
   */
  @Nullable Class<?> resolve(String name) {
    Class<?> direct = byName.get(name);
    if (direct != null) {
      return direct;
    }
    Class<?> primitive = PRIMITIVES.get(name);
    if (primitive != null) {
      return primitive;
    }
    if (!name.startsWith("[")) {
      return null;
    }
    int dimensions = 0;
    while (dimensions < name.length() && name.charAt(dimensions) == '[') {
      dimensions++;
    }
    if (dimensions > 255) {
      return null;
    }
    Class<?> component = elementClass(name.substring(dimensions));
    if (component == null || !allowsArrayOf(component)) {
      return null;
    }
    Class<?> array = component;
    for (int i = 0; i < dimensions; i++) {
      array = array.arrayType();
    }
    return array;
  }

  private @Nullable Class<?> elementClass(String descriptor) {
    if (descriptor.length() == 1) {
      return switch (descriptor.charAt(0)) {
        case 'Z' -> boolean.class;
        case 'B' -> byte.class;
        case 'C' -> char.class;
        case 'S' -> short.class;
        case 'I' -> int.class;
        case 'J' -> long.class;
        case 'F' -> float.class;
        case 'D' -> double.class;
        default -> null;
      };
    }
    if (descriptor.length() > 2 && descriptor.startsWith("L") && descriptor.endsWith(";")) {
      String element = descriptor.substring(1, descriptor.length() - 1);
      if (element.equals(Object.class.getName())) {
        return Object.class;
      }
      if (element.equals(Map.Entry.class.getName())) {
        return Map.Entry.class;
      }
      return byName.get(element);
    }
    return null;
  }

  /** Why {@code name} is rejected and how to allow it, for exception messages. */
  static String rejection(String name, long streamOffset) {
    String element = name;
    int dimensions = 0;
    while (dimensions < element.length() && element.charAt(dimensions) == '[') {
      dimensions++;
    }
    if (dimensions > 0) {
      element =
          element.startsWith("L", dimensions) && element.endsWith(";")
              ? element.substring(dimensions + 1, element.length() - 1)
              : element.substring(dimensions);
    }
    String subject =
        dimensions > 0
            ? "array class " + name + " of element class " + element
            : "class " + element;
    return """
        %s at byte %s is not on the allow-list of this JavaSerializationReader, so it was \
        rejected before being loaded or instantiated; if that class is trusted, allow it with \
        JavaSerializationReader.Builder.allowClass(%s.class)"""
        .formatted(subject, streamOffset, element.replace('$', '.'));
  }

  private static Map<String, Class<?>> coreByName() {
    Map<String, Class<?>> core = new HashMap<>();
    for (Class<?> type : CORE_CLASSES) {
      core.put(type.getName(), type);
    }
    for (String name : HIDDEN_CORE_CLASSES) {
      try {
        // The boot loader; initialize=false runs no static initializer.
        core.put(name, Class.forName(name, false, null));
      } catch (ClassNotFoundException | LinkageError absentOnThisJdk) {
        // A JDK without this implementation class never writes it either.
      }
    }
    return Collections.unmodifiableMap(core);
  }
}
