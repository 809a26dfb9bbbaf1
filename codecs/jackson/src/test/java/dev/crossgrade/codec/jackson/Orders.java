package dev.crossgrade.codec.jackson;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;

/** Generators and samples of {@link Order}s. */
final class Orders {
  private Orders() {}

  /** Orders of Jackson's whole domain: any string, long, BigInteger, double and float. */
  static Arbitrary<Order> anyOrders() {
    return orders(
        JsonValues.anyStrings(),
        Arbitraries.longs(),
        Arbitraries.oneOf(
            Arbitraries.longs().map(Double::longBitsToDouble),
            Arbitraries.of(Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE),
            JsonValues.finiteDoubles()),
        Arbitraries.oneOf(
            Arbitraries.integers().map(Float::intBitsToFloat),
            Arbitraries.of(Float.NaN, Float.POSITIVE_INFINITY, -0.0f, Float.MAX_VALUE)),
        Arbitraries.bigIntegers()
            .between(BigInteger.ONE.shiftLeft(200).negate(), BigInteger.ONE.shiftLeft(200)));
  }

  /** Orders that canonical JSON writes exactly: finite numbers, exact integers, no -0.0. */
  static Arbitrary<Order> canonicalOrders() {
    return orders(
        JsonValues.unicodeStrings(),
        Arbitraries.longs().between(-(1L << 53), 1L << 53),
        JsonValues.finiteDoubles().filter(d -> !d.equals(-0.0)),
        Arbitraries.integers()
            .map(Float::intBitsToFloat)
            .filter(f -> Float.isFinite(f) && !Float.valueOf(f).equals(-0.0f)),
        JsonValues.canonicalIntegers()
            .map(n -> n instanceof BigInteger big ? big : BigInteger.valueOf((Long) n))
            .filter(big -> big.abs().compareTo(BigInteger.TEN.pow(21)) < 0));
  }

  private static Arbitrary<Order> orders(
      Arbitrary<String> strings,
      Arbitrary<Long> longs,
      Arbitrary<Double> doubles,
      Arbitrary<Float> floats,
      Arbitrary<BigInteger> bigs) {
    Arbitrary<Order.Line> lines =
        Combinators.combine(
                strings, Arbitraries.integers(), strings.injectNull(0.1).list().ofMaxSize(3))
            .as((sku, qty, tags) -> new Order.Line(sku, qty, new ArrayList<>(tags)));
    Arbitrary<Object> attributeValues =
        Arbitraries.frequencyOf(
            Tuple.of(3, strings.map(s -> (Object) s)),
            Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)),
            Tuple.of(1, strings.list().ofMaxSize(3).map(list -> (Object) list)),
            Tuple.of(1, Arbitraries.maps(strings, strings).ofMaxSize(2).map(map -> (Object) map)));
    Arbitrary<Map<String, @Nullable Object>> attributes =
        Arbitraries.maps(strings, attributeValues.injectNull(0.1))
            .ofMaxSize(4)
            .map(map -> (Map<String, @Nullable Object>) new LinkedHashMap<>(map));
    Arbitrary<Map<String, Long>> counters =
        Arbitraries.maps(strings, longs).ofMaxSize(4).map(HashMap::new);
    return Combinators.combine(
            Combinators.combine(strings, longs, doubles, floats, bigs).as(Tuple::of),
            Arbitraries.of(Order.Status.class),
            lines.list().ofMaxSize(3),
            counters,
            attributes,
            strings.injectNull(0.3))
        .as(
            (scalars, status, lineList, counterMap, attributeMap, note) ->
                new Order(
                    scalars.get1(),
                    scalars.get2(),
                    scalars.get3(),
                    scalars.get4(),
                    scalars.get5(),
                    status,
                    new ArrayList<>(lineList),
                    counterMap,
                    attributeMap,
                    note));
  }

  /** A fixed order with a bit of everything, for golden payloads. */
  static Order sample() {
    Map<String, @Nullable Object> attributes = new LinkedHashMap<>();
    attributes.put("channel", "web");
    attributes.put("gift", true);
    attributes.put("labels", List.of("fragile", "😂"));
    attributes.put("missing", null);
    return new Order(
        "ord-é-\ud83d\ude02-1",
        9_007_199_254_740_992L,
        2e23,
        0.1f,
        BigInteger.TEN.pow(20),
        Order.Status.PAID,
        List.of(
            new Order.Line("sku-1", 3, List.of("a", "b")),
            new Order.Line("דּ", -1, new ArrayList<>(java.util.Arrays.asList("x", null)))),
        Map.of("views", 12L, "clicks", 0L, "\u20ac", -(1L << 53)),
        attributes,
        null);
  }

  /** An order with the extremes of every number. */
  static Order extremes() {
    return new Order(
        "",
        -(1L << 53),
        Double.MAX_VALUE,
        Float.MIN_VALUE,
        BigInteger.valueOf(5).multiply(BigInteger.TEN.pow(20)).negate(),
        Order.Status.NEW,
        List.of(),
        Map.of(),
        Map.of(),
        "\u0000\u001f\"\\/\u2028");
  }
}
