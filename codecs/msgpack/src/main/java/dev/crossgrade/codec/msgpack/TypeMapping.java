package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.UnencodableValueException;
import java.lang.invoke.MethodType;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * How one Java type of a user record maps to the generic value model and back. Built once per codec
 * by {@link #of}; immutable afterwards.
 *
 * <p>Over 500 lines, on purpose: the sealed interface and its seven cases (scalars, enums,
 * collections, maps, arrays, optionals, time, records), each a few lines, read best side by side.
 */
sealed interface TypeMapping {
  /** Marks a component that has no default: a payload without it cannot be read. */
  Object NO_DEFAULT = new Object();

  /** The generic value for {@code value}. */
  @Nullable Object toGeneric(@Nullable Object value, Path path, Limits limits, int depth);

  /** The Java value for {@code generic}, which came from {@link ValueReader}. */
  @Nullable Object fromGeneric(@Nullable Object generic, Path path);

  /** The value a missing map entry takes when no default was declared, or {@link #NO_DEFAULT}. */
  default Object implicitDefault() {
    return NO_DEFAULT;
  }

  /** The Java type, for messages. */
  String describe();

  /** The mapping for {@code type}, creating record mappings into {@code records}. */
  static TypeMapping of(Type type, Map<Class<?>, RecordMapping> records, String where) {
    if (type instanceof WildcardType wildcard) {
      return of(wildcard.getUpperBounds()[0], records, where);
    }
    if (type instanceof ParameterizedType parameterized
        && parameterized.getRawType() instanceof Class<?> raw) {
      Type[] args = parameterized.getActualTypeArguments();
      if (raw == List.class) {
        return new ListMapping(of(args[0], records, where));
      }
      if (raw == Optional.class) {
        return new OptionalMapping(of(args[0], records, where));
      }
      if (raw == Map.class) {
        TypeMapping key = of(args[0], records, where);
        if (!(key instanceof Scalar scalar && scalar.kind.keyable)
            && !(key instanceof EnumMapping)) {
          throw new IllegalArgumentException(
              where + ": map keys must be String, an integer type or an enum, not " + args[0]);
        }
        return new MapMapping(key, of(args[1], records, where));
      }
    }
    if (type instanceof Class<?> c) {
      Scalar scalar = Scalar.of(c);
      if (scalar != null) {
        return scalar;
      }
      if (c == Object.class) {
        return AnyMapping.INSTANCE;
      }
      if (c.isEnum()) {
        return new EnumMapping(c);
      }
      if (c.isRecord()) {
        RecordMapping existing = records.get(c);
        if (existing != null) {
          return existing;
        }
        RecordMapping created = new RecordMapping(c);
        records.put(c, created);
        created.resolve(records);
        return created;
      }
    }
    throw new IllegalArgumentException(
        """
        %s has type %s, which MessagePackCodec does not map; supported: primitives and their \
        boxes, String, byte[], BigInteger, Instant, enums, records, List<E>, Map<K, V>, \
        Optional<E> and Object (a generic value)"""
            .formatted(where, type.getTypeName()));
  }

  private static CorruptPayloadException mismatch(
      String expected, @Nullable Object generic, Path path) {
    return new CorruptPayloadException(
        "expected " + expected + " at " + path.render() + ", found " + kindOf(generic));
  }

  private static String kindOf(@Nullable Object generic) {
    if (generic == null) {
      return "nil";
    }
    if (generic instanceof String s) {
      return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    if (generic instanceof Map) {
      return "a map";
    }
    if (generic instanceof List) {
      return "an array";
    }
    if (generic instanceof byte[] bytes) {
      return "binary of " + bytes.length + " bytes";
    }
    if (generic instanceof Long || generic instanceof BigInteger) {
      return "the integer " + generic;
    }
    if (generic instanceof Float f) {
      return "the float32 " + f;
    }
    if (generic instanceof Double d) {
      return "the float64 " + d;
    }
    if (generic instanceof Instant) {
      return "the timestamp " + generic;
    }
    return "a " + generic.getClass().getSimpleName();
  }

  private static void checkDepth(int depth, Limits limits, Path path) {
    if (depth > limits.maxDepth()) {
      limits.checkDepth(depth, path.render());
    }
  }

  /** A value that is one MessagePack scalar. */
  final class Scalar implements TypeMapping {
    enum Kind {
      BOOLEAN(false, "boolean", false),
      BYTE(true, "byte", (byte) 0),
      SHORT(true, "short", (short) 0),
      INT(true, "int", 0),
      LONG(true, "long", 0L),
      FLOAT(false, "float", 0f),
      DOUBLE(false, "double", 0d),
      STRING(true, "String", null),
      BYTES(false, "byte[]", null),
      BIG_INTEGER(false, "BigInteger", null),
      INSTANT(false, "Instant", null);

      final boolean keyable;
      final String javaName;
      final @Nullable Object zero;

      Kind(boolean keyable, String javaName, @Nullable Object zero) {
        this.keyable = keyable;
        this.javaName = javaName;
        this.zero = zero;
      }
    }

    private static final Map<Class<?>, Scalar> BY_CLASS = new HashMap<>();

    static {
      register(Kind.BOOLEAN, boolean.class, Boolean.class);
      register(Kind.BYTE, byte.class, Byte.class);
      register(Kind.SHORT, short.class, Short.class);
      register(Kind.INT, int.class, Integer.class);
      register(Kind.LONG, long.class, Long.class);
      register(Kind.FLOAT, float.class, Float.class);
      register(Kind.DOUBLE, double.class, Double.class);
      BY_CLASS.put(String.class, new Scalar(Kind.STRING, false));
      BY_CLASS.put(byte[].class, new Scalar(Kind.BYTES, false));
      BY_CLASS.put(BigInteger.class, new Scalar(Kind.BIG_INTEGER, false));
      BY_CLASS.put(Instant.class, new Scalar(Kind.INSTANT, false));
    }

    private static void register(Kind kind, Class<?> primitive, Class<?> box) {
      BY_CLASS.put(primitive, new Scalar(kind, true));
      BY_CLASS.put(box, new Scalar(kind, false));
    }

    static @Nullable Scalar of(Class<?> c) {
      return BY_CLASS.get(c);
    }

    final Kind kind;
    final boolean primitive;

    private Scalar(Kind kind, boolean primitive) {
      this.kind = kind;
      this.primitive = primitive;
    }

    @Override
    public @Nullable Object toGeneric(@Nullable Object value, Path path, Limits limits, int depth) {
      if (value == null) {
        return null;
      }
      return switch (kind) {
        case BYTE, SHORT, INT, LONG -> ((Number) value).longValue();
        default -> value;
      };
    }

    @Override
    public @Nullable Object fromGeneric(@Nullable Object generic, Path path) {
      if (generic == null) {
        if (primitive) {
          throw mismatch("a " + kind.javaName, null, path);
        }
        return null;
      }
      switch (kind) {
        case BOOLEAN:
          if (generic instanceof Boolean) {
            return generic;
          }
          break;
        case BYTE:
          return (byte) integer(generic, Byte.MIN_VALUE, Byte.MAX_VALUE, path);
        case SHORT:
          return (short) integer(generic, Short.MIN_VALUE, Short.MAX_VALUE, path);
        case INT:
          return (int) integer(generic, Integer.MIN_VALUE, Integer.MAX_VALUE, path);
        case LONG:
          return integer(generic, Long.MIN_VALUE, Long.MAX_VALUE, path);
        case FLOAT:
          if (generic instanceof Float) {
            return generic;
          }
          if (generic instanceof Double d
              && (Double.isNaN(d) || (double) (float) (double) d == d)) {
            return (float) (double) d;
          }
          break;
        case DOUBLE:
          if (generic instanceof Double) {
            return generic;
          }
          if (generic instanceof Float f) {
            return (double) f;
          }
          break;
        case STRING:
          if (generic instanceof String) {
            return generic;
          }
          break;
        case BYTES:
          if (generic instanceof byte[]) {
            return generic;
          }
          if (generic instanceof String s) {
            // old-spec raw that was UTF-8: its bytes are exactly what was written
            return s.getBytes(StandardCharsets.UTF_8);
          }
          break;
        case BIG_INTEGER:
          if (generic instanceof BigInteger) {
            return generic;
          }
          if (generic instanceof Long l) {
            return BigInteger.valueOf(l);
          }
          break;
        case INSTANT:
          if (generic instanceof Instant) {
            return generic;
          }
          break;
      }
      throw mismatch("a " + kind.javaName, generic, path);
    }

    private long integer(Object generic, long min, long max, Path path) {
      if (generic instanceof Long l) {
        if (l >= min && l <= max) {
          return l;
        }
      } else if (!(generic instanceof BigInteger)) {
        throw mismatch("an integer (" + kind.javaName + ")", generic, path);
      }
      throw new CorruptPayloadException(
          "integer " + generic + " at " + path.render() + " does not fit a " + kind.javaName);
    }

    @Override
    public Object implicitDefault() {
      Object zero = kind.zero;
      return primitive && zero != null ? zero : NO_DEFAULT;
    }

    @Override
    public String describe() {
      return primitive ? kind.javaName : kind == Kind.BYTES ? "byte[]" : boxName();
    }

    private String boxName() {
      return switch (kind) {
        case BOOLEAN -> "Boolean";
        case BYTE -> "Byte";
        case SHORT -> "Short";
        case INT -> "Integer";
        case LONG -> "Long";
        case FLOAT -> "Float";
        case DOUBLE -> "Double";
        default -> kind.javaName;
      };
    }
  }

  /** Any value of the generic model, passed through unchanged. */
  final class AnyMapping implements TypeMapping {
    static final AnyMapping INSTANCE = new AnyMapping();

    private AnyMapping() {}

    @Override
    public @Nullable Object toGeneric(@Nullable Object value, Path path, Limits limits, int depth) {
      return value;
    }

    @Override
    public @Nullable Object fromGeneric(@Nullable Object generic, Path path) {
      return generic;
    }

    @Override
    public String describe() {
      return "Object";
    }
  }

  /** An enum, written by constant name. */
  final class EnumMapping implements TypeMapping {
    private final Class<? extends Enum<?>> type;
    private final Map<String, Enum<?>> byName;

    @SuppressWarnings("unchecked") // Class.asSubclass(Enum.class) loses the self type
    EnumMapping(Class<?> type) {
      this.type = (Class<? extends Enum<?>>) type;
      Map<String, Enum<?>> names = new HashMap<>();
      for (Enum<?> constant : this.type.getEnumConstants()) {
        names.put(constant.name(), constant);
      }
      this.byName = Map.copyOf(names);
    }

    @Override
    public @Nullable Object toGeneric(@Nullable Object value, Path path, Limits limits, int depth) {
      return value == null ? null : ((Enum<?>) value).name();
    }

    @Override
    public @Nullable Object fromGeneric(@Nullable Object generic, Path path) {
      if (generic == null) {
        return null;
      }
      if (!(generic instanceof String name)) {
        throw mismatch("the name of a " + type.getSimpleName() + " constant", generic, path);
      }
      Enum<?> constant = byName.get(name);
      if (constant == null) {
        throw new CorruptPayloadException(
            "\""
                + name
                + "\" at "
                + path.render()
                + " is not a constant of "
                + type.getName()
                + " (known: "
                + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "))
                + ")");
      }
      return constant;
    }

    @Override
    public String describe() {
      return type.getSimpleName();
    }
  }

  /** A {@code List<E>}, as an array. */
  final class ListMapping implements TypeMapping {
    private final TypeMapping element;

    ListMapping(TypeMapping element) {
      this.element = element;
    }

    @Override
    public @Nullable Object toGeneric(@Nullable Object value, Path path, Limits limits, int depth) {
      if (value == null) {
        return null;
      }
      checkDepth(depth + 1, limits, path);
      List<?> list = (List<?>) value;
      List<@Nullable Object> out = new ArrayList<>(list.size());
      path.push();
      int i = 0;
      for (Object item : list) {
        path.index(i++);
        out.add(element.toGeneric(item, path, limits, depth + 1));
      }
      path.pop();
      return out;
    }

    @Override
    public @Nullable Object fromGeneric(@Nullable Object generic, Path path) {
      if (generic == null) {
        return null;
      }
      if (!(generic instanceof List<?> list)) {
        throw mismatch("an array (" + describe() + ")", generic, path);
      }
      List<@Nullable Object> out = new ArrayList<>(list.size());
      path.push();
      for (int i = 0; i < list.size(); i++) {
        path.index(i);
        out.add(element.fromGeneric(list.get(i), path));
      }
      path.pop();
      return Collections.unmodifiableList(out);
    }

    @Override
    public Object implicitDefault() {
      return List.of();
    }

    @Override
    public String describe() {
      return "List<" + element.describe() + ">";
    }
  }

  /** A {@code Map<K, V>} with scalar keys, as a map. */
  final class MapMapping implements TypeMapping {
    private final TypeMapping key;
    private final TypeMapping value;

    MapMapping(TypeMapping key, TypeMapping value) {
      this.key = key;
      this.value = value;
    }

    @Override
    public @Nullable Object toGeneric(@Nullable Object map, Path path, Limits limits, int depth) {
      if (map == null) {
        return null;
      }
      checkDepth(depth + 1, limits, path);
      Map<?, ?> entries = (Map<?, ?>) map;
      Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
      path.push();
      int i = 0;
      for (Map.Entry<?, ?> entry : entries.entrySet()) {
        path.key(i++);
        Object k = key.toGeneric(entry.getKey(), path, limits, depth + 1);
        path.value(k);
        out.put(k, value.toGeneric(entry.getValue(), path, limits, depth + 1));
      }
      path.pop();
      return out;
    }

    @Override
    public @Nullable Object fromGeneric(@Nullable Object generic, Path path) {
      if (generic == null) {
        return null;
      }
      if (!(generic instanceof Map<?, ?> entries)) {
        throw mismatch("a map (" + describe() + ")", generic, path);
      }
      Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
      path.push();
      int i = 0;
      for (Map.Entry<?, ?> entry : entries.entrySet()) {
        path.key(i++);
        Object k = key.fromGeneric(entry.getKey(), path);
        path.value(entry.getKey());
        out.put(k, value.fromGeneric(entry.getValue(), path));
      }
      path.pop();
      return Collections.unmodifiableMap(out);
    }

    @Override
    public Object implicitDefault() {
      return Map.of();
    }

    @Override
    public String describe() {
      return "Map<" + key.describe() + ", " + value.describe() + ">";
    }
  }

  /** An {@code Optional<E>}: empty is nil. */
  final class OptionalMapping implements TypeMapping {
    private final TypeMapping element;

    OptionalMapping(TypeMapping element) {
      this.element = element;
    }

    @Override
    public @Nullable Object toGeneric(@Nullable Object value, Path path, Limits limits, int depth) {
      if (value == null) {
        return null;
      }
      Optional<?> optional = (Optional<?>) value;
      return optional.isPresent() ? element.toGeneric(optional.get(), path, limits, depth) : null;
    }

    @Override
    public @Nullable Object fromGeneric(@Nullable Object generic, Path path) {
      if (generic == null) {
        return Optional.empty();
      }
      return Optional.ofNullable(element.fromGeneric(generic, path));
    }

    @Override
    public Object implicitDefault() {
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "Optional<" + element.describe() + ">";
    }
  }

  /**
   * A record, as a map from component name to value. Unknown names are ignored and missing ones
   * take their default, so that a record can gain and lose components between versions.
   */
  final class RecordMapping implements TypeMapping {
    private final Class<?> type;
    private Component[] components = new Component[0];
    private Map<String, Integer> indexByName = Map.of();
    private @Nullable Constructor<?> constructor;

    RecordMapping(Class<?> type) {
      this.type = type;
    }

    Class<?> type() {
      return type;
    }

    void resolve(Map<Class<?>, RecordMapping> records) {
      RecordComponent[] declared = type.getRecordComponents();
      Component[] resolved = new Component[declared.length];
      Class<?>[] parameterTypes = new Class<?>[declared.length];
      Map<String, Integer> names = new HashMap<>();
      for (int i = 0; i < declared.length; i++) {
        RecordComponent component = declared[i];
        String where = type.getName() + "." + component.getName();
        Method accessor = component.getAccessor();
        open(accessor, where);
        TypeMapping mapping = of(component.getGenericType(), records, where);
        resolved[i] = new Component(component.getName(), accessor, mapping, component.getType());
        parameterTypes[i] = component.getType();
        names.put(component.getName(), i);
      }
      try {
        Constructor<?> canonical = type.getDeclaredConstructor(parameterTypes);
        open(canonical, type.getName());
        this.constructor = canonical;
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
      }
      this.components = resolved;
      this.indexByName = Map.copyOf(names);
    }

    private static void open(AccessibleObject member, String where) {
      try {
        member.setAccessible(true);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            where + " is not accessible to MessagePackCodec; open its package to this module", e);
      }
    }

    /** Sets the value a missing {@code component} takes. */
    void defaultValue(String component, @Nullable Object value) {
      Integer index = indexByName.get(component);
      if (index == null) {
        throw new IllegalArgumentException(
            "%s has no component '%s'; it has %s"
                .formatted(type.getName(), component, indexByName.keySet()));
      }
      Component c = components[index];
      if (c.declaredDefault != NO_DEFAULT) {
        throw new IllegalStateException(
            "the default of " + type.getName() + "." + component + " was already set");
      }
      Class<?> boxed = box(c.javaType);
      if (value == null ? c.javaType.isPrimitive() : !boxed.isInstance(value)) {
        throw new IllegalArgumentException(
            "default %s for %s.%s is not a %s"
                .formatted(value, type.getName(), component, c.mapping.describe()));
      }
      components[index] = c.withDefault(value);
    }

    /**
     * The wrapper class of a primitive type ({@code Void} for {@code void}); other types as they
     * are.
     */
    private static Class<?> box(Class<?> c) {
      return MethodType.methodType(c).wrap().returnType();
    }

    @Override
    public @Nullable Object toGeneric(@Nullable Object value, Path path, Limits limits, int depth) {
      if (value == null) {
        return null;
      }
      checkDepth(depth + 1, limits, path);
      Map<@Nullable Object, @Nullable Object> out = new LinkedHashMap<>();
      path.push();
      for (Component component : components) {
        path.value(component.name);
        Object javaValue;
        try {
          javaValue = component.accessor.invoke(value);
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new UnencodableValueException(
              "could not read %s.%s at %s: %s"
                  .formatted(
                      type.getName(),
                      component.name,
                      path.render(),
                      (e instanceof InvocationTargetException ite ? ite.getCause() : e)),
              0,
              -1,
              e);
        }
        out.put(component.name, component.mapping.toGeneric(javaValue, path, limits, depth + 1));
      }
      path.pop();
      return out;
    }

    @Override
    public @Nullable Object fromGeneric(@Nullable Object generic, Path path) {
      if (generic == null) {
        return null;
      }
      if (!(generic instanceof Map<?, ?> entries)) {
        throw mismatch("a map (record " + type.getSimpleName() + ")", generic, path);
      }
      Object[] args = new Object[components.length];
      boolean[] seen = new boolean[components.length];
      path.push();
      for (Map.Entry<?, ?> entry : entries.entrySet()) {
        if (entry.getKey() instanceof String name) {
          Integer index = indexByName.get(name);
          if (index != null) {
            path.value(name);
            args[index] = components[index].mapping.fromGeneric(entry.getValue(), path);
            seen[index] = true;
          }
        }
      }
      for (int i = 0; i < components.length; i++) {
        if (!seen[i]) {
          args[i] = components[i].missing(type, path);
        }
      }
      path.pop();
      try {
        return Objects.requireNonNull(constructor).newInstance(args);
      } catch (InvocationTargetException e) {
        throw new CorruptPayloadException(
            type.getName() + " rejected the values read at " + path.render() + ": " + e.getCause(),
            0,
            -1,
            e.getCause());
      } catch (ReflectiveOperationException | IllegalArgumentException e) {
        throw new CorruptPayloadException(
            "could not create " + type.getName() + " at " + path.render() + ": " + e, 0, -1, e);
      }
    }

    @Override
    public String describe() {
      return type.getSimpleName();
    }

    private record Component(
        String name,
        Method accessor,
        TypeMapping mapping,
        Class<?> javaType,
        @Nullable Object declaredDefault) {
      Component(String name, Method accessor, TypeMapping mapping, Class<?> javaType) {
        this(name, accessor, mapping, javaType, NO_DEFAULT);
      }

      Component withDefault(@Nullable Object value) {
        return new Component(name, accessor, mapping, javaType, value);
      }

      @Nullable Object missing(Class<?> type, Path path) {
        if (declaredDefault != NO_DEFAULT) {
          return declaredDefault;
        }
        Object implicit = mapping.implicitDefault();
        if (implicit != NO_DEFAULT) {
          return implicit;
        }
        throw new CorruptPayloadException(
            """
            the map at %s has no entry '%s' for %s.%s, which has no default \
            (MessagePackCodec.Builder.defaultValue)"""
                .formatted(path.render(), name, type.getName(), name));
      }
    }
  }
}
