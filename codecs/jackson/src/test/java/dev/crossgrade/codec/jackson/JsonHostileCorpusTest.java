package dev.crossgrade.codec.jackson;

import static dev.crossgrade.codec.PayloadException.Kind.CORRUPT;
import static dev.crossgrade.codec.PayloadException.Kind.LIMIT_EXCEEDED;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.HostileCorpus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The committed hostile JSON bodies under {@code hostile/json-generic/}, {@code
 * hostile/json-order/} and {@code hostile/canonical-json/}, decoded with {@link
 * HostileJson#LIMITS}: each fails with the kind its file name states while allocating at most max(4
 * x its size, 64 KiB).
 */
class JsonHostileCorpusTest {
  private static final String GENERIC_SLOTS = "%s";
  private static final String[] ORDER_SLOTS = {
    "{\"attributes\":{\"a\":%s}}", "{\"id\":%s}", "{\"lines\":[{\"tags\":%s}]}"
  };

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, byte[]> common(Map<String, byte[]> limitBodies) {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    limitBodies.forEach(
        (what, body) -> inputs.put(HostileCorpus.fileName(LIMIT_EXCEEDED, what), body));
    inputs.put(HostileCorpus.fileName(CORRUPT, "empty body"), new byte[0]);
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a duplicate key"), utf8("{\"id\":\"a\",\"id\":\"b\"}"));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "content after the value"), utf8("{\"id\":\"a\"} {}"));
    inputs.put(HostileCorpus.fileName(CORRUPT, "an unterminated string"), utf8("{\"id\":\"abc"));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "bytes that are not utf-8"),
        new byte[] {'{', '"', 'i', 'd', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'});
    inputs.put(HostileCorpus.fileName(CORRUPT, "a NaN literal"), utf8("{\"id\":NaN}"));
    inputs.put(HostileCorpus.fileName(CORRUPT, "a single quote string"), utf8("{'id':'a'}"));
    inputs.put(HostileCorpus.fileName(CORRUPT, "a comment"), utf8("/* x */ {\"id\":\"a\"}"));
    return inputs;
  }

  static Map<String, byte[]> generic() {
    return common(HostileJson.bodies(GENERIC_SLOTS, "[%s]", GENERIC_SLOTS));
  }

  static Map<String, byte[]> order() {
    Map<String, byte[]> inputs =
        common(HostileJson.bodies(ORDER_SLOTS[0], ORDER_SLOTS[1], ORDER_SLOTS[2]));
    inputs.put(HostileCorpus.fileName(CORRUPT, "an array, not an order"), utf8("[1,2]"));
    inputs.put(HostileCorpus.fileName(CORRUPT, "quantity is a float"), utf8("{\"quantity\":1.5}"));
    inputs.put(HostileCorpus.fileName(CORRUPT, "status is a number"), utf8("{\"status\":1}"));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a class name where a value is expected"),
        utf8(
            "{\"attributes\":{\"a\":[\"java.net.URL\",\"http://x\"]},\"@class\":\"java.lang.Runtime\"}"
                .replace("]},", "]},\"quantity\":\"x\",")));
    return inputs;
  }

  static Map<String, byte[]> canonical() {
    Map<String, byte[]> inputs = generic();
    inputs.put(HostileCorpus.fileName(CORRUPT, "a lone surrogate escape"), utf8("[\"\\ud800\"]"));
    inputs.put(HostileCorpus.fileName(CORRUPT, "a number beyond double"), utf8("[1e400]"));
    return inputs;
  }

  private static void check(String dir, Map<String, byte[]> inputs, Codec<?> codec) {
    HostileCorpus.writeOrVerify(dir, inputs);
    HostileCorpus.check(dir, b -> codec.decode(b, 0, b.length, HostileJson.LIMITS));
  }

  @Test
  void genericJsonInputsFailAsExpectedWithinTheAllocationBound() {
    check("json-generic", generic(), JsonCodec.generic());
  }

  @Test
  void recordJsonInputsFailAsExpectedWithinTheAllocationBound() {
    check("json-order", order(), JacksonJsonFuzzTest.ORDERS);
  }

  @Test
  void canonicalJsonInputsFailAsExpectedWithinTheAllocationBound() {
    check("canonical-json", canonical(), CanonicalJson.codec());
  }

  /** With {@code -Dcrossgrade.writeFuzzSeeds=true}: the fuzz targets' seed corpora. */
  @AfterAll
  static void writeFuzzSeeds() {
    HostileCorpus.writeFuzzSeeds(
        JacksonJsonFuzzTest.class,
        "jsonDecodersThrowOnlyTypedExceptions",
        HostileCorpus.goldenBodies("json"),
        "json-generic",
        "json-order");
    HostileCorpus.writeFuzzSeeds(
        CanonicalJsonFuzzTest.class,
        "canonicalJsonThrowsOnlyTypedExceptions",
        HostileCorpus.goldenBodies("canonical-json"),
        "canonical-json");
  }
}
