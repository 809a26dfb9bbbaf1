package dev.crossgrade.codec.msgpack;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik arbitraries for the generic value model, with MessagePack's boundaries as edge cases. */
final class GenericValues {
  /** Encoded sizes where the str, bin and array headers change width. */
  static final int[] BOUNDARY_SIZES = {31, 32, 255, 256, 65535, 65536};

  /** 2^64 - 1, the largest uint64. */
  static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private GenericValues() {}

  /** Top-level values (never null) of the whole domain of {@code spec}. */
  static Arbitrary<Object> values(MessagePackSpec spec) {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, scalars(spec)),
        net.jqwik.api.Tuple.of(5, tree(spec, 3)),
        net.jqwik.api.Tuple.of(1, big(spec)),
        net.jqwik.api.Tuple.of(1, big(spec).map(v -> (Object) List.of("before", v, 1L))));
  }

  /** Non-null scalars that fit in a small payload. */
  static Arbitrary<Object> scalars(MessagePackSpec spec) {
    List<Arbitrary<?>> all =
        new ArrayList<>(
            List.of(
                Arbitraries.of(true, false),
                integers(),
                uint64(),
                floats(),
                doubles(),
                strings(),
                binaries(40)));
    if (spec == MessagePackSpec.CURRENT) {
      all.add(instants());
      all.add(extensions());
    }
    return Arbitraries.oneOf(all.stream().map(a -> a.map(v -> (Object) v)).toList());
  }

  /** Scalars allowed as map keys (compared by value), null included. */
  static Arbitrary<Object> keys(MessagePackSpec spec) {
    List<Arbitrary<?>> all =
        new ArrayList<>(
            List.of(
                strings(),
                strings(),
                integers(),
                Arbitraries.of(true, false),
                doubles(),
                floats(),
                uint64()));
    if (spec == MessagePackSpec.CURRENT) {
      all.add(instants());
      all.add(extensions());
    }
    return Arbitraries.oneOf(all.stream().map(a -> a.map(v -> (Object) v)).toList())
        .injectNull(0.05);
  }

  /** Lists and maps nested up to {@code depth} levels, empty ones included. */
  static Arbitrary<Object> tree(MessagePackSpec spec, int depth) {
    Arbitrary<Object> element =
        depth <= 1
            ? scalars(spec).injectNull(0.1)
            : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalars(spec).injectNull(0.1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> tree(spec, depth - 1))));
    Arbitrary<Object> list =
        Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, element.list().ofMaxSize(6)),
                net.jqwik.api.Tuple.of(1, element.list().ofMinSize(14).ofMaxSize(17)))
            .map(l -> (Object) new ArrayList<>(l));
    Arbitrary<Object> map =
        Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.maps(keys(spec), element).ofMaxSize(6)),
                net.jqwik.api.Tuple.of(
                    1, Arbitraries.maps(keys(spec), element).ofMinSize(14).ofMaxSize(17)))
            .map(m -> (Object) new LinkedHashMap<>(m));
    return Arbitraries.oneOf(list, map);
  }

  /** Values whose headers are at a width boundary: big strings, binaries and arrays. */
  static Arbitrary<Object> big(MessagePackSpec spec) {
    Arbitrary<Integer> size = Arbitraries.of(Arrays.stream(BOUNDARY_SIZES).boxed().toList());
    return Arbitraries.oneOf(
        Combinators.combine(size, Arbitraries.longs())
            .as((n, seed) -> (Object) stringOfUtf8Bytes(n, new Random(seed))),
        size.flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n)).map(b -> (Object) b),
        Arbitraries.of(15, 16, 65535, 65536)
            .flatMap(n -> Arbitraries.longs().between(-32, 127).list().ofSize(n))
            .map(l -> (Object) new ArrayList<>(l)));
  }

  static Arbitrary<Long> integers() {
    return Arbitraries.oneOf(
        Arbitraries.longs(),
        Arbitraries.longs().between(-40, 300),
        Arbitraries.of(
            -33L,
            -32L,
            127L,
            128L,
            255L,
            256L,
            -128L,
            -129L,
            65535L,
            65536L,
            -32768L,
            -32769L,
            4294967295L,
            4294967296L,
            (long) Integer.MIN_VALUE,
            Integer.MIN_VALUE - 1L,
            Long.MIN_VALUE,
            Long.MAX_VALUE));
  }

  /** Integers above {@code Long.MAX_VALUE}, up to 2^64 - 1. */
  static Arbitrary<BigInteger> uint64() {
    return Arbitraries.bigIntegers()
        .between(
            BigInteger.ONE.shiftLeft(63), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
  }

  static Arbitrary<Float> floats() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(Float::intBitsToFloat),
        Arbitraries.of(
            -0.0f,
            0.0f,
            Float.NaN,
            Float.intBitsToFloat(0x7fc00001),
            Float.intBitsToFloat(0xffc00000),
            Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY,
            Float.MIN_VALUE,
            Float.MAX_VALUE,
            0.5f));
  }

  static Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(Double::longBitsToDouble),
        Arbitraries.of(
            -0.0,
            0.0,
            Double.NaN,
            Double.longBitsToDouble(0x7ff8000000000001L),
            Double.longBitsToDouble(0xfff8000000000000L),
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            1.9999999999999998E23));
  }

  /** Short strings of any code points, beyond the BMP included (never unpaired surrogates). */
  static Arbitrary<String> strings() {
    Arbitrary<Integer> codePoint =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 0x7f)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xd7ff)),
            net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xe000, 0xffff)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x10000, 0x10ffff)));
    return Arbitraries.oneOf(
        codePoint
            .list()
            .ofMaxSize(12)
            .map(cps -> new String(cps.stream().mapToInt(i -> i).toArray(), 0, cps.size())),
        Combinators.combine(Arbitraries.of(0, 1, 30, 31, 32, 33), Arbitraries.longs())
            .as((n, seed) -> stringOfUtf8Bytes(n, new Random(seed))));
  }

  /** A string whose UTF-8 form is exactly {@code bytes} long, mixing 1- to 4-byte characters. */
  static String stringOfUtf8Bytes(int bytes, Random random) {
    StringBuilder out = new StringBuilder();
    int left = bytes;
    while (left > 0) {
      int width = 1 + random.nextInt(Math.min(4, left));
      int cp =
          switch (width) {
            case 1 -> random.nextInt(0x80);
            case 2 -> 0x80 + random.nextInt(0x800 - 0x80);
            case 3 -> {
              int c = 0x800 + random.nextInt(0x10000 - 0x800 - 0x800);
              yield c >= 0xd800 ? c + 0x800 : c;
            }
            default -> 0x10000 + random.nextInt(0x110000 - 0x10000);
          };
      out.appendCodePoint(cp);
      left -= width;
    }
    return out.toString();
  }

  static Arbitrary<byte[]> binaries(int maxSize) {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxSize);
  }

  /** Instants over the whole range, with nanos, before 1970, and at the timestamp32/64 edges. */
  static Arbitrary<Instant> instants() {
    return Arbitraries.oneOf(
        Combinators.combine(
                Arbitraries.longs()
                    .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999))
            .as(Instant::ofEpochSecond),
        Combinators.combine(
                Arbitraries.longs().between(-3_000_000_000L, 1L << 35),
                Arbitraries.of(0, 1, 999_999_999, 123_456_789))
            .as(Instant::ofEpochSecond),
        Arbitraries.of(
            Instant.EPOCH,
            Instant.ofEpochSecond(-1),
            Instant.ofEpochSecond(-1, 999_999_999),
            Instant.ofEpochSecond((1L << 32) - 1),
            Instant.ofEpochSecond(1L << 32),
            Instant.ofEpochSecond((1L << 34) - 1, 999_999_999),
            Instant.ofEpochSecond(1L << 34),
            Instant.MIN,
            Instant.MAX));
  }

  static Arbitrary<MessagePackExtension> extensions() {
    Arbitrary<Byte> type = Arbitraries.bytes().filter(b -> b != -1);
    Arbitrary<byte[]> data =
        Arbitraries.of(0, 1, 2, 3, 4, 8, 16, 17, 255, 256)
            .flatMap(n -> Arbitraries.bytes().array(byte[].class).ofSize(n));
    return Combinators.combine(type, data).as(MessagePackExtension::new);
  }

  /** A fixed value per width boundary and kind, for golden payloads. */
  static Map<String, Object> golden(MessagePackSpec spec) {
    Map<String, Object> golden = new LinkedHashMap<>();
    Map<Object, Object> scalars = new LinkedHashMap<>();
    scalars.put("nil", null);
    scalars.put("true", true);
    scalars.put("false", false);
    scalars.put(
        "integers",
        List.of(
            0L,
            127L,
            128L,
            -32L,
            -33L,
            255L,
            256L,
            65535L,
            65536L,
            -32769L,
            4294967296L,
            Long.MIN_VALUE,
            Long.MAX_VALUE));
    scalars.put("uint64", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE));
    scalars.put("float32", Arrays.asList(1.5f, -0.0f, Float.NaN, Float.NEGATIVE_INFINITY));
    scalars.put("float64", Arrays.asList(Math.PI, -0.0, Double.NaN, 1.9999999999999998E23));
    scalars.put(42L, "integer key");
    scalars.put(null, "nil key");
    scalars.put(2.5, "float key");
    golden.put("scalars", scalars);
    Random random = new Random(20240601L);
    List<Object> strings = new ArrayList<>(List.of("", "a", "Кириллица", "漢字", "🍺", "a\u0000b"));
    for (int n : BOUNDARY_SIZES) {
      strings.add(stringOfUtf8Bytes(n, random));
    }
    golden.put("strings", strings);
    List<Object> binaries = new ArrayList<>();
    for (int n : new int[] {0, 1, 255, 256, 65536}) {
      byte[] bytes = new byte[n];
      random.nextBytes(bytes);
      if (n > 0) {
        bytes[0] = (byte) 0xff; // never UTF-8, so it reads back as binary under both specs
      }
      binaries.add(bytes);
    }
    golden.put("binaries", binaries);
    Map<Object, Object> nested = new LinkedHashMap<>();
    nested.put("empty list", List.of());
    nested.put("empty map", Map.of());
    nested.put("list", List.of(List.of(List.of(1L, "two")), Map.of("k", List.of())));
    Map<Object, Object> inner = new LinkedHashMap<>();
    inner.put(true, -1L);
    inner.put("sixteen", new ArrayList<>(java.util.Collections.nCopies(16, 7L)));
    nested.put("map", inner);
    golden.put("nested", nested);
    if (spec == MessagePackSpec.CURRENT) {
      golden.put(
          "timestamps",
          List.of(
              Instant.EPOCH,
              Instant.ofEpochSecond(1514862245, 678901234),
              Instant.ofEpochSecond(-1, 999_999_999),
              Instant.ofEpochSecond(1L << 34),
              Instant.parse("1900-01-01T00:00:00Z"),
              Instant.MIN,
              Instant.MAX));
      golden.put(
          "extensions",
          List.of(
              new MessagePackExtension((byte) 1, new byte[] {0x10}),
              new MessagePackExtension((byte) 5, new byte[16]),
              new MessagePackExtension((byte) 7, new byte[] {1, 2, 3}),
              new MessagePackExtension((byte) -2, new byte[0])));
    }
    return golden;
  }
}
