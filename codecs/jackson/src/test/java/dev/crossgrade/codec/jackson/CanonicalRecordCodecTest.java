package dev.crossgrade.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.WellKnownCodecs;
import dev.crossgrade.codec.tck.CodecContract;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The codec contract for a record written as RFC 8785 canonical JSON. */
class CanonicalRecordCodecTest implements CodecContract<Order> {
  private static final Codec<Order> CODEC = JsonCodec.newBuilder(Order.class).canonical().build();

  @Override
  public Codec<Order> codec() {
    return CODEC;
  }

  @Override
  public Arbitrary<Order> values() {
    return Orders.canonicalOrders();
  }

  @Override
  public Limits limits() {
    return HostileJson.LIMITS;
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    return HostileJson.bodies(
        "{\"attributes\":{\"a\":%s}}", "{\"id\":%s}", "{\"lines\":[{\"tags\":%s}]}");
  }

  @Override
  public Map<String, Order> goldenValues() {
    return Map.of("record-order", Orders.sample(), "record-extremes", Orders.extremes());
  }

  private byte[] encode(Object value) {
    PayloadBuffer out = new PayloadBuffer(64, limits().maxPayloadSize());
    @SuppressWarnings("unchecked") // the tests pass values of the codec's type or a sibling codec's
    Codec<Object> codec = (Codec<Object>) (Codec<?>) codec();
    codec.encode(value, out, limits());
    return out.toByteArray();
  }

  @Example
  void itIsTheCanonicalJsonCodec() {
    assertThat(codec().descriptor()).isEqualTo(WellKnownCodecs.CANONICAL_JSON);
  }

  @Property(tries = 100)
  void theBytesAreCanonical(@ForAll("contractValues") Order order) {
    byte[] body = encode(order);
    assertThat(CanonicalJson.canonicalize(body)).isEqualTo(body);
  }

  @Example
  void floatsAreWrittenAsTheDoubleTheyWidenTo() {
    Order sample = Orders.sample();
    String body = new String(encode(sample), StandardCharsets.UTF_8);
    assertThat(body).contains("\"ratio\":0.10000000149011612,").contains("\"price\":2e+23,");
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    assertThat(codec().decode(bytes, 0, bytes.length, limits()).ratio()).isEqualTo(0.1f);
  }

  @Example
  void integersFrom1e21OnAreUnencodable() {
    Order sample = Orders.sample();
    Order big =
        new Order(
            sample.id(),
            sample.quantity(),
            sample.price(),
            sample.ratio(),
            BigInteger.TEN.pow(21),
            sample.status(),
            sample.lines(),
            sample.counters(),
            sample.attributes(),
            sample.note());
    assertThatThrownBy(() -> encode(big))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(e -> ((PayloadException) e).reason())
        .isEqualTo(
            "integer 1000000000000000000000 would be written in exponent form, which Jackson reads"
                + " back only into floating-point properties; canonical JSON holds integers below"
                + " 10^21 at $.serial");
  }

  @Example
  void nanAndInfinitiesAreUnencodableWithTheirPath() {
    Order sample = Orders.sample();
    Order nan =
        new Order(
            sample.id(),
            sample.quantity(),
            Double.NaN,
            sample.ratio(),
            sample.serial(),
            sample.status(),
            sample.lines(),
            sample.counters(),
            sample.attributes(),
            sample.note());
    assertThatThrownBy(() -> encode(nan))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(e -> ((PayloadException) e).reason())
        .isEqualTo("NaN is not a JSON number; JSON has no NaN or infinities at $.price");
  }

  @Example
  void numbersThatADoubleCannotHoldAreUnencodable() {
    Codec<Amounts> codec = JsonCodec.newBuilder(Amounts.class).canonical().build();
    PayloadBuffer out = new PayloadBuffer(64, Limits.defaults().maxPayloadSize());
    codec.encode(new Amounts((1L << 53) - 1, new BigDecimal("0.1")), out, Limits.defaults());
    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
        .isEqualTo("{\"count\":9007199254740991,\"total\":0.1}");
    assertThatThrownBy(
            () -> codec.encode(new Amounts(1L << 62, BigDecimal.ONE), out, Limits.defaults()))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(e -> ((PayloadException) e).reason())
        .asString()
        .startsWith("integer 4611686018427387904 has no exact RFC 8785 form");
    assertThatThrownBy(
            () ->
                codec.encode(
                    new Amounts(1, new BigDecimal("0.10000000000000000001")),
                    out,
                    Limits.defaults()))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(e -> ((PayloadException) e).reason())
        .isEqualTo(
            "BigDecimal 0.10000000000000000001 has no exact RFC 8785 form (numbers are IEEE 754"
                + " doubles); write it as a string at $.total");
  }

  @Example
  void negativeZeroReadsBackAsZero() {
    // a known difference: RFC 8785 writes -0.0 as 0
    Order sample = Orders.sample();
    Order negativeZero =
        new Order(
            sample.id(),
            sample.quantity(),
            -0.0,
            sample.ratio(),
            sample.serial(),
            sample.status(),
            List.of(),
            Map.of(),
            Map.of(),
            null);
    byte[] body = encode(negativeZero);
    assertThat(codec().decode(body, 0, body.length, limits()).price()).isEqualTo(0.0);
  }

  /** A record with numbers that canonical JSON may not be able to hold. */
  record Amounts(long count, BigDecimal total) {}
}
