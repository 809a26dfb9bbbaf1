package dev.crossgrade.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnencodableValueException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.erdtman.jcs.JsonCanonicalizer;

/** {@link CanonicalJson} against an independent implementation, and its precise rejections. */
class CanonicalJsonTest {
  private static final ObjectMapper JACKSON = new ObjectMapper();

  @Provide
  Arbitrary<Object> documents() {
    return JsonValues.values(JsonValues.Flavor.CANONICAL);
  }

  @Property(tries = 300)
  void aValueIsWrittenAsTheOracleCanonicalizesItsJson(@ForAll("documents") Object document)
      throws Exception {
    // the oracle takes only an object or an array at the top
    Object value = document instanceof Map<?, ?> ? document : new ArrayList<>(List.of(document));
    String json = JACKSON.writeValueAsString(value);
    byte[] oracle = new JsonCanonicalizer(json).getEncodedUTF8();
    assertThat(new String(CanonicalJson.write(value), StandardCharsets.UTF_8))
        .isEqualTo(new String(oracle, StandardCharsets.UTF_8));
    assertThat(CanonicalJson.canonicalize(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(oracle);
  }

  @Property(tries = 200)
  void canonicalTextIsAFixedPoint(@ForAll("documents") Object value) {
    byte[] canonical = CanonicalJson.write(value);
    assertThat(CanonicalJson.canonicalize(canonical)).isEqualTo(canonical);
  }

  @Property(tries = 200)
  void theOrderOfAMapDoesNotMatter(@ForAll("documents") Object value) {
    byte[] canonical = CanonicalJson.write(value);
    for (JsonValues.MapKind kind : JsonValues.MapKind.values()) {
      assertThat(CanonicalJson.write(remap(value, kind))).as("%s", kind).isEqualTo(canonical);
    }
  }

  private static Object remap(Object value, JsonValues.MapKind kind) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new HashMap<>();
      map.forEach((k, v) -> copy.put((String) k, v == null ? null : remap(v, kind)));
      return kind.copy(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(element -> copy.add(element == null ? null : remap(element, kind)));
      return copy;
    }
    return value;
  }

  @Example
  void keysAreSortedByUtf16CodeUnitsNotCodePoints() {
    // U+FB33 sorts after U+1F602 in UTF-16 (0xD83D < 0xFB33), before it by code point
    Map<String, Object> map = Map.of("\ufb33", 1L, "\ud83d\ude02", 2L, "a", 3L, "", 4L);
    assertThat(new String(CanonicalJson.write(map), StandardCharsets.UTF_8))
        .isEqualTo("{\"\":4,\"a\":3,\"\ud83d\ude02\":2,\"\ufb33\":1}");
  }

  @Example
  void stringsAreEscapedOnlyWhereJsonRequires() {
    String value = "\u0000\u0008\t\n\u000b\f\r\u001f \"\\/\u007f\u0080\u2028é\ud83d\ude02";
    assertThat(new String(CanonicalJson.write(value), StandardCharsets.UTF_8))
        .isEqualTo(
            "\"\\u0000\\b\\t\\n\\u000b\\f\\r\\u001f \\\"\\\\/\u007f\u0080\u2028é\ud83d\ude02\"");
  }

  @Example
  void aMapOfWithManyKeysGivesOneOutputInEveryOrder() {
    Map<String, Object> shuffled = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      shuffled.put("key" + i, (long) i);
    }
    byte[] fromHash = CanonicalJson.write(shuffled);
    assertThat(CanonicalJson.write(Map.copyOf(shuffled))).isEqualTo(fromHash);
    assertThat(CanonicalJson.write(new TreeMap<>(shuffled).descendingMap())).isEqualTo(fromHash);
    LinkedHashMap<String, Object> reversed = new LinkedHashMap<>();
    new TreeMap<>(shuffled).descendingMap().forEach(reversed::put);
    assertThat(CanonicalJson.write(reversed)).isEqualTo(fromHash);
  }

  // --- rejections, each with where and why ---

  private static PayloadException failure(ThrowingCallable call) {
    try {
      call.call();
    } catch (PayloadException e) {
      return e;
    } catch (Throwable e) {
      throw new AssertionError("expected a PayloadException, got " + e, e);
    }
    throw new AssertionError("expected a PayloadException, got none");
  }

  @Example
  void nanAndInfinitiesAreUnencodableWithTheirPath() {
    Map<String, Object> nan = new LinkedHashMap<>();
    nan.put("price", Double.NaN);
    assertThat(failure(() -> CanonicalJson.write(nan)))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(PayloadException::reason)
        .isEqualTo(
            "NaN is not a JSON number; RFC 8785 (like JSON) has no NaN or infinities at $.price");
    assertThat(failure(() -> CanonicalJson.write(List.of(1.0, List.of(Double.NEGATIVE_INFINITY)))))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(PayloadException::reason)
        .isEqualTo(
            "-Infinity is not a JSON number; RFC 8785 (like JSON) has no NaN or infinities at"
                + " $[1][0]");
    assertThat(failure(() -> CanonicalJson.write(Float.POSITIVE_INFINITY)))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(PayloadException::reason)
        .asString()
        .startsWith("Infinity is not a JSON number");
  }

  @Example
  void loneSurrogatesAreRejectedWhereverTheyAre() {
    assertThat(failure(() -> CanonicalJson.canonicalize("{\"a\": \"x\\ud800\"}")))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(PayloadException::reason)
        .isEqualTo(
            "1:9: lone surrogate \\ud800 in a string; RFC 8785 requires well-formed Unicode at $.a");
    assertThat(failure(() -> CanonicalJson.canonicalize("[\"\\udc00\\ud800\"]")))
        .extracting(PayloadException::reason)
        .asString()
        .startsWith("1:3: lone surrogate \\udc00");
    assertThat(failure(() -> CanonicalJson.canonicalize("[1,\n \"\ud800\"]")))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(PayloadException::reason)
        .isEqualTo("2:3: lone surrogate U+D800 in the text; RFC 8785 requires well-formed Unicode");
    assertThat(failure(() -> CanonicalJson.write(Map.of("k", List.of("ok", "x\udc00")))))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(PayloadException::reason)
        .isEqualTo(
            "string has a lone surrogate U+DC00 at index 1; RFC 8785 requires well-formed Unicode"
                + " at $.k[1]");
    // UTF-8 of a surrogate (CESU-8) is not UTF-8
    byte[] cesu = {'"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"'};
    assertThat(failure(() -> CanonicalJson.canonicalize(cesu)))
        .extracting(PayloadException::reason)
        .isEqualTo("1:2: invalid UTF-8 sequence starting with 0xed at $");
  }

  @Example
  void duplicateKeysAreRejectedAtTheSecondOne() {
    String json = "{\n  \"id\": 1,\n  \"lines\": [{\"sku\": \"a\", \"sku\": \"b\"}]\n}";
    assertThat(failure(() -> CanonicalJson.canonicalize(json)))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(PayloadException::reason)
        .isEqualTo("3:26: duplicate key \"sku\" at $.lines[0]");
  }

  @Example
  void invalidJsonIsRejectedWithLineAndColumn() {
    assertReason("[1,]", "1:4: unexpected ']', expected a value at $[1]");
    assertReason("NaN", "1:1: unexpected 'N', expected a value at $");
    assertReason("[Infinity]", "1:2: unexpected 'I', expected a value at $[0]");
    assertReason("{} x", "1:4: unexpected 'x' after the JSON value at $");
    assertReason("", "1:1: unexpected end of input, expected a value at $");
    assertReason("[01]", "1:2: a number must not have a leading zero at $[0]");
    assertReason("[1.]", "1:4: unexpected ']', expected a digit after '.' at $[0]");
    assertReason("{\"a\" 1}", "1:6: unexpected '1', expected ':' at $");
    assertReason("{\"a\":1 \"b\":2}", "1:8: unexpected '\"', expected ',' or '}' at $");
    assertReason(
        "[\"tab\there\"]", "1:6: control character U+0009 must be escaped in a string at $[0]");
    assertReason("[\"\\x\"]", "1:3: invalid escape sequence in a string at $[0]");
    assertReason("\"open", "1:1: unterminated string at $");
    assertReason(
        "\ufeff{}", "1:1: a byte order mark (U+FEFF) is not allowed before the JSON value at $");
    assertReason("[\"é\",\n  tru]", "2:3: unexpected 't', expected a value at $[1]");
  }

  private static void assertReason(String json, String reason) {
    assertThat(failure(() -> CanonicalJson.canonicalize(json)))
        .as(json)
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(PayloadException::reason)
        .isEqualTo(reason);
  }

  @Example
  void numbersBeyondTheRangeOfADoubleAreRejected() {
    assertReason(
        "{\"big\": 1e400}", "1:9: number 1e400 is beyond the range of an IEEE 754 double at $.big");
    assertReason(
        "[-1.8e308]", "1:2: number -1.8e308 is beyond the range of an IEEE 754 double at $[0]");
    // tiny numbers round to zero, which is in range
    assertThat(CanonicalJson.canonicalize("[1e-400, -1e-400]")).isEqualTo("[0,0]");
  }

  @Example
  void integersThatADoubleCannotHoldAreUnencodable() {
    assertThat(failure(() -> CanonicalJson.write(List.of((1L << 53) + 1))))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(PayloadException::reason)
        .isEqualTo(
            "integer 9007199254740993 has no exact RFC 8785 form (numbers are IEEE 754 doubles: it"
                + " would be written as 9007199254740992); write it as a string at $[0]");
    assertThat(failure(() -> CanonicalJson.write(Long.MAX_VALUE)))
        .isInstanceOf(UnencodableValueException.class);
    // 2^62 is a double, but its canonical form 4611686018427388000 is another integer
    assertThat(failure(() -> CanonicalJson.write(1L << 62)))
        .isInstanceOf(UnencodableValueException.class);
    assertThat(failure(() -> CanonicalJson.write(BigInteger.TEN.pow(400))))
        .extracting(PayloadException::reason)
        .asString()
        .startsWith("integer 1000000000000000000000000000000000000000");
    // exact ones are fine
    assertThat(
            CanonicalJson.write(
                List.of(1L << 53, -(1L << 53), 100_000_000_000_000_000L, BigInteger.TEN.pow(22))))
        .isEqualTo(
            "[9007199254740992,-9007199254740992,100000000000000000,1e+22]"
                .getBytes(StandardCharsets.US_ASCII));
  }

  @Example
  void valuesOutsideTheModelAreUnencodable() {
    assertThat(failure(() -> CanonicalJson.write(Map.of("when", java.time.Instant.EPOCH))))
        .isInstanceOf(UnencodableValueException.class)
        .extracting(PayloadException::reason)
        .asString()
        .startsWith("a java.time.Instant is not in the generic JSON model")
        .endsWith(" at $.when");
    Map<Object, Object> numericKeys = Map.of(1, "one");
    assertThat(failure(() -> CanonicalJson.write(numericKeys)))
        .extracting(PayloadException::reason)
        .isEqualTo("map key of java.lang.Integer is not a string at $");
  }

  @Example
  void limitsApplyToTextAndValues() {
    Limits small = Limits.newBuilder().maxDepth(3).maxStringLength(4).maxCollectionSize(2).build();
    assertThat(failure(() -> CanonicalJson.canonicalize("[[[[1]]]]", small)))
        .isInstanceOf(LimitExceededException.class)
        .extracting(PayloadException::reason)
        .isEqualTo(
            "1:4: value is nested more than 3 deep, over the limit of 3 (Limits.maxDepth) at"
                + " $[0][0][0]");
    assertThat(failure(() -> CanonicalJson.canonicalize("{\"k\": \"12345\"}", small)))
        .isInstanceOf(LimitExceededException.class)
        .extracting(PayloadException::reason)
        .isEqualTo(
            "1:7: string is longer than 4 characters, over the limit of 4"
                + " (Limits.maxStringLength) at $.k");
    assertThat(failure(() -> CanonicalJson.canonicalize("[1, 2, 3]", small)))
        .isInstanceOf(LimitExceededException.class)
        .extracting(PayloadException::reason)
        .isEqualTo(
            "1:7: collection has more than 2 elements, over the limit of 2"
                + " (Limits.maxCollectionSize) at $[2]");
    assertThat(failure(() -> CanonicalJson.write(List.of(List.of(List.of(List.of()))), small)))
        .isInstanceOf(LimitExceededException.class);
    assertThat(failure(() -> CanonicalJson.write(Arrays.asList(1L, 2L, 3L), small)))
        .isInstanceOf(LimitExceededException.class);
    Limits tiny = Limits.newBuilder().maxPayloadSize(16).build();
    assertThat(failure(() -> CanonicalJson.canonicalize("[1, 2, 3, 4, 5, 6, 7]", tiny)))
        .isInstanceOf(LimitExceededException.class)
        .extracting(PayloadException::reason)
        .isEqualTo("1:1: payload is 21 bytes, over the limit of 16 bytes (Limits.maxPayloadSize)");
    // 16 bytes of text, 19 of canonical form
    assertThat(failure(() -> CanonicalJson.canonicalize("[1E30,1E30,1E30]", tiny)))
        .isInstanceOf(LimitExceededException.class)
        .extracting(PayloadException::reason)
        .asString()
        .startsWith("1:1: the canonical form: encoded payload would be ")
        .endsWith(" bytes, over the limit of 16 bytes (Limits.maxPayloadSize)");
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThat(failure(() -> CanonicalJson.write(cycle)))
        .isInstanceOf(LimitExceededException.class);
  }
}
