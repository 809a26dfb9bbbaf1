package dev.crossgrade.codec.javalegacy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of values a reader with {@link #sampleClasses()} allowed can read. */
final class Values {
  private Values() {}

  /** The test classes the readers in tests allow besides the core. */
  static List<Class<?>> sampleClasses() {
    return List.of(SampleAccount.class, SampleAddress.class, SampleStatus.class);
  }

  /** A reader of any value of the core and the sample classes. */
  static JavaSerializationReader<Object> reader() {
    return JavaSerializationReader.newBuilder(Object.class).allowClasses(sampleClasses()).build();
  }

  /** Strings of any UTF-16 units (lone surrogates included), beyond-BMP text and short ASCII. */
  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(30),
        Arbitraries.integers()
            .between(Character.MIN_SUPPLEMENTARY_CODE_POINT, Character.MAX_CODE_POINT)
            .list()
            .ofMaxSize(8)
            .map(points -> points.stream().map(Character::toString).collect(Collectors.joining())),
        Arbitraries.strings().withCharRange('a', 'z').ofMaxLength(4));
  }

  static Arbitrary<Double> doubles() {
    return Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.of(
            Double.NaN,
            -0.0,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY,
            1.9999999999999998E23));
  }

  static Arbitrary<BigInteger> bigIntegers() {
    BigInteger bound = BigInteger.TWO.pow(300);
    return Arbitraries.bigIntegers().between(bound.negate(), bound);
  }

  static Arbitrary<LocalDate> localDates() {
    return Arbitraries.longs()
        .between(LocalDate.MIN.toEpochDay(), LocalDate.MAX.toEpochDay())
        .map(LocalDate::ofEpochDay);
  }

  static Arbitrary<SampleAccount> accounts() {
    return Combinators.combine(
            strings(),
            Arbitraries.longs(),
            strings().list().ofMaxSize(4),
            localDates(),
            Arbitraries.of(SampleStatus.class))
        .as(SampleAccount::new);
  }

  /** Leaves: the core value classes and the sample classes. */
  static Arbitrary<Object> leaves() {
    Arbitrary<ZonedDateTime> zoned =
        Combinators.combine(
                Arbitraries.longs()
                    .between(
                        LocalDateTime.of(-9999, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
                        LocalDateTime.of(9999, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC)),
                Arbitraries.of(
                    ZoneId.of("UTC"),
                    ZoneId.of("Europe/Istanbul"),
                    ZoneId.of("America/St_Johns"),
                    ZoneOffset.ofHoursMinutes(5, 30)))
            .as((seconds, zone) -> ZonedDateTime.ofInstant(Instant.ofEpochSecond(seconds), zone));
    return Arbitraries.oneOf(
        strings(),
        Arbitraries.longs(),
        Arbitraries.integers(),
        Arbitraries.shorts(),
        Arbitraries.bytes(),
        Arbitraries.chars(),
        Arbitraries.of(true, false),
        Arbitraries.floats(),
        doubles(),
        bigIntegers(),
        Combinators.combine(bigIntegers(), Arbitraries.integers().between(-1000, 1000))
            .as(BigDecimal::new),
        localDates(),
        Combinators.combine(
                Arbitraries.longs()
                    .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999))
            .as(Instant::ofEpochSecond),
        zoned,
        Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new),
        Arbitraries.longs().map(Date::new),
        Arbitraries.of(SampleStatus.class),
        Combinators.combine(strings(), strings(), Arbitraries.integers()).as(SampleAddress::new),
        accounts());
  }

  /** Values nested up to three collections deep, with nulls where the collection allows them. */
  static Arbitrary<Object> values() {
    return Arbitraries.recursive(Values::leaves, Values::containers, 0, 3);
  }

  private static Arbitrary<Object> containers(Arbitrary<Object> element) {
    Arbitrary<Object> nullable = element.injectNull(0.1);
    return Arbitraries.oneOf(
        nullable.list().ofMaxSize(5).map(ArrayList::new),
        nullable.list().ofMaxSize(3).map(LinkedList::new),
        element.list().ofMaxSize(4).map(List::copyOf),
        Arbitraries.maps(strings(), nullable).ofMaxSize(4).map(HashMap::new),
        Arbitraries.maps(strings(), nullable).ofMaxSize(4).map(LinkedHashMap::new),
        Arbitraries.maps(strings(), nullable).ofMaxSize(4).map(TreeMap::new),
        Arbitraries.maps(strings(), element).ofMaxSize(3).map(Map::copyOf),
        element.set().ofMaxSize(4).map(HashSet::new));
  }
}
