package dev.crossgrade.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.tck.CodecContract;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;

/** The codec contract for a record through {@link JsonCodec}. */
class JsonRecordCodecTest implements CodecContract<Order> {
  private static final Codec<Order> CODEC = JsonCodec.newBuilder(Order.class).build();

  @Override
  public Codec<Order> codec() {
    return CODEC;
  }

  @Override
  public Arbitrary<Order> values() {
    return Orders.anyOrders();
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

  private byte[] encode(Order order) {
    PayloadBuffer out = new PayloadBuffer(64, limits().maxPayloadSize());
    codec().encode(order, out, limits());
    return out.toByteArray();
  }

  @Example
  void theBytesDependNeitherOnMapOrderNorOnTheJdk() {
    Order sample = Orders.sample();
    Map<String, Long> shuffled = new HashMap<>();
    for (int i = 0; i < 40; i++) {
      shuffled.put("counter" + i, (long) i);
    }
    String hashed = text(withCounters(sample, shuffled));
    assertThat(text(withCounters(sample, new TreeMap<>(shuffled)))).isEqualTo(hashed);
    assertThat(text(withCounters(sample, Map.copyOf(shuffled)))).isEqualTo(hashed);
    assertThat(hashed).contains("{\"counter0\":0,\"counter1\":1,\"counter10\":10,");
    // 2e23 is 1.9999999999999998E23 by JDK 17's Double.toString, 2.0E23 by JDK 25's
    assertThat(text(sample)).contains("\"price\":2.0E23");
  }

  private String text(Order order) {
    return new String(encode(order), StandardCharsets.UTF_8);
  }

  private static Order withCounters(Order order, Map<String, Long> counters) {
    return new Order(
        order.id(),
        order.quantity(),
        order.price(),
        order.ratio(),
        order.serial(),
        order.status(),
        order.lines(),
        counters,
        order.attributes(),
        order.note());
  }
}
