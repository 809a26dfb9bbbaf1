package dev.crossgrade.codec.kryo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;

/** Arbitrary and golden {@link Person}s. */
final class People {
  private People() {}

  static Arbitrary<Person.Address> addresses() {
    return Builders.withBuilder(Person.Address::new)
        .use(GenericModel.strings().injectNull(0.1))
        .in((a, v) -> set(a, () -> a.city = v))
        .use(Arbitraries.strings().numeric().ofMaxLength(6).injectNull(0.2))
        .in((a, v) -> set(a, () -> a.zip = v))
        .build();
  }

  static Arbitrary<Person> people() {
    Arbitrary<ArrayList<String>> tags =
        Arbitraries.oneOf(
                GenericModel.strings().list().ofMaxSize(5),
                Arbitraries.strings().alpha().ofLength(2).list().ofMinSize(500).ofMaxSize(1500))
            .map(ArrayList::new);
    Arbitrary<LinkedHashMap<String, Person.Address>> addresses =
        Arbitraries.maps(GenericModel.keys(), addresses()).ofMaxSize(4).map(LinkedHashMap::new);
    Arbitrary<Object> anything =
        Arbitraries.oneOf(
            GenericModel.longs().map(Object.class::cast),
            GenericModel.strings().map(Object.class::cast),
            addresses().map(Object.class::cast),
            Arbitraries.integers().array(int[].class).ofMaxSize(4).map(Object.class::cast));
    return Builders.withBuilder(Person::new)
        .use(GenericModel.strings().injectNull(0.1))
        .in((p, v) -> set(p, () -> p.name = v))
        .use(GenericModel.longs())
        .in((p, v) -> set(p, () -> p.id = v))
        .use(Arbitraries.integers())
        .in((p, v) -> set(p, () -> p.age = v))
        .use(GenericModel.doubles())
        .in((p, v) -> set(p, () -> p.score = v))
        .use(GenericModel.doubles().injectNull(0.3))
        .in((p, v) -> set(p, () -> p.rating = v))
        .use(Arbitraries.of(true, false))
        .in((p, v) -> set(p, () -> p.active = v))
        .use(Arbitraries.of(Person.Status.class).injectNull(0.2))
        .in((p, v) -> set(p, () -> p.status = v))
        .use(GenericModel.bigIntegers().injectNull(0.3))
        .in((p, v) -> set(p, () -> p.big = v))
        .use(Arbitraries.bytes().array(byte[].class).ofMaxSize(30).injectNull(0.2))
        .in((p, v) -> set(p, () -> p.blob = v))
        .use(
            Arbitraries.integers()
                .array(int[].class)
                .ofMaxSize(20)
                .edgeCases(e -> e.add(new int[0]))
                .injectNull(0.2))
        .in((p, v) -> set(p, () -> p.numbers = v))
        .use(
            GenericModel.strings()
                .injectNull(0.1)
                .array(String[].class)
                .ofMaxSize(4)
                .injectNull(0.3))
        .in((p, v) -> set(p, () -> p.aliases = v))
        .use(tags.injectNull(0.2))
        .in((p, v) -> set(p, () -> p.tags = v))
        .use(addresses.injectNull(0.2))
        .in((p, v) -> set(p, () -> p.addresses = v))
        .use(addresses().injectNull(0.3))
        .in((p, v) -> set(p, () -> p.home = v))
        .use(anything.injectNull(0.3))
        .in((p, v) -> set(p, () -> p.anything = v))
        .build();
  }

  private static <T> T set(T target, Runnable assignment) {
    assignment.run();
    return target;
  }

  static Map<String, Person> golden() {
    Map<String, Person> golden = new LinkedHashMap<>();
    Person full = new Person();
    full.name = "Zoë 😀";
    full.id = Long.MIN_VALUE;
    full.age = Integer.MAX_VALUE;
    full.score = -0.0;
    full.rating = Double.NaN;
    full.active = true;
    full.status = Person.Status.SUSPENDED;
    full.big = BigInteger.ONE.shiftLeft(70).negate();
    full.blob = new byte[] {0, (byte) 0xff};
    full.numbers = new int[] {Integer.MIN_VALUE, 0, 7};
    full.aliases = new String[] {"z", null};
    full.tags = new ArrayList<>(List.of("a", "b"));
    full.addresses = new LinkedHashMap<>(Map.of("home", new Person.Address("Paris", "75001")));
    full.home = new Person.Address("Köln", null);
    full.anything = 42L;
    golden.put("person-full", full);
    golden.put("person-empty", new Person());
    return golden;
  }
}
