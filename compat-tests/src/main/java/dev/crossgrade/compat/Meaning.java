package dev.crossgrade.compat;

import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Whether a value read by one build means what another build wrote, compared across their class
 * loaders: user types field by field by name, enums by name, arrays and lists by content in order,
 * sets as sets, maps by entry, numbers by exact value (a float widened to a double is equal, a
 * {@code BigDecimal} read as a {@code Double} under {@code Object} or {@code Number} is a silent
 * coercion), and each value read checked against the type the reader declares, so an element that
 * erased generics let in is caught. A field the writer had and the reader lacks is dropped, one the
 * reader has alone is defaulted (both listed); but when a dropped field held a value and a new
 * field of a compatible type came up empty, it is a rename without a declared alias, and a failure.
 *
 * <p>Over 500 lines, on purpose: one comparison per kind of value, and the rename rule that needs
 * them all.
 */
final class Meaning {
  private static final String JSON_ALIAS = "com.fasterxml.jackson.annotation.JsonAlias";
  private static final String JSON_PROPERTY = "com.fasterxml.jackson.annotation.JsonProperty";

  private final Map<String, String> renames;
  private final Set<String> removals;
  private final Set<String> dropped = new TreeSet<>();
  private final Set<String> defaulted = new TreeSet<>();

  Meaning(Map<String, String> renames, Set<String> removals) {
    this.renames = Map.copyOf(renames);
    this.removals = Set.copyOf(removals);
  }

  /** Fields seen dropped (the writer's, which the reader lacks), as {@code Type.field}. */
  Set<String> dropped() {
    return dropped;
  }

  /** Fields seen defaulted (the reader's, which the writer lacked), as {@code Type.field}. */
  Set<String> defaulted() {
    return defaulted;
  }

  /** Where a value is, such as {@code $.items[2].city}; rendered only when a failure says so. */
  private record Path(Object parent, @Nullable String field, int index, @Nullable Object key) {
    static Path field(Object parent, String name) {
      return new Path(parent, name, -1, null);
    }

    static Path index(Object parent, int index) {
      return new Path(parent, null, index, null);
    }

    static Path key(Object parent, @Nullable Object key) {
      return new Path(parent, null, -1, key);
    }

    @Override
    public String toString() {
      if (field != null) {
        return parent + "." + field;
      }
      return parent + "[" + (index >= 0 ? String.valueOf(index) : ObjectRender.value(key)) + "]";
    }
  }

  /** Null when {@code read} means {@code written}; else where and how they differ. */
  @Nullable String difference(@Nullable Object written, @Nullable Object read, Type readerType) {
    return diff("$", written, read, readerType);
  }

  private @Nullable String diff(
      Object path, @Nullable Object e, @Nullable Object r, Type declared) {
    e = unwrap(e);
    if (Reflection.raw(declared) == Optional.class) {
      declared = Reflection.argument(declared, 0);
    } else if (r instanceof OptionalInt
        || r instanceof OptionalLong
        || r instanceof OptionalDouble) {
      declared = Object.class;
    }
    r = unwrap(r);
    if (e == null || r == null) {
      return e == r ? null : mismatch(path, e, r);
    }
    Class<?> want = Reflection.box(Reflection.raw(declared));
    if (!(declared instanceof TypeVariable<?>) && !want.isInstance(r)) {
      return """
          %s holds a %s (%s) where the reader declares %s: erased generics let a value of the \
          wrong type through"""
          .formatted(path, r.getClass().getName(), ObjectRender.value(r), declared.getTypeName());
    }
    if (isNumber(e) && isNumber(r)) {
      return numbers(path, e, r, declared);
    }
    if (e instanceof Enum<?> || r instanceof Enum<?>) {
      String en = e instanceof Enum<?> x ? x.name() : e instanceof String s ? s : null;
      String rn = r instanceof Enum<?> x ? x.name() : r instanceof String s ? s : null;
      return en != null && en.equals(rn) ? null : mismatch(path, e, r);
    }
    List<Object> es = elements(e);
    List<Object> rs = elements(r);
    if (es != null && rs != null) {
      return containers(path, e, r, es, rs, declared);
    }
    if (e instanceof Map<?, ?> em && r instanceof Map<?, ?> rm) {
      return maps(path, em, rm, declared);
    }
    boolean eUser = Reflection.isUserType(e.getClass());
    boolean rUser = Reflection.isUserType(r.getClass());
    if (eUser && rUser) {
      return struct(path, e, r, declared);
    }
    if (!eUser && !rUser && e.getClass() == r.getClass() && e.equals(r)) {
      return null;
    }
    return mismatch(path, e, r);
  }

  private static @Nullable Object unwrap(@Nullable Object v) {
    if (v instanceof Optional<?> o) {
      return o.orElse(null);
    }
    if (v instanceof OptionalInt o) {
      return o.isPresent() ? o.getAsInt() : null;
    }
    if (v instanceof OptionalLong o) {
      return o.isPresent() ? o.getAsLong() : null;
    }
    if (v instanceof OptionalDouble o) {
      return o.isPresent() ? o.getAsDouble() : null;
    }
    return v;
  }

  private static boolean isNumber(Object v) {
    return v instanceof Number;
  }

  private static BigDecimal exact(Number n) {
    if (n instanceof BigDecimal b) {
      return b;
    }
    if (n instanceof BigInteger b) {
      return new BigDecimal(b);
    }
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? new BigDecimal(d) : BigDecimal.ZERO;
    }
    return BigDecimal.valueOf(n.longValue());
  }

  private @Nullable String numbers(Object path, Object e, Object r, Type declared) {
    if (!sameNumber((Number) e, (Number) r)) {
      return mismatch(path, e, r);
    }
    Class<?> want = Reflection.box(Reflection.raw(declared));
    boolean binary = r instanceof Double || r instanceof Float;
    if (e instanceof BigDecimal && binary && want != Double.class && want != Float.class) {
      return coercion(path, e, r, declared);
    }
    return null;
  }

  /**
   * Whether the number read still holds the number written: the written one can be recovered from
   * it exactly. A float read as a double is the float it widens from (or rounds to), a double read
   * as a decimal is the double that decimal denotes, a decimal read as a double is the decimal that
   * double prints; NaN equals NaN.
   */
  static boolean sameNumber(Number e, Number r) {
    if (!finite(e) || !finite(r)) {
      return Double.compare(e.doubleValue(), r.doubleValue()) == 0;
    }
    if (e instanceof Float f) {
      return r.floatValue() == f && sameOrder(e, r);
    }
    if (e instanceof Double d) {
      if (r instanceof Float rf) {
        return (double) rf == d || Double.parseDouble(Float.toString(rf)) == d;
      }
      return r.doubleValue() == d && sameOrder(e, r);
    }
    BigDecimal written = exact(e);
    BigDecimal read = exact(r);
    if (read.compareTo(written) == 0) {
      return true;
    }
    if (r instanceof Double || r instanceof Float) {
      return new BigDecimal(r.toString()).compareTo(written) == 0;
    }
    return false;
  }

  /** Guards the rounding comparisons against a read value far off in magnitude (a BigInteger). */
  private static boolean sameOrder(Number e, Number r) {
    return !(r instanceof BigInteger) || exact(r).compareTo(exact(e)) == 0;
  }

  private static boolean finite(Number n) {
    return !(n instanceof Double d && !Double.isFinite(d))
        && !(n instanceof Float f && !Float.isFinite(f));
  }

  private static @Nullable List<Object> elements(Object v) {
    if (v instanceof Collection<?> c) {
      return new ArrayList<>(c);
    }
    if (v.getClass().isArray()) {
      int n = Array.getLength(v);
      List<Object> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(Array.get(v, i));
      }
      return out;
    }
    return null;
  }

  private @Nullable String containers(
      Object path, Object e, Object r, List<Object> es, List<Object> rs, Type declared) {
    Class<?> raw = Reflection.raw(declared);
    Type element =
        raw.isArray() ? Reflection.component(declared) : Reflection.argument(declared, 0);
    boolean eSet = e instanceof Set;
    boolean rSet = r instanceof Set;
    if (eSet && !rSet && !List.class.isAssignableFrom(raw) && !raw.isArray()) {
      return coercion(path, e, r, declared);
    }
    if (eSet || rSet) {
      for (Object x : es) {
        if (find(path, x, rs, element) < 0) {
          return "%s lost the element %s: read back as %s, expected %s"
              .formatted(path, ObjectRender.value(x), ObjectRender.value(r), ObjectRender.value(e));
        }
      }
      for (Object y : rs) {
        boolean known = false;
        for (Object x : es) {
          if (diff(path, x, y, element) == null) {
            known = true;
            break;
          }
        }
        if (!known) {
          return "%s gained the element %s: read back as %s, expected %s"
              .formatted(path, ObjectRender.value(y), ObjectRender.value(r), ObjectRender.value(e));
        }
      }
      return null;
    }
    if (es.size() != rs.size()) {
      return "%s has %s elements, expected %s: read back as %s, expected %s"
          .formatted(path, rs.size(), es.size(), ObjectRender.value(r), ObjectRender.value(e));
    }
    for (int i = 0; i < es.size(); i++) {
      String d = diff(Path.index(path, i), es.get(i), rs.get(i), element);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private int find(Object path, @Nullable Object x, List<Object> in, Type element) {
    for (int i = 0; i < in.size(); i++) {
      if (diff(path, x, in.get(i), element) == null) {
        return i;
      }
    }
    return -1;
  }

  private @Nullable String maps(Object path, Map<?, ?> e, Map<?, ?> r, Type declared) {
    Type keyType = Reflection.argument(declared, 0);
    Type valueType = Reflection.argument(declared, 1);
    List<Object> readKeys = new ArrayList<>(r.keySet());
    for (Map.Entry<?, ?> entry : e.entrySet()) {
      Object key = entry.getKey();
      Object child = Path.key(path, key);
      Object match = null;
      boolean found = false;
      if (key != null && r.containsKey(key)) {
        match = key;
        found = true;
      } else {
        int at = find(child, key, readKeys, keyType);
        if (at >= 0) {
          match = readKeys.get(at);
          found = true;
        }
      }
      if (!found) {
        return "%s is missing: read back as %s, expected %s"
            .formatted(child, ObjectRender.value(r), ObjectRender.value(e));
      }
      if (match != null && !keyType.equals(Object.class)) {
        Class<?> want = Reflection.box(Reflection.raw(keyType));
        if (!(keyType instanceof TypeVariable<?>) && !want.isInstance(match)) {
          return "%s has a key of type %s where the reader declares %s"
              .formatted(child, match.getClass().getName(), keyType.getTypeName());
        }
      }
      String d = diff(child, entry.getValue(), r.get(match), valueType);
      if (d != null) {
        return d;
      }
    }
    if (r.size() != e.size()) {
      return "%s has %s entries, expected %s: read back as %s, expected %s"
          .formatted(path, r.size(), e.size(), ObjectRender.value(r), ObjectRender.value(e));
    }
    return null;
  }

  /** How a reader class's fields are found: by name and by the aliases they declare. */
  private record ReaderPlan(
      List<Reflection.Member> members,
      Map<String, Reflection.Member> byName,
      Map<String, String> aliases) {}

  private static final Map<Class<?>, ReaderPlan> PLANS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static ReaderPlan plan(Class<?> reader) {
    return PLANS.computeIfAbsent(
        reader,
        type -> {
          List<Reflection.Member> members = Reflection.members(type);
          Map<String, Reflection.Member> byName = new LinkedHashMap<>();
          Map<String, String> aliases = new LinkedHashMap<>();
          for (Reflection.Member m : members) {
            byName.put(m.name(), m);
            for (String alias : aliases(m)) {
              aliases.putIfAbsent(alias, m.name());
            }
          }
          return new ReaderPlan(members, Map.copyOf(byName), Map.copyOf(aliases));
        });
  }

  private @Nullable String struct(Object path, Object e, Object r, Type declared) {
    List<Reflection.Member> written = Reflection.members(e.getClass());
    ReaderPlan plan = plan(r.getClass());
    List<Reflection.Member> reader = plan.members();
    Map<TypeVariable<?>, Type> bindings =
        r.getClass().getTypeParameters().length == 0
                && !(r.getClass().getGenericSuperclass()
                    instanceof java.lang.reflect.ParameterizedType)
            ? Map.of()
            : Reflection.bindings(
                r.getClass(), r.getClass() == Reflection.raw(declared) ? declared : null);
    Map<String, Reflection.Member> byName = plan.byName();
    Map<String, String> aliases = plan.aliases();
    List<Reflection.Member> unmatched = new ArrayList<>();
    Set<String> matched = new java.util.HashSet<>();
    for (Reflection.Member m : written) {
      Reflection.Member target = byName.get(m.name());
      String renamedTo = null;
      if (target == null) {
        renamedTo = renames.getOrDefault(m.name(), aliases.get(m.name()));
        target = renamedTo == null ? null : byName.get(renamedTo);
      }
      if (target == null || matched.contains(target.name())) {
        unmatched.add(m);
        continue;
      }
      matched.add(target.name());
      String d =
          diff(
              Path.field(path, target.name()),
              m.get(e),
              target.get(r),
              bindings.isEmpty() ? target.type() : Reflection.resolve(target.type(), bindings));
      if (d != null) {
        return renamedTo == null
            ? d
            : d + " (the rename of " + m.name() + " to " + renamedTo + " did not carry the value)";
      }
    }
    List<Reflection.Member> added = new ArrayList<>();
    for (Reflection.Member m : reader) {
      if (!matched.contains(m.name())) {
        added.add(m);
      }
    }
    for (Reflection.Member m : unmatched) {
      if (removals.contains(m.name())) {
        dropped.add(e.getClass().getSimpleName() + "." + m.name());
        continue;
      }
      Object value = m.get(e);
      Reflection.Member candidate = renameCandidate(m, added);
      if (candidate != null && !isEmpty(value)) {
        Object got = candidate.get(r);
        if (isEmpty(got)) {
          added.remove(candidate);
          return """
              %s: `%s` is dropped and `%s` gets %s (written %s): declare the rename, e.g. \
              @JsonAlias(\"%s\") on %s (and a reader that honours it in every codec), or a \
              removal (CachedType.Builder.rename or removal)"""
              .formatted(
                  path,
                  m.name(),
                  candidate.name(),
                  ObjectRender.value(got),
                  ObjectRender.value(value),
                  m.name(),
                  candidate.name());
        }
      }
      dropped.add(e.getClass().getSimpleName() + "." + m.name());
    }
    for (Reflection.Member m : added) {
      defaulted.add(r.getClass().getSimpleName() + "." + m.name());
    }
    return null;
  }

  private static List<String> aliases(Reflection.Member m) {
    List<String> out = new ArrayList<>();
    for (String type : List.of(JSON_ALIAS, JSON_PROPERTY)) {
      java.lang.annotation.Annotation a = m.annotation(type);
      if (a == null) {
        continue;
      }
      try {
        Object value = a.annotationType().getMethod("value").invoke(a);
        if (value instanceof String[] names) {
          out.addAll(List.of(names));
        } else if (value instanceof String name && !name.isEmpty()) {
          out.add(name);
        }
      } catch (ReflectiveOperationException ignored) {
        // not the annotation we know
      }
    }
    return out;
  }

  /** The added field most likely to be {@code m} renamed: a compatible type, the closest name. */
  private static Reflection.@Nullable Member renameCandidate(
      Reflection.Member m, List<Reflection.Member> added) {
    Reflection.Member best = null;
    int bestScore = -1;
    for (Reflection.Member a : added) {
      if (!compatible(Reflection.raw(m.type()), Reflection.raw(a.type()))) {
        continue;
      }
      int score =
          common(
              m.name().toLowerCase(java.util.Locale.ROOT),
              a.name().toLowerCase(java.util.Locale.ROOT));
      if (score > bestScore) {
        best = a;
        bestScore = score;
      }
    }
    return best;
  }

  private static int common(String a, String b) {
    int best = 0;
    for (int i = 0; i < a.length(); i++) {
      for (int j = 0; j < b.length(); j++) {
        int k = 0;
        while (i + k < a.length() && j + k < b.length() && a.charAt(i + k) == b.charAt(j + k)) {
          k++;
        }
        best = Math.max(best, k);
      }
    }
    return best;
  }

  private static boolean compatible(Class<?> a, Class<?> b) {
    Class<?> x = Reflection.box(a);
    Class<?> y = Reflection.box(b);
    if (x.getName().equals(y.getName())) {
      return true;
    }
    if (Number.class.isAssignableFrom(x) && Number.class.isAssignableFrom(y)) {
      return true;
    }
    boolean xText = x == String.class || x.isEnum() || x == Character.class;
    boolean yText = y == String.class || y.isEnum() || y == Character.class;
    if (xText && yText) {
      return true;
    }
    if ((Collection.class.isAssignableFrom(x) || x.isArray())
        && (Collection.class.isAssignableFrom(y) || y.isArray())) {
      return true;
    }
    if (Map.class.isAssignableFrom(x) && Map.class.isAssignableFrom(y)) {
      return true;
    }
    if (x == Optional.class || y == Optional.class) {
      return true;
    }
    return Reflection.isUserType(x) && Reflection.isUserType(y);
  }

  /** Null, zero, false, empty text, collection, map, array or Optional. */
  static boolean isEmpty(@Nullable Object v) {
    v = unwrap(v);
    if (v == null) {
      return true;
    }
    if (v instanceof Boolean b) {
      return !b;
    }
    if (v instanceof Number n) {
      return finite(n) && exact(n).signum() == 0;
    }
    if (v instanceof Character c) {
      return c == '\0';
    }
    if (v instanceof CharSequence s) {
      return s.length() == 0;
    }
    if (v instanceof Collection<?> c) {
      return c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return m.isEmpty();
    }
    if (v.getClass().isArray()) {
      return Array.getLength(v) == 0;
    }
    return false;
  }

  private static String coercion(Object path, Object e, Object r, Type declared) {
    return """
        %s was written as a %s and read back as a %s under the declared %s: a silent coercion (%s \
        became %s)"""
        .formatted(
            path,
            e.getClass().getName(),
            r.getClass().getName(),
            declared.getTypeName(),
            ObjectRender.value(e),
            ObjectRender.value(r));
  }

  private static String mismatch(Object path, @Nullable Object e, @Nullable Object r) {
    String read = ObjectRender.value(r);
    String expected = ObjectRender.value(e);
    if (read.equals(expected)
        || (e != null && r != null && !e.getClass().getName().equals(r.getClass().getName()))) {
      read = ObjectRender.typed(r);
      expected = ObjectRender.typed(e);
    }
    return path + " read back as " + read + ", expected " + expected;
  }
}
