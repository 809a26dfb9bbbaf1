package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.tck.CodecContract;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;

/** The codec contract for a user-type codec built by {@link MessagePackCodec#newBuilder}. */
class CustomerCodecTest implements CodecContract<Customer> {
  static final Codec<Customer> CODEC = MessagePackCodec.newBuilder(Customer.class).build();

  @Override
  public Codec<Customer> codec() {
    return CODEC;
  }

  @Override
  public Arbitrary<Customer> values() {
    Arbitrary<Customer.Address> address =
        Builders.withBuilder(() -> new Object[3])
            .use(GenericValues.strings())
            .in((a, v) -> set(a, 0, v))
            .use(GenericValues.strings())
            .in((a, v) -> set(a, 1, v))
            .use(Arbitraries.integers())
            .in((a, v) -> set(a, 2, v))
            .build(a -> new Customer.Address((String) a[0], (String) a[1], (Integer) a[2]));
    return Builders.withBuilder(() -> new Object[20])
        .use(Arbitraries.longs())
        .in((a, v) -> set(a, 0, v))
        .use(GenericValues.strings())
        .in((a, v) -> set(a, 1, v))
        .use(Arbitraries.integers())
        .in((a, v) -> set(a, 2, v))
        .use(Arbitraries.shorts())
        .in((a, v) -> set(a, 3, v))
        .use(Arbitraries.bytes())
        .in((a, v) -> set(a, 4, v))
        .use(GenericValues.doubles())
        .in((a, v) -> set(a, 5, v))
        .use(GenericValues.floats())
        .in((a, v) -> set(a, 6, v))
        .use(Arbitraries.of(true, false))
        .in((a, v) -> set(a, 7, v))
        .use(GenericValues.strings().optional())
        .in((a, v) -> set(a, 8, v))
        .use(GenericValues.strings().list().ofMaxSize(5))
        .in((a, v) -> set(a, 9, v))
        .use(Arbitraries.maps(GenericValues.strings(), Arbitraries.longs()).ofMaxSize(4))
        .in((a, v) -> set(a, 10, new LinkedHashMap<>(v)))
        .use(address)
        .in((a, v) -> set(a, 11, v))
        .use(address.list().ofMaxSize(3))
        .in((a, v) -> set(a, 12, v))
        .use(GenericValues.instants())
        .in((a, v) -> set(a, 13, v))
        .use(Arbitraries.of(Customer.Tier.class))
        .in((a, v) -> set(a, 14, v))
        .use(
            Arbitraries.bigIntegers()
                .between(BigInteger.ONE.shiftLeft(63).negate(), GenericValues.UINT64_MAX))
        .in((a, v) -> set(a, 15, v))
        .use(GenericValues.binaries(300))
        .in((a, v) -> set(a, 16, v))
        .use(GenericValues.strings().injectNull(0.3))
        .in((a, v) -> set(a, 17, v))
        .use(
            Arbitraries.maps(Arbitraries.integers(), Arbitraries.of(Customer.Tier.class))
                .ofMaxSize(3))
        .in((a, v) -> set(a, 18, new LinkedHashMap<>(v)))
        .use(GenericValues.tree(MessagePackSpec.CURRENT, 2).injectNull(0.3))
        .in((a, v) -> set(a, 19, v))
        .build(CustomerCodecTest::customer);
  }

  private static Object[] set(Object[] array, int index, Object value) {
    array[index] = value;
    return array;
  }

  @SuppressWarnings("unchecked") // the builder above fills each slot with the component's type
  private static Customer customer(Object[] a) {
    return new Customer(
        (Long) a[0],
        (String) a[1],
        (Integer) a[2],
        (Short) a[3],
        (Byte) a[4],
        (Double) a[5],
        (Float) a[6],
        (Boolean) a[7],
        (Optional<String>) a[8],
        (List<String>) a[9],
        (Map<String, Long>) a[10],
        (Customer.Address) a[11],
        (List<Customer.Address>) a[12],
        (Instant) a[13],
        (Customer.Tier) a[14],
        (BigInteger) a[15],
        (byte[]) a[16],
        (String) a[17],
        (Map<Integer, Customer.Tier>) a[18],
        a[19]);
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    return HostileBodies.all();
  }

  @Override
  public Map<String, Customer> goldenValues() {
    return Map.of("record-customer", sample());
  }

  static Customer sample() {
    Map<String, Long> counters = new LinkedHashMap<>();
    counters.put("logins", 42L);
    counters.put("orders", -1L);
    Map<Integer, Customer.Tier> tiers = new LinkedHashMap<>();
    tiers.put(2024, Customer.Tier.FREE);
    tiers.put(2025, Customer.Tier.PRO);
    return new Customer(
        7L,
        "Zoë 🍺",
        41,
        (short) -3,
        (byte) 0x7f,
        -0.0,
        Float.NaN,
        true,
        Optional.of("zoe@example.org"),
        List.of("a", "İstanbul", ""),
        counters,
        new Customer.Address("1 Main St", "Springfield", 12345),
        List.of(new Customer.Address("", "Ünye", 0)),
        Instant.parse("1969-07-20T20:17:40.123456789Z"),
        Customer.Tier.ENTERPRISE,
        GenericValues.UINT64_MAX,
        new byte[] {(byte) 0xc1, 0, 1},
        null,
        tiers,
        List.of(1L, "two", Map.of("three", 3.0)));
  }

  @Override
  public boolean equivalent(Customer expected, Customer actual) {
    return Equivalence.current(expected, actual);
  }
}
