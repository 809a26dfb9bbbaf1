package dev.crossgrade.codec.kryo;

import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.BitSet;
import java.util.Collection;
import java.util.Currency;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Which classes a Kryo codec accepts for registration, and how it serializes each kind. */
final class TypeRules {
  /** How a registered class is serialized. */
  enum Kind {
    PRIMITIVE_ARRAY,
    STRING_ARRAY,
    OBJECT_ARRAY,
    ENUM,
    COLLECTION,
    MAP,
    JDK_VALUE,
    USER
  }

  /** JDK value classes whose Kryo serializers read only through the bounded input. */
  private static final Set<String> JDK_VALUES =
      Set.of(
          BigInteger.class.getName(),
          BigDecimal.class.getName(),
          Date.class.getName(),
          UUID.class.getName(),
          Currency.class.getName(),
          Locale.class.getName(),
          StringBuilder.class.getName(),
          StringBuffer.class.getName(),
          BitSet.class.getName(),
          "java.time.Instant",
          "java.time.Duration",
          "java.time.LocalDate",
          "java.time.LocalTime",
          "java.time.LocalDateTime",
          "java.time.OffsetDateTime",
          "java.time.OffsetTime",
          "java.time.ZonedDateTime",
          "java.time.Year",
          "java.time.YearMonth",
          "java.time.MonthDay",
          "java.time.Period",
          "java.time.ZoneOffset");

  private static final Set<Class<?>> BUILT_IN =
      Set.of(
          String.class,
          Integer.class,
          Long.class,
          Short.class,
          Byte.class,
          Character.class,
          Boolean.class,
          Float.class,
          Double.class);

  private TypeRules() {}

  /** Whether Kryo registers this class itself, in both generations. */
  static boolean isBuiltIn(Class<?> type) {
    return type.isPrimitive() || BUILT_IN.contains(type);
  }

  static Kind kind(Class<?> type) {
    if (type.isArray()) {
      Class<?> component = type.getComponentType();
      if (component.isPrimitive()) {
        return Kind.PRIMITIVE_ARRAY;
      }
      return component == String.class ? Kind.STRING_ARRAY : Kind.OBJECT_ARRAY;
    }
    if (type.isEnum() || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
      return Kind.ENUM;
    }
    if (Collection.class.isAssignableFrom(type)) {
      return Kind.COLLECTION;
    }
    if (Map.class.isAssignableFrom(type)) {
      return Kind.MAP;
    }
    if (JDK_VALUES.contains(type.getName())) {
      return Kind.JDK_VALUE;
    }
    return Kind.USER;
  }

  /**
   * Throws {@link IllegalArgumentException}, naming the reason, if the class cannot be registered.
   */
  static void checkRegistrable(Class<?> type) {
    if (isBuiltIn(type)) {
      throw new IllegalArgumentException(
          type.getName() + " is registered by Kryo itself; register only other classes");
    }
    if (type.isArray()) {
      Class<?> component = type.getComponentType();
      if (component.isPrimitive() || component == String.class) {
        return;
      }
      if (component.isArray() || isBuiltIn(component)) {
        return;
      }
      checkRegistrable(component);
      return;
    }
    if (type.isInterface() || (Modifier.isAbstract(type.getModifiers()) && !type.isEnum())) {
      throw new IllegalArgumentException(
          type.getName()
              + " is abstract: register the concrete classes whose instances are written");
    }
    Kind kind = kind(type);
    switch (kind) {
      case ENUM, JDK_VALUE -> {}
      case COLLECTION, MAP -> requireNoArgConstructor(type, true);
      case USER -> {
        String name = type.getName();
        if (name.startsWith("java.")
            || name.startsWith("javax.")
            || name.startsWith("jdk.")
            || name.startsWith("sun.")) {
          throw new IllegalArgumentException(
              """
              %s has no serializer here that checks lengths before allocating; register your own \
              classes, collections, maps, arrays, enums and common JDK values"""
                  .formatted(name));
        }
        if (type.isRecord()) {
          throw new IllegalArgumentException(
              """
              %s is a record; Kryo's field serializers cannot set a record's fields, so register \
              a class with a no-arg constructor instead"""
                  .formatted(name));
        }
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
          throw new IllegalArgumentException(
              name + " is an anonymous or local class; register a named class");
        }
        if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
          throw new IllegalArgumentException(
              name + " is an inner class; make it static so Kryo can create it");
        }
        requireNoArgConstructor(type, false);
      }
      default -> {}
    }
  }

  private static void requireNoArgConstructor(Class<?> type, boolean mustBePublic) {
    try {
      var constructor = type.getDeclaredConstructor();
      if (mustBePublic && !Modifier.isPublic(constructor.getModifiers())) {
        throw new IllegalArgumentException(
            type.getName() + " has no public no-arg constructor for Kryo to create it with");
      }
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException(
          type.getName()
              + " has no no-arg constructor (it may be private) for Kryo to create it with",
          e);
    }
  }
}
