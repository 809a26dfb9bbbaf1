package dev.crossgrade.codec.kryo;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A sample user type with the field kinds a cached entity has. */
public final class Person {
  /** A sample enum. */
  public enum Status {
    ACTIVE,
    SUSPENDED,
    GONE
  }

  /** A sample nested type. */
  public static final class Address {
    @Nullable String city;
    @Nullable String zip;

    public Address() {}

    Address(@Nullable String city, @Nullable String zip) {
      this.city = city;
      this.zip = zip;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Address a && Objects.equals(city, a.city) && Objects.equals(zip, a.zip);
    }

    @Override
    public int hashCode() {
      return Objects.hash(city, zip);
    }

    @Override
    public String toString() {
      return "Address{" + city + ", " + zip + "}";
    }
  }

  @Nullable String name;
  long id;
  int age;
  double score;
  @Nullable Double rating;
  boolean active;
  @Nullable Status status;
  @Nullable BigInteger big;
  byte @Nullable [] blob;
  int @Nullable [] numbers;
  String @Nullable [] aliases;
  @Nullable ArrayList<String> tags;
  @Nullable LinkedHashMap<String, Address> addresses;
  @Nullable Address home;
  @Nullable Object anything;

  public Person() {}

  /** The registrations both Kryo generations use for these types in the tests. */
  static <B> B register(B builder, Registrar<B> registrar) {
    registrar.register(builder, Person.class, 20);
    registrar.register(builder, Address.class, 21);
    registrar.register(builder, ArrayList.class, 22);
    registrar.register(builder, LinkedHashMap.class, 23);
    registrar.register(builder, int[].class, 24);
    registrar.register(builder, Status.class, 25);
    registrar.register(builder, BigInteger.class, 26);
    registrar.register(builder, byte[].class, 27);
    registrar.register(builder, String[].class, 28);
    return builder;
  }

  /** Adds one registration to a builder. */
  interface Registrar<B> {
    void register(B builder, Class<?> type, int id);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Person p
        && Objects.equals(name, p.name)
        && id == p.id
        && age == p.age
        && Double.doubleToRawLongBits(score) == Double.doubleToRawLongBits(p.score)
        && Objects.equals(rating, p.rating)
        && active == p.active
        && status == p.status
        && Objects.equals(big, p.big)
        && Arrays.equals(blob, p.blob)
        && Arrays.equals(numbers, p.numbers)
        && Arrays.equals(aliases, p.aliases)
        && Objects.equals(tags, p.tags)
        && Objects.equals(addresses, p.addresses)
        && Objects.equals(home, p.home)
        && Objects.deepEquals(anything, p.anything);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, id);
  }

  @Override
  public String toString() {
    return "Person{name="
        + name
        + ", id="
        + id
        + ", age="
        + age
        + ", score="
        + score
        + ", rating="
        + rating
        + ", active="
        + active
        + ", status="
        + status
        + ", big="
        + big
        + ", blob="
        + Arrays.toString(blob)
        + ", numbers="
        + Arrays.toString(numbers)
        + ", aliases="
        + Arrays.toString(aliases)
        + ", tags="
        + tags
        + ", addresses="
        + addresses
        + ", home="
        + home
        + ", anything="
        + anything
        + "}";
  }
}
