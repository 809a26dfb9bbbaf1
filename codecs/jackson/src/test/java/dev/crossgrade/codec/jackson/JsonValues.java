package dev.crossgrade.codec.jackson;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/** Generators of JSON values of the generic model, and a comparison that knows JSON numbers. */
final class JsonValues {
  /** Doubles that number formatters get wrong. */
  static final double[] TRAPS = {
    2e23,
    1e23,
    4.656612873077393E-10,
    5e-324,
    Double.MIN_NORMAL,
    Double.MAX_VALUE,
    -Double.MAX_VALUE,
    1e21,
    Math.nextDown(1e21),
    1e20,
    1e-7,
    Math.nextUp(1e-7),
    1e-6,
    Math.nextDown(1e-6),
    0.1 + 0.2,
    0x1p50 + 0.25,
    0x1p53,
    0x1p53 + 2,
    333333333.33333329,
    9007199254740993.0,
    1.5,
    -0.5,
    0.0
  };

  private JsonValues() {}

  /** Strings of any Unicode scalar values: controls, quotes, the BMP and beyond it. */
  static Arbitrary<String> unicodeStrings() {
    Arbitrary<Integer> codePoints =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.integers().between(0x20, 0x7e)),
            Tuple.of(1, Arbitraries.integers().between(0, 0x1f)),
            Tuple.of(1, Arbitraries.of(0x22, 0x5c, 0x2f, 0x7f, 0x80, 0xe9, 0x2028, 0xfeff, 0xffff)),
            Tuple.of(
                2,
                Arbitraries.integers()
                    .between(0x80, 0xffff)
                    .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)),
            Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
    return codePoints
        .list()
        .ofMaxSize(12)
        .map(
            list -> {
              StringBuilder text = new StringBuilder();
              list.forEach(text::appendCodePoint);
              return text.toString();
            });
  }

  /** Strings of any UTF-16 code units, lone surrogates included. */
  static Arbitrary<String> anyStrings() {
    return Arbitraries.oneOf(unicodeStrings(), Arbitraries.strings().all().ofMaxLength(8));
  }

  /** Every finite double: arbitrary bit patterns, traps, and short decimals. */
  static Arbitrary<Double> finiteDoubles() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            3, Arbitraries.longs().map(Double::longBitsToDouble).filter(d -> Double.isFinite(d))),
        Tuple.of(2, Arbitraries.integers().between(0, TRAPS.length - 1).map(i -> TRAPS[i])),
        Tuple.of(
            2,
            Combinators.combine(
                    Arbitraries.longs().between(-99_999, 99_999),
                    Arbitraries.integers().between(-330, 300))
                .as((digits, exponent) -> Double.parseDouble(digits + "e" + exponent))));
  }

  /**
   * Integers that RFC 8785 writes exactly: all of {@code ±2^53}, and larger ones whose shortest
   * double form denotes them exactly, such as 10^20.
   */
  static Arbitrary<Object> canonicalIntegers() {
    Arbitrary<Object> small = Arbitraries.longs().between(-(1L << 53), 1L << 53).map(Long::valueOf);
    Arbitrary<Object> large =
        Combinators.combine(
                Arbitraries.integers().between(1, 999), Arbitraries.integers().between(15, 22))
            .as((s, n) -> BigInteger.valueOf(s).multiply(BigInteger.TEN.pow(n)))
            .filter(JsonValues::isCanonicalInteger)
            .map(big -> big.bitLength() < 64 ? (Object) big.longValue() : big);
    return Arbitraries.frequencyOf(Tuple.of(5, small), Tuple.of(1, large));
  }

  static boolean isCanonicalInteger(BigInteger value) {
    double asDouble = value.doubleValue();
    return Double.isFinite(asDouble)
        && new BigDecimal(asDouble).compareTo(new BigDecimal(value)) == 0
        && new BigDecimal(CanonicalJson.formatNumber(asDouble)).compareTo(new BigDecimal(value))
            == 0;
  }

  /** Which numbers and strings a value may hold. */
  enum Flavor {
    /** What canonical JSON can write: finite doubles, exact integers, well-formed strings. */
    CANONICAL,
    /** What JSON can write: also any long or BigInteger and lone surrogates. */
    JSON
  }

  /** A value of the generic model; objects and arrays are never null at the top. */
  static Arbitrary<Object> values(Flavor flavor) {
    return Arbitraries.oneOf(containers(flavor, 3), scalars(flavor).filter(Objects::nonNull));
  }

  private static Arbitrary<@Nullable Object> scalars(Flavor flavor) {
    Arbitrary<Object> integers =
        flavor == Flavor.CANONICAL
            ? canonicalIntegers()
            : Arbitraries.oneOf(
                Arbitraries.longs().map(Long::valueOf),
                Arbitraries.bigIntegers()
                    .between(BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(200))
                    .map(big -> (Object) big),
                Arbitraries.bigIntegers()
                    .between(
                        BigInteger.ONE.shiftLeft(200).negate(),
                        BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE))
                    .map(big -> (Object) big));
    Arbitrary<Object> doubles = finiteDoubles().map(d -> (Object) d);
    if (flavor == Flavor.CANONICAL) {
      doubles = doubles.filter(d -> !d.equals(-0.0));
    }
    Arbitrary<Object> strings =
        (flavor == Flavor.CANONICAL ? unicodeStrings() : anyStrings()).map(s -> (Object) s);
    return Arbitraries.frequencyOf(
        Tuple.of(3, strings),
        Tuple.of(3, doubles),
        Tuple.of(3, integers),
        Tuple.of(1, Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(b -> (Object) b)),
        Tuple.of(1, Arbitraries.just(null)));
  }

  private static Arbitrary<Object> containers(Flavor flavor, int depth) {
    Arbitrary<@Nullable Object> element =
        depth <= 1
            ? scalars(flavor)
            : Arbitraries.frequencyOf(
                Tuple.of(4, scalars(flavor)),
                Tuple.of(1, Arbitraries.lazy(() -> containers(flavor, depth - 1))));
    Arbitrary<Object> lists = element.list().ofMaxSize(5).map(JsonValues::arrayList);
    Arbitrary<Object> maps =
        Combinators.combine(
                Arbitraries.maps(
                        flavor == Flavor.CANONICAL ? unicodeStrings() : anyStrings(), element)
                    .ofMaxSize(5),
                Arbitraries.of(MapKind.values()))
            .as((map, kind) -> kind.copy(map));
    return Arbitraries.oneOf(lists, maps);
  }

  private static Object arrayList(List<@Nullable Object> list) {
    return new ArrayList<>(list);
  }

  /** The kinds of map a caller may hand over; they iterate in different orders. */
  enum MapKind {
    LINKED,
    HASH,
    SORTED_REVERSED,
    IMMUTABLE;

    Object copy(Map<String, @Nullable Object> map) {
      return switch (this) {
        case LINKED -> new LinkedHashMap<>(map);
        case HASH -> new HashMap<>(map);
        case SORTED_REVERSED -> {
          TreeMap<String, @Nullable Object> sorted = new TreeMap<>(Collections.reverseOrder());
          sorted.putAll(map);
          yield sorted;
        }
        case IMMUTABLE ->
            map.containsValue(null)
                ? Collections.unmodifiableMap(new HashMap<>(map))
                : Map.copyOf(map);
      };
    }
  }

  /**
   * Whether two values are the same JSON value: maps equal as maps, lists element by element,
   * numbers by their exact value whatever their Java type (so 56, 56.0 and 56L are the same).
   */
  static boolean sameJsonValue(@Nullable Object a, @Nullable Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      return exact(x).compareTo(exact(y)) == 0;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (Map.Entry<?, ?> entry : x.entrySet()) {
        if (!sameJsonValue(entry.getValue(), y.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameJsonValue(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(a, b);
  }

  private static BigDecimal exact(Number number) {
    if (number instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (number instanceof Double || number instanceof Float) {
      return new BigDecimal(number.doubleValue());
    }
    return BigDecimal.valueOf(number.longValue());
  }
}
