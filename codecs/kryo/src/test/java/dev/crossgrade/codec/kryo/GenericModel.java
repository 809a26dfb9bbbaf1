package dev.crossgrade.codec.kryo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/** Arbitrary values of the generic value model, and its equivalence (doubles bit for bit). */
final class GenericModel {
  private GenericModel() {}

  /** Strings with any chars, code points beyond the BMP, the empty string and long strings. */
  static Arbitrary<String> strings() {
    Arbitrary<String> beyondBmp =
        Arbitraries.integers()
            .between(0x10000, 0x10FFFF)
            .list()
            .ofMaxSize(8)
            .map(
                codePoints -> {
                  StringBuilder text = new StringBuilder();
                  codePoints.forEach(text::appendCodePoint);
                  return text.toString();
                });
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.strings().all().ofMaxLength(12)),
        Tuple.of(2, Arbitraries.strings().ascii().ofMaxLength(70)),
        Tuple.of(2, beyondBmp),
        Tuple.of(1, Arbitraries.just("")),
        Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofLength(3000)));
  }

  static Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(8),
        Arbitraries.strings().alpha().ofMaxLength(8),
        Arbitraries.of("\uD83D\uDE00", "\u00e9t\u00e9", ""));
  }

  static Arbitrary<Long> longs() {
    return Arbitraries.oneOf(
        Arbitraries.longs(), Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 63L, 64L));
  }

  static Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.of(
            -0.0,
            0.0,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            1.9999999999999998E23));
  }

  static Arbitrary<BigInteger> bigIntegers() {
    BigInteger two64 = BigInteger.ONE.shiftLeft(64);
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers()
            .between(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), two64),
        Arbitraries.bigIntegers()
            .between(
                two64.shiftLeft(64).negate(),
                BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)));
  }

  static Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        strings().map(Object.class::cast),
        longs().map(Object.class::cast),
        doubles().map(Object.class::cast),
        bigIntegers().map(Object.class::cast),
        Arbitraries.of(true, false).map(Object.class::cast),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Object.class::cast));
  }

  /** Values nested up to {@code depth} containers deep. */
  static Arbitrary<Object> values(int depth) {
    if (depth == 0) {
      return scalars();
    }
    Arbitrary<Object> inner = values(depth - 1);
    Arbitrary<Object> lists =
        inner.injectNull(0.1).list().ofMaxSize(6).map(list -> (Object) new ArrayList<Object>(list));
    Arbitrary<Object> maps =
        Arbitraries.maps(keys(), inner.injectNull(0.1))
            .ofMaxSize(5)
            .map(map -> (Object) new LinkedHashMap<String, Object>(map));
    Arbitrary<Object> large =
        longs()
            .list()
            .ofMinSize(1000)
            .ofMaxSize(3000)
            .map(list -> (Object) new ArrayList<Object>(list));
    return Arbitraries.frequencyOf(
        Tuple.of(4, scalars()), Tuple.of(3, lists), Tuple.of(3, maps), Tuple.of(1, large));
  }

  /** Whether two generic values are the same: same classes, order, and double bits. */
  static boolean equivalent(Object expected, Object actual) {
    if (expected == null || actual == null) {
      return expected == actual;
    }
    if (expected instanceof Map<?, ?> left) {
      if (!(actual instanceof Map<?, ?> right) || left.size() != right.size()) {
        return false;
      }
      Iterator<? extends Map.Entry<?, ?>> r = right.entrySet().iterator();
      for (Map.Entry<?, ?> l : left.entrySet()) {
        Map.Entry<?, ?> e = r.next();
        if (!l.getKey().equals(e.getKey()) || !equivalent(l.getValue(), e.getValue())) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof List<?> left) {
      if (!(actual instanceof List<?> right) || left.size() != right.size()) {
        return false;
      }
      for (int i = 0; i < left.size(); i++) {
        if (!equivalent(left.get(i), right.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (expected instanceof Double d) {
      return actual instanceof Double a
          && Double.doubleToRawLongBits(d) == Double.doubleToRawLongBits(a);
    }
    if (expected instanceof byte[] bytes) {
      return actual instanceof byte[] other && Arrays.equals(bytes, other);
    }
    return expected.getClass() == actual.getClass() && Objects.equals(expected, actual);
  }

  /** A few values that cover the model, for golden payloads. */
  static Map<String, Object> golden() {
    Map<String, Object> golden = new LinkedHashMap<>();
    LinkedHashMap<String, Object> user = new LinkedHashMap<>();
    user.put("name", "Zoë 😀 \u0000 end");
    user.put("id", Long.MIN_VALUE);
    user.put("max", Long.MAX_VALUE);
    user.put("big", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    user.put("score", -0.0);
    user.put("nan", Double.NaN);
    user.put("ratio", 1.9999999999999998E23);
    user.put("active", true);
    user.put("nothing", null);
    user.put("blob", new byte[] {0, 1, (byte) 0xff});
    List<Object> tags = new ArrayList<>(List.of("a", "b"));
    tags.add(null);
    tags.add(new ArrayList<>());
    tags.add(new LinkedHashMap<>());
    user.put("tags", tags);
    golden.put("object", user);
    golden.put("empty-list", new ArrayList<>());
    golden.put("string", "plain ascii text");
    golden.put("long", 42L);
    List<Object> numbers = new ArrayList<>();
    for (long i = 0; i < 300; i++) {
      numbers.add(i * i * (i % 2 == 0 ? 1 : -1));
    }
    golden.put("long-list", numbers);
    return golden;
  }
}
