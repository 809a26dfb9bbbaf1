package dev.crossgrade.compat;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Generates values of a user's cached type in the class loader of its build, by reflection: records
 * through their canonical constructor (values its invariants reject are drawn again without nulls),
 * classes field by field (superclasses' fields too), nested user types to a bounded depth, enums,
 * collections, maps and arrays of the resolved element types, {@code Optional}, boxed numbers with
 * nulls, {@code java.time}, {@code Date}, {@code BigDecimal} of varied scale, {@code BigInteger}
 * and {@code UUID}. A type it cannot generate fails {@link #compile} with a {@link
 * NotGenerableException} that names the field and the fix.
 *
 * <p>Over 500 lines, on purpose: one generator per kind of Java type, compiled into one tree per
 * user type, read best side by side.
 */
final class ObjectValues {
  /** Structs nested deeper than this get null (or empty collections) where they may. */
  static final int MAX_DEPTH = 3;

  private static final int NULL_PERCENT = 12;

  /** Draws one value; {@code nulls} false asks for no null anywhere it can be avoided. */
  interface Gen {
    @Nullable Object next(Random random, int depth, boolean nulls);
  }

  /** Why a type cannot be generated: which field, and what to do. */
  static final class NotGenerableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotGenerableException(String message) {
      super(message);
    }
  }

  private final Map<String, Function<Random, ?>> given;
  private final Map<Type, Gen> structs = new HashMap<>();

  /**
   * @param given generators by type name ({@code com.acme.Money}) or field ({@code
   *     com.acme.Order.total}), used instead of the built-in ones
   */
  ObjectValues(Map<String, Function<Random, ?>> given) {
    this.given = Map.copyOf(given);
  }

  /** {@code count} values of {@code type}; values its own invariants keep rejecting are skipped. */
  List<Object> sample(Class<?> type, int count, long seed) {
    Gen gen = compile(type, Map.of(), type.getName());
    Random random = new Random(seed);
    List<Object> values = new ArrayList<>(count);
    int attempts = 0;
    while (values.size() < count && attempts < count * 4L + 100) {
      attempts++;
      Object value = gen.next(random, 0, values.size() % 5 != 0 || attempts > count * 2L);
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  /** The generator of {@code type}; throws {@link NotGenerableException} if there can be none. */
  Gen compile(Type type, Map<TypeVariable<?>, Type> bindings, String where) {
    Type resolved = Reflection.resolve(type, bindings);
    Class<?> raw = Reflection.raw(resolved);
    Function<Random, ?> byType = given.get(raw.getName());
    if (byType != null) {
      return (random, depth, nulls) -> byType.apply(random);
    }
    if (raw.isPrimitive()) {
      return primitive(raw);
    }
    Gen plain = plain(raw, resolved, where);
    if (plain != null) {
      return nullable(plain);
    }
    if (raw.isArray()) {
      Gen element = compile(Reflection.component(resolved), bindings, where + "[]");
      Class<?> componentType = raw.getComponentType();
      return nullable(
          (random, depth, nulls) -> {
            int size =
                depth >= MAX_DEPTH ? 0 : random.nextInt(componentType == byte.class ? 17 : 5);
            Object array = java.lang.reflect.Array.newInstance(componentType, size);
            for (int i = 0; i < size; i++) {
              Object e = element.next(random, depth + 1, nulls);
              if (e == null && componentType.isPrimitive()) {
                continue;
              }
              java.lang.reflect.Array.set(array, i, e);
            }
            return array;
          });
    }
    if (raw == Optional.class) {
      Gen element = compile(Reflection.argument(resolved, 0), bindings, where + "<>");
      return nullable(
          (random, depth, nulls) -> {
            if (random.nextInt(4) == 0) {
              return Optional.empty();
            }
            return Optional.ofNullable(element.next(random, depth + 1, false));
          });
    }
    if (Collection.class.isAssignableFrom(raw) || raw == Iterable.class) {
      return nullable(collection(raw, resolved, bindings, where));
    }
    if (Map.class.isAssignableFrom(raw)) {
      return nullable(map(raw, resolved, bindings, where));
    }
    if (raw == Object.class || raw == java.io.Serializable.class) {
      return nullable((random, depth, nulls) -> scalar(random));
    }
    if (raw == Number.class) {
      return nullable(
          (random, depth, nulls) ->
              switch (random.nextInt(3)) {
                case 0 -> random.nextInt(1000) - 500;
                case 1 -> random.nextLong();
                default -> (double) (random.nextInt(100_000) - 50_000) / 8;
              });
    }
    if (raw.isEnum()) {
      Object[] constants = raw.getEnumConstants();
      if (constants.length == 0) {
        return (random, depth, nulls) -> null;
      }
      return nullable((random, depth, nulls) -> constants[random.nextInt(constants.length)]);
    }
    if (Reflection.isUserType(raw) && !Modifier.isAbstract(raw.getModifiers())) {
      return nullable(struct(raw, resolved, where));
    }
    if (raw.isSealed()) {
      List<Gen> cases = new ArrayList<>();
      for (Class<?> sub : raw.getPermittedSubclasses()) {
        cases.add(compile(sub, Map.of(), where));
      }
      return (random, depth, nulls) ->
          cases.get(random.nextInt(cases.size())).next(random, depth, nulls);
    }
    throw new NotGenerableException(
        where
            + " has type "
            + resolved.getTypeName()
            + (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())
                ? ", an interface or abstract class with no permitted subclasses to pick from"
                : ", which the check does not generate")
            + ": give a generator for "
            + raw.getName()
            + " or for the field (UserJarMatrix.Builder.generator, or CachedType.Builder.generator"
            + " in a CachedTypesProvider)");
  }

  private Gen nullable(Gen gen) {
    return (random, depth, nulls) ->
        nulls && random.nextInt(100) < NULL_PERCENT ? null : gen.next(random, depth, nulls);
  }

  private Gen struct(Class<?> raw, Type resolved, String where) {
    Gen known = structs.get(resolved);
    if (known != null) {
      return known;
    }
    Gen[] slot = new Gen[1];
    Gen lazy = (random, depth, nulls) -> slot[0].next(random, depth, nulls);
    structs.put(resolved, lazy);
    Map<TypeVariable<?>, Type> bindings = Reflection.bindings(raw, resolved);
    List<Reflection.Member> members = Reflection.members(raw);
    Gen[] fields = new Gen[members.size()];
    for (int i = 0; i < fields.length; i++) {
      Reflection.Member m = members.get(i);
      Function<Random, ?> byField = given.get(m.qualified());
      if (byField == null) {
        byField = given.get(raw.getName() + "." + m.name());
      }
      if (byField != null) {
        Function<Random, ?> f = byField;
        fields[i] = (random, depth, nulls) -> f.apply(random);
      } else {
        fields[i] = compile(m.type(), bindings, raw.getSimpleName() + "." + m.name());
      }
    }
    Class<?>[] types = new Class<?>[members.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = members.get(i).component() != null ? members.get(i).component().getType() : null;
    }
    Constructor<?> canonical = null;
    Constructor<?> noArg = null;
    if (raw.isRecord()) {
      try {
        canonical = raw.getDeclaredConstructor(types);
        canonical.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new NotGenerableException(raw.getName() + " has no canonical constructor");
      }
    } else {
      try {
        noArg = raw.getDeclaredConstructor();
        noArg.setAccessible(true);
      } catch (NoSuchMethodException e) {
        noArg = null; // created without a constructor below
      }
    }
    Constructor<?> record = canonical;
    Constructor<?> plain = noArg;
    slot[0] =
        (random, depth, nulls) -> {
          if (depth > MAX_DEPTH + 4) {
            return null;
          }
          boolean deep = depth >= MAX_DEPTH;
          for (int attempt = 0; attempt < 4; attempt++) {
            boolean withNulls = nulls && attempt < 2 && !deep;
            Object[] args = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
              args[i] = fields[i].next(random, depth + 1, withNulls || (deep && attempt == 0));
              if (args[i] == null
                  && members.get(i).component() != null
                  && members.get(i).component().getType().isPrimitive()) {
                args[i] = Reflection.zero(members.get(i).component().getType());
              }
            }
            try {
              if (record != null) {
                return record.newInstance(args);
              }
              Object object = plain != null ? plain.newInstance() : Instantiate.without(raw);
              for (int i = 0; i < fields.length; i++) {
                var field = members.get(i).field();
                if (args[i] == null && field.getType().isPrimitive()) {
                  continue;
                }
                field.set(object, args[i]);
              }
              return object;
            } catch (InvocationTargetException | IllegalArgumentException e) {
              // the type's own invariant refused these values: draw again, without nulls
            } catch (ReflectiveOperationException e) {
              throw new NotGenerableException(
                  "cannot create " + raw.getName() + " at " + where + ": " + e);
            }
          }
          return null;
        };
    return lazy;
  }

  private Gen collection(
      Class<?> raw, Type resolved, Map<TypeVariable<?>, Type> bindings, String where) {
    if (raw == EnumSet.class) {
      Class<?> element = Reflection.raw(Reflection.argument(resolved, 0));
      if (!element.isEnum()) {
        throw new NotGenerableException(where + " is an EnumSet without its enum type");
      }
      return (random, depth, nulls) -> enumSet(element, random);
    }
    Type elementType = Reflection.argument(resolved, 0);
    if (!(resolved instanceof java.lang.reflect.ParameterizedType)) {
      elementType = String.class; // a raw collection: strings are what every codec carries
    }
    boolean sorted = SortedSet.class.isAssignableFrom(raw);
    Gen element = compile(elementType, bindings, where + "[]");
    Function<Integer, Collection<Object>> factory = collectionFactory(raw, where);
    return (random, depth, nulls) -> {
      int size = depth >= MAX_DEPTH ? 0 : random.nextInt(5);
      Collection<Object> out = factory.apply(size);
      for (int i = 0; i < size; i++) {
        Object e = element.next(random, depth + 1, nulls && !sorted && random.nextInt(3) == 0);
        if (e != null || !sorted) {
          try {
            out.add(e);
          } catch (RuntimeException refused) {
            // a sorted set of incomparable elements, or one that refuses null: leave it out
          }
        }
      }
      return out;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // EnumSet.noneOf needs the enum's own type
  private static Object enumSet(Class<?> element, Random random) {
    EnumSet set = EnumSet.noneOf((Class) element);
    for (Object c : element.getEnumConstants()) {
      if (random.nextBoolean()) {
        set.add(c);
      }
    }
    return set;
  }

  private static Function<Integer, Collection<Object>> collectionFactory(
      Class<?> raw, String where) {
    if (raw.isAssignableFrom(ArrayList.class)) {
      return ArrayList::new;
    }
    if (raw.isAssignableFrom(LinkedHashSet.class)) {
      return LinkedHashSet::new;
    }
    if (raw.isAssignableFrom(TreeSet.class)) {
      return size -> new TreeSet<>();
    }
    if (raw.isAssignableFrom(ArrayDeque.class)) {
      return ArrayDeque::new;
    }
    if (raw == LinkedList.class) {
      return size -> new LinkedList<>();
    }
    if (raw == HashSet.class) {
      return HashSet::new;
    }
    if (!Modifier.isAbstract(raw.getModifiers())) {
      try {
        Constructor<?> c = raw.getDeclaredConstructor();
        c.setAccessible(true);
        return size -> {
          try {
            @SuppressWarnings("unchecked")
            Collection<Object> created = (Collection<Object>) c.newInstance();
            return created;
          } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
          }
        };
      } catch (NoSuchMethodException | RuntimeException e) {
        // fall through
      }
    }
    throw new NotGenerableException(
        "%s is a %s, a collection the check cannot create: give a generator for the field"
            .formatted(where, raw.getName()));
  }

  private Gen map(Class<?> raw, Type resolved, Map<TypeVariable<?>, Type> bindings, String where) {
    Type keyType =
        resolved instanceof java.lang.reflect.ParameterizedType
            ? Reflection.argument(resolved, 0)
            : String.class;
    Type valueType =
        resolved instanceof java.lang.reflect.ParameterizedType
            ? Reflection.argument(resolved, 1)
            : String.class;
    Gen key = compile(keyType, bindings, where + "{key}");
    Gen value = compile(valueType, bindings, where + "{}");
    Class<?> keyClass = Reflection.raw(Reflection.resolve(keyType, bindings));
    Function<Integer, Map<Object, Object>> factory;
    if (raw == EnumMap.class) {
      if (!keyClass.isEnum()) {
        throw new NotGenerableException(where + " is an EnumMap without its enum type");
      }
      @SuppressWarnings({"unchecked", "rawtypes"})
      Function<Integer, Map<Object, Object>> enumMaps = size -> new EnumMap(keyClass);
      factory = enumMaps;
    } else if (raw.isAssignableFrom(LinkedHashMap.class)) {
      factory = LinkedHashMap::new;
    } else if (raw.isAssignableFrom(TreeMap.class) || SortedMap.class.isAssignableFrom(raw)) {
      factory = size -> new TreeMap<>();
    } else if (raw == HashMap.class) {
      factory = HashMap::new;
    } else {
      throw new NotGenerableException(
          where + " is a " + raw.getName() + ", a map the check cannot create: give a generator");
    }
    return (random, depth, nulls) -> {
      int size = depth >= MAX_DEPTH ? 0 : random.nextInt(4);
      Map<Object, Object> out = factory.apply(size);
      for (int i = 0; i < size; i++) {
        Object k = key.next(random, depth + 1, false);
        if (k == null) {
          continue;
        }
        try {
          out.put(k, value.next(random, depth + 1, nulls && random.nextInt(3) == 0));
        } catch (RuntimeException refused) {
          // an incomparable key of a sorted map: leave it out
        }
      }
      return out;
    };
  }

  private static Gen primitive(Class<?> raw) {
    Gen gen = plain(Reflection.box(raw), raw, raw.getName());
    return (random, depth, nulls) -> gen.next(random, depth, false);
  }

  /** Generators of JDK value types (boxed primitives included), or null for other types. */
  private static @Nullable Gen plain(Class<?> raw, Type resolved, String where) {
    if (raw == String.class || raw == CharSequence.class) {
      return (random, depth, nulls) -> string(random);
    }
    if (raw == Integer.class) {
      return (random, depth, nulls) -> (int) integral(random, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (raw == Long.class) {
      return (random, depth, nulls) -> integral(random, Long.MIN_VALUE, Long.MAX_VALUE);
    }
    if (raw == Short.class) {
      return (random, depth, nulls) -> (short) integral(random, Short.MIN_VALUE, Short.MAX_VALUE);
    }
    if (raw == Byte.class) {
      return (random, depth, nulls) -> (byte) integral(random, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }
    if (raw == Boolean.class) {
      return (random, depth, nulls) -> random.nextBoolean();
    }
    if (raw == Character.class) {
      return (random, depth, nulls) ->
          random.nextInt(4) == 0
              ? (char) (0xa0 + random.nextInt(0x700))
              : (char) ('a' + random.nextInt(26));
    }
    if (raw == Double.class) {
      return (random, depth, nulls) -> floating(random);
    }
    if (raw == Float.class) {
      return (random, depth, nulls) -> (float) floating(random);
    }
    if (raw == BigDecimal.class) {
      return (random, depth, nulls) -> decimal(random);
    }
    if (raw == BigInteger.class) {
      return (random, depth, nulls) ->
          random.nextInt(3) == 0
              ? new BigInteger(70 + random.nextInt(60), random).negate()
              : BigInteger.valueOf(integral(random, Long.MIN_VALUE, Long.MAX_VALUE));
    }
    if (raw == UUID.class) {
      return (random, depth, nulls) -> new UUID(random.nextLong(), random.nextLong());
    }
    if (raw == Date.class) {
      return (random, depth, nulls) -> new Date(epochMillis(random));
    }
    if (raw == Instant.class) {
      return (random, depth, nulls) -> instant(random);
    }
    if (raw == LocalDate.class) {
      return (random, depth, nulls) -> LocalDate.ofEpochDay(random.nextInt(80_000) - 20_000);
    }
    if (raw == LocalTime.class) {
      return (random, depth, nulls) -> LocalTime.ofNanoOfDay(nanoOfDay(random));
    }
    if (raw == LocalDateTime.class) {
      return (random, depth, nulls) -> LocalDateTime.ofInstant(instant(random), ZoneOffset.UTC);
    }
    if (raw == OffsetDateTime.class) {
      return (random, depth, nulls) -> OffsetDateTime.ofInstant(instant(random), offset(random));
    }
    if (raw == OffsetTime.class) {
      return (random, depth, nulls) ->
          OffsetTime.of(LocalTime.ofNanoOfDay(nanoOfDay(random)), offset(random));
    }
    if (raw == ZonedDateTime.class) {
      return (random, depth, nulls) -> ZonedDateTime.ofInstant(instant(random), zone(random));
    }
    if (raw == Duration.class) {
      return (random, depth, nulls) ->
          Duration.ofSeconds(random.nextInt(1_000_000) - 1000, random.nextInt(1_000_000_000));
    }
    if (raw == Period.class) {
      return (random, depth, nulls) ->
          Period.of(random.nextInt(40) - 5, random.nextInt(12), random.nextInt(31));
    }
    if (raw == Year.class) {
      return (random, depth, nulls) -> Year.of(1900 + random.nextInt(300));
    }
    if (raw == YearMonth.class) {
      return (random, depth, nulls) ->
          YearMonth.of(1900 + random.nextInt(300), 1 + random.nextInt(12));
    }
    if (raw == MonthDay.class) {
      return (random, depth, nulls) -> MonthDay.of(1 + random.nextInt(12), 1 + random.nextInt(28));
    }
    if (raw == ZoneOffset.class) {
      return (random, depth, nulls) -> offset(random);
    }
    if (raw == ZoneId.class) {
      return (random, depth, nulls) -> zone(random);
    }
    if (raw == OptionalInt.class) {
      return (random, depth, nulls) ->
          random.nextInt(4) == 0 ? OptionalInt.empty() : OptionalInt.of(random.nextInt());
    }
    if (raw == OptionalLong.class) {
      return (random, depth, nulls) ->
          random.nextInt(4) == 0 ? OptionalLong.empty() : OptionalLong.of(random.nextLong());
    }
    if (raw == OptionalDouble.class) {
      return (random, depth, nulls) ->
          random.nextInt(4) == 0 ? OptionalDouble.empty() : OptionalDouble.of(floating(random));
    }
    return null;
  }

  private static final String[] WORDS = {"", "a", "Ada", "x y", "naïve", "日本", "😀", "\"q\"", "0"};

  static String string(Random random) {
    int kind = random.nextInt(10);
    if (kind < 3) {
      return WORDS[random.nextInt(WORDS.length)];
    }
    int length = kind == 9 ? 20 + random.nextInt(40) : 1 + random.nextInt(10);
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int c = random.nextInt(20);
      if (c < 14) {
        s.append((char) ('a' + random.nextInt(26)));
      } else if (c < 16) {
        s.append((char) (' ' + random.nextInt(95)));
      } else if (c < 18) {
        s.append((char) (0xa0 + random.nextInt(0x2000)));
      } else if (c < 19) {
        s.appendCodePoint(0x1F300 + random.nextInt(0x300));
      } else {
        s.append((char) ('0' + random.nextInt(10)));
      }
    }
    return s.toString();
  }

  private static long integral(Random random, long min, long max) {
    return switch (random.nextInt(10)) {
      case 0 -> min;
      case 1 -> max;
      case 2, 3 -> 0;
      case 4, 5, 6 -> Math.max(min, Math.min(max, random.nextInt(201) - 100));
      default -> {
        long v = random.nextLong();
        yield min == Long.MIN_VALUE ? v : Math.floorMod(v, max - min + 1) + min;
      }
    };
  }

  private static double floating(Random random) {
    return switch (random.nextInt(8)) {
      case 0 -> 0.0;
      case 1 -> (random.nextInt(2001) - 1000) / 100.0;
      case 2 -> random.nextDouble() * 1e6 - 5e5;
      case 3 -> Math.scalb(random.nextDouble(), random.nextInt(200) - 100);
      case 4 -> -5.82;
      case 5 -> 0.1;
      default -> (random.nextInt(2_000_001) - 1_000_000) / 1000.0;
    };
  }

  private static BigDecimal decimal(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> new BigDecimal("1.005");
      case 1 -> BigDecimal.valueOf(random.nextInt(100_000) - 50_000, 2);
      case 2 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(12));
      case 3 -> new BigDecimal(new BigInteger(80, random), random.nextInt(20) - 4);
      case 4 -> BigDecimal.valueOf(random.nextInt(1000), 3);
      default -> BigDecimal.valueOf(random.nextInt(100_000) - 50_000, random.nextInt(5));
    };
  }

  private static long epochMillis(Random random) {
    return random.nextLong() % 4_000_000_000_000L;
  }

  private static Instant instant(Random random) {
    long seconds = random.nextLong() % 4_000_000_000L;
    return random.nextBoolean()
        ? Instant.ofEpochSecond(seconds)
        : Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
  }

  private static long nanoOfDay(Random random) {
    long nanos = Math.floorMod(random.nextLong(), 86_400_000_000_000L);
    return random.nextBoolean() ? nanos - nanos % 1_000_000_000L : nanos;
  }

  private static ZoneOffset offset(Random random) {
    return ZoneOffset.ofTotalSeconds((random.nextInt(49) - 24) * 1800);
  }

  private static final List<String> ZONES =
      List.of("UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata", "Australia/Sydney");

  private static ZoneId zone(Random random) {
    return ZoneId.of(ZONES.get(random.nextInt(ZONES.size())));
  }

  private static Object scalar(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> string(random);
      case 1 -> (long) random.nextInt(10_000);
      case 2 -> random.nextBoolean();
      default -> string(random);
    };
  }
}
