package dev.crossgrade.compat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tuple;
import net.jqwik.engine.execution.lifecycle.CurrentTestDescriptor;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * The jqwik arbitraries of each {@link Domain}, with the known cross-runtime traps mixed in:
 * strings of 31, 32, 255 and 256 UTF-8 bytes (MessagePack's format boundaries), non-BMP characters
 * and lone surrogates, doubles whose shortest form differs between JDKs, {@code -0.0}, NaN, longs
 * above 2^53, maps built with {@code Map.of} and {@code HashMap}, empty and deeply nested
 * collections.
 *
 * <p>Values are drawn from jqwik's generators outside a jqwik property, inside a descriptor of our
 * own (jqwik's generators memoize in a store that needs one), with a seeded {@link Random} so that
 * a matrix run is repeatable. Shrinking is not jqwik's: see {@link Shrinker}.
 */
final class Values {
  static final List<Double> TRAP_DOUBLES =
      List.of(
          2e23,
          1e23,
          4.656612873077393E-10,
          -0.0,
          0.0,
          5e-324,
          Double.MAX_VALUE,
          Double.MIN_NORMAL,
          1e21,
          1e-7,
          9007199254740993.0,
          0.1,
          -1.5,
          123456789012345680.0);

  static final List<Long> TRAP_LONGS =
      List.of(
          (1L << 53) + 1,
          -(1L << 53) - 1,
          1L << 53,
          Long.MAX_VALUE,
          Long.MIN_VALUE,
          1L << 31,
          -(1L << 31) - 1,
          (1L << 32) + 1,
          0L,
          -1L,
          127L,
          128L,
          -33L);

  private static final EngineDescriptor DESCRIPTOR =
      new EngineDescriptor(UniqueId.forEngine("crossgrade-compat"), "crossgrade compat harness");

  private Values() {}

  /** Runs {@code action} where jqwik's generators work outside a property. */
  static <T> T inJqwik(Supplier<T> action) {
    return CurrentTestDescriptor.runWithDescriptor(DESCRIPTOR, action);
  }

  private static final int GEN_SIZE = 1000;

  /** {@code count} values of {@code arbitrary} drawn with {@code seed}. */
  static <T> List<T> sample(Arbitrary<T> arbitrary, int count, long seed) {
    return inJqwik(
        () -> {
          RandomGenerator<T> generator = arbitrary.generator(GEN_SIZE);
          Random random = new Random(seed);
          List<T> values = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            values.add(generator.next(random).value());
          }
          return values;
        });
  }

  /**
   * {@code count} values of {@code domain} drawn with {@code seed}. Leaves (strings, numbers,
   * booleans, byte arrays) come from jqwik generators made once; containers are assembled here from
   * the same {@link Random}, because jqwik's container arbitraries look up a memoized generator for
   * every element, which costs milliseconds per value for nested trees.
   */
  static List<Object> sample(Domain domain, int count, long seed) {
    return sample(domain, count, seed, Map.of());
  }

  /** As {@link #sample(Domain, int, long)}, with the given arbitraries for some struct fields. */
  static List<Object> sample(
      Domain domain, int count, long seed, Map<String, Arbitrary<?>> fieldArbitraries) {
    return inJqwik(
        () -> {
          Random random = new Random(seed);
          Sampler sampler = sampler(domain, fieldArbitraries);
          List<Object> values = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            values.add(sampler.next(random));
          }
          return values;
        });
  }

  /** Draws one value. */
  interface Sampler {
    Object next(Random random);
  }

  private static Sampler sampler(Domain domain, Map<String, Arbitrary<?>> fieldArbitraries) {
    if (domain.stringsOnly()) {
      return leaf(strings(domain));
    }
    Layout layout = domain.layout();
    if (layout != null) {
      return structSampler(layout, domain, fieldArbitraries);
    }
    return genericSampler(domain);
  }

  private static Sampler leaf(Arbitrary<?> arbitrary) {
    RandomGenerator<?> generator = arbitrary.generator(GEN_SIZE);
    return random -> generator.next(random).value();
  }

  private static Sampler genericSampler(Domain domain) {
    Sampler scalar = leaf(scalars(domain));
    Sampler shortKeys =
        leaf(Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6));
    Sampler anyKeys = leaf(strings(domain));
    List<MapKind> kinds =
        domain.mapOf() ? List.of(MapKind.values()) : List.of(MapKind.LINKED, MapKind.HASH);
    return new Sampler() {
      @Override
      public Object next(Random random) {
        int kind = random.nextInt(100);
        if (kind < 3) {
          return switch (random.nextInt(domain.mapOf() ? 3 : 2)) {
            case 0 -> new ArrayList<>();
            case 1 -> new LinkedHashMap<>();
            default -> Map.of();
          };
        }
        if (kind < 6) {
          return nest(tree(random, 1), 20 + random.nextInt(41));
        }
        return tree(random, random.nextInt(4));
      }

      private Object tree(Random random, int depth) {
        int kind = random.nextInt(8);
        if (depth == 0 || kind < 3) {
          return scalar.next(random);
        }
        int size = random.nextInt(7);
        if (kind < 5) {
          List<@Nullable Object> list = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            list.add(element(random, depth));
          }
          return list;
        }
        List<Map.Entry<String, @Nullable Object>> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < size; i++) {
          String key = (String) (random.nextInt(5) == 0 ? anyKeys : shortKeys).next(random);
          if (keys.add(key)) {
            entries.add(new AbstractMap.SimpleEntry<>(key, element(random, depth)));
          }
        }
        Map<String, @Nullable Object> map = kinds.get(random.nextInt(kinds.size())).build(entries);
        return map != null ? map : MapKind.HASH.build(entries);
      }

      private @Nullable Object element(Random random, int depth) {
        return random.nextInt(10) == 0 ? null : tree(random, depth - 1);
      }
    };
  }

  private static Sampler structSampler(
      Layout layout, Domain domain, Map<String, Arbitrary<?>> fieldArbitraries) {
    Arbitrary<String> strings = strings(domain);
    Sampler words = leaf(strings.list().ofMaxSize(5));
    Sampler shortKeys = leaf(Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(5));
    Sampler longs = leaf(longs());
    LinkedHashMap<String, Sampler> fields = new LinkedHashMap<>();
    for (Map.Entry<String, Layout.FieldKind> field : layout.fields().entrySet()) {
      Arbitrary<?> given = fieldArbitraries.get(field.getKey());
      if (given != null) {
        fields.put(field.getKey(), leaf(given));
        continue;
      }
      fields.put(
          field.getKey(),
          switch (field.getValue()) {
            case OTHER ->
                throw new IllegalArgumentException(
                    "no arbitrary for field " + field.getKey() + " of " + layout.type());
            case INT -> leaf(ints());
            case LONG -> longs;
            case DOUBLE -> leaf(doubles(domain.nonFinite()));
            case BOOLEAN -> leaf(Arbitraries.of(Boolean.TRUE, Boolean.FALSE));
            case STRING -> leaf(strings);
            case BYTES -> leaf(byteArrays());
            case STRING_LIST -> random -> new ArrayList<>((List<?>) words.next(random));
            case STRING_LONG_MAP ->
                random -> {
                  LinkedHashMap<String, Long> map = new LinkedHashMap<>();
                  int size = random.nextInt(5);
                  for (int i = 0; i < size; i++) {
                    map.putIfAbsent((String) shortKeys.next(random), (Long) longs.next(random));
                  }
                  return map;
                };
          });
    }
    return random -> {
      LinkedHashMap<String, @Nullable Object> values = new LinkedHashMap<>();
      fields.forEach((name, sampler) -> values.put(name, sampler.next(random)));
      return new Struct(layout.type(), values);
    };
  }

  static Arbitrary<String> strings(Domain domain) {
    Arbitrary<String> piece = piece(domain);
    Arbitrary<String> random = piece.list().ofMaxSize(24).map(Values::join);
    // Combinators, not flatMap: jqwik memoizes a generator per arbitrary, and flatMap would make
    // a new arbitrary (and a new memoized generator) for every value.
    Arbitrary<String> boundary =
        Combinators.combine(
                Arbitraries.of(31, 32, 255, 256),
                Arbitraries.of(true, false),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(256),
                piece.list().ofMaxSize(40))
            .as(
                (bytes, ascii, letters, pieces) ->
                    ascii ? letters.substring(0, bytes) : exactUtf8(join(pieces), bytes));
    Arbitrary<String> nonBmp =
        Arbitraries.integers()
            .between(0x10000, 0x10FFFF)
            .list()
            .ofMinSize(1)
            .ofMaxSize(4)
            .map(
                codePoints -> {
                  StringBuilder s = new StringBuilder();
                  codePoints.forEach(s::appendCodePoint);
                  return s.toString();
                });
    return Arbitraries.frequencyOf(
        Tuple.of(12, random),
        Tuple.of(3, boundary),
        Tuple.of(2, nonBmp),
        Tuple.of(1, Arbitraries.just("")));
  }

  /** One code point (or, where allowed, one lone surrogate) as a string. */
  private static Arbitrary<String> piece(Domain domain) {
    List<Tuple.Tuple2<Integer, Arbitrary<String>>> choices = new ArrayList<>();
    choices.add(Tuple.of(10, Arbitraries.chars().range('a', 'z').map(String::valueOf)));
    choices.add(Tuple.of(3, Arbitraries.chars().range(' ', '~').map(String::valueOf)));
    choices.add(Tuple.of(1, Arbitraries.chars().range('\0', '\u001f').map(String::valueOf)));
    choices.add(Tuple.of(2, Arbitraries.chars().range('\u00a0', '\u00ff').map(String::valueOf)));
    choices.add(Tuple.of(2, Arbitraries.chars().range('\u0100', '\ud7ff').map(String::valueOf)));
    choices.add(
        Tuple.of(
            1,
            Arbitraries.integers()
                .between(0x10000, 0x10FFFF)
                .map(cp -> new String(Character.toChars(cp)))));
    if (domain.loneSurrogates()) {
      choices.add(Tuple.of(1, Arbitraries.chars().range('\ud800', '\udfff').map(String::valueOf)));
    }
    @SuppressWarnings({"unchecked", "rawtypes"}) // frequencyOf takes a generic varargs array
    Arbitrary<String> piece = Arbitraries.frequencyOf(choices.toArray(new Tuple.Tuple2[0]));
    return piece;
  }

  private static String join(List<String> pieces) {
    return String.join("", pieces);
  }

  /** {@code s} cut or padded with 'a' to exactly {@code bytes} UTF-8 bytes. */
  static String exactUtf8(String s, int bytes) {
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int size = utf8Length(cp);
      if (used + size > bytes) {
        break;
      }
      out.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    while (used < bytes) {
      out.append('a');
      used++;
    }
    return out.toString();
  }

  static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }

  static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  // Full-range numbers and byte arrays come from Arbitraries.randomValue: jqwik's own long and
  // byte-array generators carry shrinking state this harness does not use and are ten times slower.
  static Arbitrary<Long> longs() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.randomValue(random -> (long) (random.nextInt(401) - 200))),
        Tuple.of(4, Arbitraries.randomValue(Random::nextLong)),
        Tuple.of(2, Arbitraries.of(TRAP_LONGS)));
  }

  static Arbitrary<Integer> ints() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.randomValue(random -> random.nextInt(401) - 200)),
        Tuple.of(4, Arbitraries.randomValue(Random::nextInt)),
        Tuple.of(1, Arbitraries.of(Integer.MAX_VALUE, Integer.MIN_VALUE, 0, -1)));
  }

  static Arbitrary<byte[]> byteArrays() {
    return Arbitraries.randomValue(
        random -> {
          byte[] bytes = new byte[random.nextInt(41)];
          random.nextBytes(bytes);
          return bytes;
        });
  }

  static Arbitrary<Double> doubles(boolean nonFinite) {
    Arbitrary<Double> bits =
        Arbitraries.randomValue(
            random -> {
              double d = Double.longBitsToDouble(random.nextLong());
              return Double.isFinite(d) ? d : 1.0 / 3;
            });
    List<Tuple.Tuple2<Integer, Arbitrary<Double>>> choices = new ArrayList<>();
    choices.add(Tuple.of(4, Arbitraries.doubles().between(-1e6, 1e6)));
    choices.add(Tuple.of(3, bits));
    choices.add(Tuple.of(3, Arbitraries.of(TRAP_DOUBLES)));
    choices.add(
        Tuple.of(
            2,
            Combinators.combine(
                    Arbitraries.randomValue(
                        random -> 1 + (random.nextLong() >>> 1) % 99_999_999_999_999_999L),
                    Arbitraries.integers().between(-30, 30))
                .as((mantissa, exponent) -> Double.parseDouble(mantissa + "e" + exponent))));
    if (nonFinite) {
      choices.add(
          Tuple.of(
              1, Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)));
    }
    @SuppressWarnings({"unchecked", "rawtypes"}) // frequencyOf takes a generic varargs array
    Arbitrary<Double> doubles = Arbitraries.frequencyOf(choices.toArray(new Tuple.Tuple2[0]));
    return doubles;
  }

  private static Arbitrary<Object> scalars(Domain domain) {
    List<Tuple.Tuple2<Integer, Arbitrary<Object>>> scalars = new ArrayList<>();
    scalars.add(Tuple.of(6, strings(domain).map(s -> (Object) s)));
    scalars.add(Tuple.of(4, longs().map(l -> (Object) l)));
    scalars.add(Tuple.of(4, doubles(domain.nonFinite()).map(d -> (Object) d)));
    scalars.add(Tuple.of(1, Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b)));
    if (domain.bytes()) {
      scalars.add(Tuple.of(1, byteArrays().map(b -> (Object) b)));
    }
    switch (domain.bigIntegers()) {
      case "uint64" ->
          scalars.add(
              Tuple.of(
                  1,
                  Arbitraries.bigIntegers()
                      .between(
                          BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), Domain.UINT64_MAX)
                      .map(b -> (Object) b)));
      case "any" ->
          scalars.add(
              Tuple.of(
                  1,
                  Arbitraries.bigIntegers()
                      .between(BigInteger.TEN.pow(40).negate(), BigInteger.TEN.pow(40))
                      .map(b -> (Object) b)));
      default -> {}
    }
    @SuppressWarnings({"unchecked", "rawtypes"}) // frequencyOf takes a generic varargs array
    Arbitrary<Object> scalar = Arbitraries.frequencyOf(scalars.toArray(new Tuple.Tuple2[0]));
    return scalar;
  }

  private static Object nest(Object leaf, int depth) {
    Object value = leaf;
    for (int i = 0; i < depth; i++) {
      if (i % 2 == 0) {
        List<@Nullable Object> list = new ArrayList<>();
        list.add(value);
        value = list;
      } else {
        LinkedHashMap<String, @Nullable Object> map = new LinkedHashMap<>();
        map.put("n", value);
        value = map;
      }
    }
    return value;
  }
}
