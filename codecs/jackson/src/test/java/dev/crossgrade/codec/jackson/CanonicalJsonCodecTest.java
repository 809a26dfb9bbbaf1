package dev.crossgrade.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.tck.CodecContract;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The codec contract for canonical JSON over the generic model. */
class CanonicalJsonCodecTest implements CodecContract<Object> {

  @Override
  public Codec<Object> codec() {
    return CanonicalJson.codec();
  }

  @Override
  public Arbitrary<Object> values() {
    return JsonValues.values(JsonValues.Flavor.CANONICAL);
  }

  @Override
  public Limits limits() {
    return HostileJson.LIMITS;
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    return HostileJson.bodies("%s", "[%s]", "%s");
  }

  /** Canonical JSON keeps a number's value, not its Java type: 56.0 comes back as 56L. */
  @Override
  public boolean equivalent(Object expected, Object actual) {
    return JsonValues.sameJsonValue(expected, actual);
  }

  @Override
  public Map<String, Object> goldenValues() {
    Map<String, Object> golden = new LinkedHashMap<>();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("id", "ord-é-\ud83d\ude02-1");
    document.put("quantity", 9_007_199_254_740_992L);
    document.put("big", BigInteger.TEN.pow(20));
    document.put("lines", List.of(Map.of("sku", "a", "qty", 3L), Map.of("sku", "דּ", "qty", -1L)));
    document.put("gift", true);
    document.put("note", null);
    golden.put("generic-document", document);
    List<Object> numbers = new ArrayList<>();
    for (double trap : JsonValues.TRAPS) {
      numbers.add(trap);
    }
    golden.put("generic-number-traps", numbers);
    golden.put("generic-string", "\u0000\u001f\"\\/\u007f\u2028\ufb33\ud83d\ude02");
    return golden;
  }

  @Property(tries = 200)
  void decodingAndEncodingAgainGivesTheSameBytes(@ForAll("contractValues") Object value) {
    byte[] once = encode(value);
    Object decoded = codec().decode(once, 0, once.length, limits());
    assertThat(encode(decoded)).isEqualTo(once);
  }

  @Example
  void aDoubleWithAnIntegralValueComesBackAsALong() {
    byte[] body = encode(new ArrayList<>(Arrays.asList(56.0, 1e20, 1e21, -0.0, 0.5)));
    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo("[56,100000000000000000000,1e+21,0,0.5]");
    assertThat(codec().decode(body, 0, body.length, limits()))
        .isEqualTo(List.of(56L, BigInteger.TEN.pow(20), 1e21, 0L, 0.5));
  }

  private byte[] encode(Object value) {
    PayloadBuffer out = new PayloadBuffer(64, limits().maxPayloadSize());
    codec().encode(value, out, limits());
    return out.toByteArray();
  }
}
