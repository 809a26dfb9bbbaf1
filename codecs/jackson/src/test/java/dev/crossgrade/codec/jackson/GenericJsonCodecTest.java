package dev.crossgrade.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnencodableValueException;
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

/** The codec contract for JSON over the generic model, through Jackson's streaming API. */
class GenericJsonCodecTest implements CodecContract<Object> {

  @Override
  public Codec<Object> codec() {
    return JsonCodec.generic();
  }

  @Override
  public Arbitrary<Object> values() {
    return JsonValues.values(JsonValues.Flavor.JSON);
  }

  @Override
  public Limits limits() {
    return HostileJson.LIMITS;
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    return HostileJson.bodies("%s", "[%s]", "%s");
  }

  @Override
  public Map<String, Object> goldenValues() {
    Map<String, Object> golden = new LinkedHashMap<>();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("id", "ord-é-\ud83d\ude02-1");
    document.put("quantity", Long.MAX_VALUE);
    document.put("big", BigInteger.ONE.shiftLeft(100).negate());
    document.put("price", -0.0);
    document.put("lone", "\ud800x");
    document.put("lines", List.of(Map.of("sku", "a", "qty", 3L)));
    document.put("note", null);
    golden.put("generic-document", document);
    List<Object> numbers = new ArrayList<>();
    for (double trap : JsonValues.TRAPS) {
      numbers.add(trap);
    }
    golden.put("generic-number-traps", numbers);
    return golden;
  }

  private byte[] encode(Object value) {
    PayloadBuffer out = new PayloadBuffer(64, limits().maxPayloadSize());
    codec().encode(value, out, limits());
    return out.toByteArray();
  }

  private Object decode(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return codec().decode(body, 0, body.length, limits());
  }

  @Example
  void numbersKeepTheirKind() {
    List<Object> value =
        new ArrayList<>(Arrays.asList(56.0, 56L, -0.0, 2e23, BigInteger.TWO.pow(64), 5e-324));
    byte[] body = encode(value);
    // Jackson's Schubfach writer: the same digits on JDK 17 and 25 (Double.toString differs)
    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo("[56.0,56,-0.0,2.0E23,18446744073709551616,4.9E-324]");
    assertThat(codec().decode(body, 0, body.length, limits())).isEqualTo(value);
  }

  @Example
  void nanIsUnencodableWithItsPath() {
    assertThatThrownBy(() -> encode(Map.of("price", Double.NaN)))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(e -> ((PayloadException) e).reason())
        .isEqualTo("NaN is not a JSON number; JSON has no NaN or infinities at $.price");
  }

  @Example
  void malformedTextIsCorruptWithLineColumnAndPath() {
    assertThatThrownBy(() -> decode("{\n  \"a\": [1, 2,, 3]\n}"))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(e -> ((PayloadException) e).reason())
        .asString()
        .startsWith("2:14: Unexpected character (','");
    assertThatThrownBy(() -> decode("{\"a\": 1, \"a\": 2}"))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(e -> ((PayloadException) e).reason())
        .isEqualTo("1:10: duplicate key \"a\" at $.a");
    assertThatThrownBy(() -> decode("[1] [2]"))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(e -> ((PayloadException) e).reason())
        .isEqualTo("1:5: unexpected content after the JSON value");
    assertThatThrownBy(() -> decode("[1e400]"))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(e -> ((PayloadException) e).reason())
        .isEqualTo("1:2: number 1e400 is beyond the range of a double at $[0]");
    assertThatThrownBy(() -> decode("null")).isInstanceOf(CorruptPayloadException.class);
  }

  /** Regression: the compatibility matrix found Map.of written in hash order, so bytes varied. */
  @Example
  void hashOrderedMapsAreWrittenSortedAndOrderedMapsKeepTheirOrder() {
    Map<String, Object> hashOrdered = Map.of("b", 1L, "", 0.0, "a", "", "\u00e9", true, "B", 2L);
    java.util.HashMap<String, Object> hashMap = new java.util.HashMap<>(hashOrdered);
    String expected = "{\"\":0.0,\"B\":2,\"a\":\"\",\"b\":1,\"\u00e9\":true}";
    assertThat(json(hashOrdered)).isEqualTo(expected);
    assertThat(json(hashMap)).isEqualTo(expected);
    LinkedHashMap<String, Object> ordered = new LinkedHashMap<>();
    ordered.put("z", 1L);
    ordered.put("a", 2L);
    assertThat(json(ordered)).isEqualTo("{\"z\":1,\"a\":2}");
  }

  private String json(Object value) {
    PayloadBuffer out = new PayloadBuffer(64, Limits.defaults().maxPayloadSize());
    codec().encode(value, out, Limits.defaults());
    return new String(out.toByteArray(), StandardCharsets.UTF_8);
  }
}
