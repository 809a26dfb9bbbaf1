package dev.crossgrade.compat;

import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The fields of a user type as the check sees them, across class loaders: a record's components or
 * a class's instance fields (its superclasses' first), with each field's type resolved against the
 * type arguments it was reached with.
 */
final class Reflection {
  private static final Map<Class<?>, List<Member>> MEMBERS = new ConcurrentHashMap<>();

  private Reflection() {}

  /** One field: its name, declared type and how to read it. */
  record Member(
      String name,
      Type type,
      Class<?> owner,
      @Nullable Field field,
      @Nullable RecordComponent component) {
    @Nullable Object get(Object object) {
      try {
        if (field != null) {
          return field.get(object);
        }
        return component.getAccessor().invoke(object);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + owner.getName() + "." + name, e);
      }
    }

    String qualified() {
      return owner.getName() + "." + name;
    }

    /** The annotation of this field (or component) whose type has this name, if any. */
    java.lang.annotation.@Nullable Annotation annotation(String typeName) {
      java.lang.reflect.AnnotatedElement element = component != null ? component : field;
      for (java.lang.annotation.Annotation a : element.getAnnotations()) {
        if (a.annotationType().getName().equals(typeName)) {
          return a;
        }
      }
      if (component != null && field != null) {
        for (java.lang.annotation.Annotation a : field.getAnnotations()) {
          if (a.annotationType().getName().equals(typeName)) {
            return a;
          }
        }
      }
      return null;
    }
  }

  /** Whether the check treats {@code type} as a user type compared field by field. */
  static boolean isUserType(Class<?> type) {
    if (type.isPrimitive() || type.isArray() || type.isEnum() || type.isInterface()) {
      return false;
    }
    if (type.isRecord()) {
      return true;
    }
    String name = type.getName();
    return !(name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("sun.")
        || name.startsWith("com.sun."));
  }

  /** The fields of a user type (unresolved), cached per class. */
  static List<Member> members(Class<?> type) {
    return MEMBERS.computeIfAbsent(type, Reflection::computeMembers);
  }

  private static List<Member> computeMembers(Class<?> type) {
    List<Member> out = new ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        Field field = null;
        try {
          field = type.getDeclaredField(c.getName());
          field.setAccessible(true);
        } catch (NoSuchFieldException | RuntimeException e) {
          c.getAccessor().setAccessible(true); // read through the accessor instead
          field = null;
        }
        out.add(new Member(c.getName(), c.getGenericType(), type, field, c));
      }
      return List.copyOf(out);
    }
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      chain.add(0, c);
    }
    Map<String, Member> byName = new LinkedHashMap<>();
    for (Class<?> c : chain) {
      for (Field f : c.getDeclaredFields()) {
        int modifiers = f.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || f.isSynthetic()) {
          continue;
        }
        f.setAccessible(true);
        byName.put(f.getName(), new Member(f.getName(), f.getGenericType(), c, f, null));
      }
    }
    return List.copyOf(byName.values());
  }

  /** The type variables of {@code type} and its superclasses bound by {@code reached}. */
  static Map<TypeVariable<?>, Type> bindings(Class<?> type, @Nullable Type reached) {
    Map<TypeVariable<?>, Type> bindings = new HashMap<>();
    if (reached instanceof ParameterizedType p) {
      TypeVariable<?>[] vars = type.getTypeParameters();
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < vars.length && i < args.length; i++) {
        bindings.put(vars[i], args[i]);
      }
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Type sup = c.getGenericSuperclass();
      if (sup instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
        TypeVariable<?>[] vars = raw.getTypeParameters();
        Type[] args = p.getActualTypeArguments();
        for (int i = 0; i < vars.length && i < args.length; i++) {
          bindings.put(vars[i], resolve(args[i], bindings));
        }
      }
    }
    return bindings;
  }

  /** {@code type} with the bound type variables replaced (one level deep is enough here). */
  static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
    if (type instanceof TypeVariable<?> v) {
      Type bound = bindings.get(v);
      if (bound != null && bound != type) {
        return bound;
      }
      Type[] bounds = v.getBounds();
      return bounds.length == 0 ? Object.class : bounds[0];
    }
    if (type instanceof WildcardType w) {
      return resolve(w.getUpperBounds()[0], bindings);
    }
    if (type instanceof ParameterizedType p && !bindings.isEmpty()) {
      Type[] args = p.getActualTypeArguments();
      Type[] resolved = new Type[args.length];
      boolean changed = false;
      for (int i = 0; i < args.length; i++) {
        resolved[i] = resolve(args[i], bindings);
        changed |= resolved[i] != args[i];
      }
      return changed ? new Parameterized((Class<?>) p.getRawType(), resolved) : p;
    }
    if (type instanceof GenericArrayType g) {
      Type component = resolve(g.getGenericComponentType(), bindings);
      if (component instanceof Class<?> c) {
        return c.arrayType();
      }
      return new GenericArray(component);
    }
    return type;
  }

  /** The raw class of {@code type}. */
  static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof GenericArrayType g) {
      return raw(g.getGenericComponentType()).arrayType();
    }
    if (type instanceof WildcardType w) {
      return raw(w.getUpperBounds()[0]);
    }
    if (type instanceof TypeVariable<?> v) {
      Type[] bounds = v.getBounds();
      return bounds.length == 0 ? Object.class : raw(bounds[0]);
    }
    return Object.class;
  }

  /** The {@code index}th type argument of {@code type}, or Object when it has none. */
  static Type argument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      Type arg = p.getActualTypeArguments()[index];
      return arg instanceof WildcardType w ? w.getUpperBounds()[0] : arg;
    }
    return Object.class;
  }

  /** The element type of an array or generic array type. */
  static Type component(Type type) {
    if (type instanceof GenericArrayType g) {
      return g.getGenericComponentType();
    }
    Class<?> c = raw(type).getComponentType();
    return c == null ? Object.class : c;
  }

  /** The value a field of {@code type} starts with: zero, false or {@code '\0'}, else null. */
  static @Nullable Object zero(Class<?> type) {
    return type.isPrimitive() && type != void.class
        ? Array.get(Array.newInstance(type, 1), 0)
        : null;
  }

  /**
   * The wrapper class of a primitive type ({@code Void} for {@code void}); other types as they are.
   */
  static Class<?> box(Class<?> c) {
    return MethodType.methodType(c).wrap().returnType();
  }

  /** A parameterized type made here, after resolving type variables. */
  record Parameterized(Class<?> rawType, Type[] arguments) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return arguments.clone();
    }

    @Override
    public Type getRawType() {
      return rawType;
    }

    @Override
    public @Nullable Type getOwnerType() {
      return null;
    }

    @Override
    public String getTypeName() {
      StringBuilder s = new StringBuilder(rawType.getTypeName()).append('<');
      for (int i = 0; i < arguments.length; i++) {
        s.append(i == 0 ? "" : ", ").append(arguments[i].getTypeName());
      }
      return s.append('>').toString();
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof ParameterizedType p
          && p.getRawType().equals(rawType)
          && java.util.Arrays.equals(p.getActualTypeArguments(), arguments)
          && p.getOwnerType() == null;
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(arguments) ^ rawType.hashCode();
    }

    @Override
    public String toString() {
      return getTypeName();
    }
  }

  /** A generic array type made here. */
  record GenericArray(Type component) implements GenericArrayType {
    @Override
    public Type getGenericComponentType() {
      return component;
    }

    @Override
    public String toString() {
      return component.getTypeName() + "[]";
    }
  }
}
