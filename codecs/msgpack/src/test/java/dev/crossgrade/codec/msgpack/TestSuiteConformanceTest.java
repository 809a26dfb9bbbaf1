package dev.crossgrade.codec.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance with kawanet's msgpack-test-suite (src/test/resources/msgpack-test-suite): every case
 * lists a value and one or more encodings of it, the first being the preferred (shortest) one. The
 * suite's rule is that a decoder must read every listed encoding as the value and an encoder must
 * write one of them; we hold our current-spec writer to the first, except where {@link #DEVIATIONS}
 * says why not.
 *
 * <p>A suite number is taken as {@code Long} (or {@code BigInteger} above {@code Long.MAX_VALUE})
 * when integral, and as {@code Float} when float32 holds it exactly, else {@code Double}: the
 * generic model tells float32 from float64, and the suite lists float32 first for 0.5 and -0.5.
 */
class TestSuiteConformanceTest {
  /**
   * Cases whose first encoding our writer deliberately does not produce, by case name. The suite
   * lists 2^63 - 1 as int64 (d3) first but 2^32 and 2^48 as uint64 (cf) first; like msgpack-core,
   * we write every non-negative integer in the uint family, which is both consistent and in the
   * suite's list.
   */
  static final Map<String, String> DEVIATIONS =
      Map.of(
          "23.number-bignum.yaml[4]",
          "non-negative integers are written as uint64 (cf), the suite's second listing");

  private static final Limits LIMITS = Limits.defaults();

  record Case(String name, String type, JsonNode value, List<byte[]> encodings) {
    @Override
    public String toString() {
      return name + " " + type + "=" + value;
    }
  }

  static List<Case> cases() throws IOException {
    JsonNode root;
    try (InputStream in =
        TestSuiteConformanceTest.class.getResourceAsStream(
            "/msgpack-test-suite/msgpack-test-suite.json")) {
      assertThat(in).as("msgpack-test-suite.json on the test class path").isNotNull();
      root = new ObjectMapper().readTree(in);
    }
    List<Case> cases = new ArrayList<>();
    for (Map.Entry<String, JsonNode> file : root.properties()) {
      int index = 0;
      for (JsonNode exam : file.getValue()) {
        String type = exam.has("bignum") ? "bignum" : null;
        for (Iterator<String> names = exam.fieldNames(); type == null && names.hasNext(); ) {
          String name = names.next();
          if (!name.equals("msgpack")) {
            type = name;
          }
        }
        List<byte[]> encodings = new ArrayList<>();
        for (JsonNode encoding : exam.get("msgpack")) {
          encodings.add(hex(encoding.asText()));
        }
        cases.add(new Case(file.getKey() + "[" + index++ + "]", type, exam.get(type), encodings));
      }
    }
    return cases;
  }

  @Test
  void theSuiteIsComplete() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSize(85);
    assertThat(cases.stream().map(Case::type).distinct())
        .containsExactlyInAnyOrder(
            "nil",
            "bool",
            "binary",
            "number",
            "bignum",
            "string",
            "array",
            "map",
            "timestamp",
            "ext");
    assertThat(cases.stream().mapToInt(c -> c.encodings().size()).sum()).isEqualTo(233);
  }

  @TestFactory
  Stream<DynamicTest> bothReadersDecodeEveryListedEncoding() throws IOException {
    return cases().stream()
        .flatMap(
            c ->
                Stream.of(MessagePackCodec.generic(), MessagePackCodec.genericOldSpec())
                    .flatMap(
                        codec ->
                            c.encodings().stream()
                                .map(
                                    encoding ->
                                        DynamicTest.dynamicTest(
                                            codec.descriptor().name()
                                                + " decodes "
                                                + c.name()
                                                + " from "
                                                + HexFormat.of().formatHex(encoding),
                                            () -> {
                                              Object decoded =
                                                  codec.decode(
                                                      encoding, 0, encoding.length, LIMITS);
                                              assertThat(matches(c, decoded))
                                                  .as("%s decoded as %s", c, decoded)
                                                  .isTrue();
                                            }))));
  }

  @TestFactory
  Stream<DynamicTest> currentSpecWriterEncodesTheFirstListedEncoding() throws IOException {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "msgpack encodes " + c,
                    () -> {
                      byte[] encoded = encode(MessagePackCodec.generic(), value(c));
                      String reason = DEVIATIONS.get(c.name());
                      if (reason == null) {
                        assertThat(HexFormat.of().formatHex(encoded))
                            .as(c.toString())
                            .isEqualTo(HexFormat.of().formatHex(c.encodings().get(0)));
                      } else {
                        assertThat(encoded)
                            .as("deviation: " + reason)
                            .isNotEqualTo(c.encodings().get(0));
                        assertThat(c.encodings())
                            .as(reason)
                            .anySatisfy(e -> assertThat(e).isEqualTo(encoded));
                      }
                    }));
  }

  /**
   * The old-spec writer gives the current writer's bytes except where the old specification lacks
   * the format: str8 becomes str16 (da), binary becomes raw, and timestamps and extensions cannot
   * be written at all.
   */
  @TestFactory
  Stream<DynamicTest> oldSpecWriterDiffersOnlyWhereTheOldSpecificationLacksTheFormat()
      throws IOException {
    return cases().stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    "msgpack-oldspec encodes " + c,
                    () -> {
                      Object value = value(c);
                      Codec<Object> old = MessagePackCodec.genericOldSpec();
                      switch (c.type()) {
                        case "timestamp", "ext" ->
                            assertThatThrownBy(() -> encode(old, value))
                                .isInstanceOf(UnencodableValueException.class)
                                .hasMessageContaining("old MessagePack specification");
                        case "binary" -> {
                          byte[] bytes = (byte[]) value;
                          byte[] encoded = encode(old, value);
                          assertThat(encoded[0] & 0xff).isEqualTo(0xa0 | bytes.length);
                          Object decoded = old.decode(encoded, 0, encoded.length, LIMITS);
                          assertThat(Equivalence.oldSpec(value, decoded))
                              .as("%s read back as %s", c, decoded)
                              .isTrue();
                        }
                        default -> {
                          byte[] current = encode(MessagePackCodec.generic(), value);
                          byte[] encoded = encode(old, value);
                          if ((current[0] & 0xff) == 0xd9) {
                            byte[] str16 = firstStartingWith(c, 0xda);
                            assertThat(encoded).isEqualTo(str16);
                          } else {
                            assertThat(encoded).isEqualTo(current);
                          }
                        }
                      }
                    }));
  }

  private static byte[] firstStartingWith(Case c, int code) {
    return c.encodings().stream()
        .filter(e -> (e[0] & 0xff) == code)
        .findFirst()
        .orElseThrow(() -> new AssertionError(c + " lists no encoding starting with " + code));
  }

  private static byte[] encode(Codec<Object> codec, @Nullable Object value) {
    PayloadBuffer buffer = new PayloadBuffer(16, LIMITS.maxPayloadSize());
    codec.encode(value, buffer, LIMITS);
    return buffer.toByteArray();
  }

  private static boolean matches(Case c, @Nullable Object decoded) {
    Object expected = value(c);
    if (expected instanceof Number e && decoded instanceof Number d) {
      return exact(e).compareTo(exact(d)) == 0;
    }
    return Equivalence.current(expected, decoded);
  }

  private static BigDecimal exact(Number n) {
    if (n instanceof Float || n instanceof Double) {
      return new BigDecimal(n.doubleValue());
    }
    return new BigDecimal(n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue()));
  }

  /** The Java value of a case, in the generic model. */
  static @Nullable Object value(Case c) {
    JsonNode v = c.value();
    return switch (c.type()) {
      case "nil" -> null;
      case "bool" -> v.booleanValue();
      case "binary" -> hex(v.asText());
      case "bignum" -> integer(new BigInteger(v.asText()));
      case "timestamp" -> Instant.ofEpochSecond(v.get(0).longValue(), v.get(1).longValue());
      case "ext" -> new MessagePackExtension((byte) v.get(0).intValue(), hex(v.get(1).asText()));
      default -> json(v);
    };
  }

  private static @Nullable Object json(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return integer(v.bigIntegerValue());
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return (double) (float) d == d ? (Object) (float) d : (Object) d;
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isArray()) {
      List<@Nullable Object> list = new ArrayList<>();
      v.forEach(element -> list.add(json(element)));
      return list;
    }
    Map<Object, @Nullable Object> map = new LinkedHashMap<>();
    v.properties().forEach(entry -> map.put(entry.getKey(), json(entry.getValue())));
    return map;
  }

  private static Object integer(BigInteger value) {
    return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
  }

  private static byte[] hex(String dashed) {
    return HexFormat.of().parseHex(dashed.replace("-", ""));
  }
}
