package dev.crossgrade.codec.jackson;

import dev.crossgrade.codec.Limits;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON bodies built to exhaust a reader, each over one of the {@link Limits}. */
final class HostileJson {
  /** The limits the contract tests decode with: strings and collections smaller than default. */
  static final Limits LIMITS =
      Limits.newBuilder().maxStringLength(100_000).maxCollectionSize(10_000).build();

  private HostileJson() {}

  /**
   * Hostile bodies; each puts its hostile part where {@code slot} says: {@code "%s"} for the whole
   * body, {@code "{\"attributes\":%s}"} inside a property.
   */
  static Map<String, byte[]> bodies(String slot, String stringSlot, String listSlot) {
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    bodies.put("arrays nested 100,000 deep", utf8(slot.formatted("[".repeat(100_000))));
    bodies.put("objects nested 100,000 deep", utf8(slot.formatted("{\"a\":".repeat(100_000))));
    bodies.put(
        "a string longer than maxStringLength",
        utf8(stringSlot.formatted("\"" + "x".repeat(LIMITS.maxStringLength() + 1) + "\"")));
    bodies.put(
        "a key longer than maxStringLength",
        utf8("{\"" + "k".repeat(LIMITS.maxStringLength() + 1) + "\":1}"));
    bodies.put(
        "an array longer than maxCollectionSize",
        utf8(listSlot.formatted("[" + "null,".repeat(LIMITS.maxCollectionSize()) + "null]")));
    bodies.put("a number of 2,000 digits", utf8(slot.formatted("[" + "9".repeat(2_000) + "]")));
    bodies.put(
        "a body over maxPayloadSize",
        utf8(" ".repeat((int) LIMITS.maxPayloadSize()) + slot.formatted("[]")));
    return bodies;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
