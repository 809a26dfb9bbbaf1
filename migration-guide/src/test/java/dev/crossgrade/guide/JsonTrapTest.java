package dev.crossgrade.guide;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossgrade.codec.jackson.CanonicalJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Trap 3: key order and number formatting in JSON, and why canonical JSON fixes change detection.
 */
class JsonTrapTest {
  final ObjectMapper jacksonDefaults = new ObjectMapper();

  @Test
  void doubleToStringChangedInJdk19AndCanonicalJsonDidNot() throws JsonProcessingException {
    // tag::json-numbers[]
    // Jackson's defaults write a double with Double.toString, whose output changed in JDK 19
    // (JDK-4511638): JDK 17 does not always print the shortest decimal.
    String written = jacksonDefaults.writeValueAsString(Map.of("amount", 2e23));
    if (Runtime.version().feature() >= 19) {
      assertThat(written).isEqualTo("{\"amount\":2.0E23}");
    } else {
      assertThat(written).isEqualTo("{\"amount\":1.9999999999999998E23}");
    }
    // Both texts are the same double; RFC 8785 writes it one way on every JDK.
    assertThat(Double.parseDouble("1.9999999999999998E23")).isEqualTo(2e23);
    assertThat(CanonicalJson.formatNumber(2e23)).isEqualTo("2e+23");
    assertThat(CanonicalJson.canonicalize("{\"amount\":1.9999999999999998E23}"))
        .isEqualTo(CanonicalJson.canonicalize("{\"amount\":2.0E23}"))
        .isEqualTo("{\"amount\":2e+23}");
    // end::json-numbers[]
    assertThat(Double.toString(2e23))
        .isEqualTo(Runtime.version().feature() >= 19 ? "2.0E23" : "1.9999999999999998E23")
        .isNotEqualTo(CanonicalJson.formatNumber(2e23));
  }

  @Test
  void mapOfHasNoStableOrderAndCanonicalJsonSortsTheKeys() throws JsonProcessingException {
    // tag::json-key-order[]
    Map<String, Object> cart = Map.of("id", "c1", "items", List.of("apple"), "total", 2.5);
    // Map.of iterates in an order salted at JVM start-up: two runtimes, or two restarts of one,
    // see different orders. The same map in another order, as another JVM may iterate it:
    List<String> keys = new ArrayList<>(cart.keySet());
    Collections.reverse(keys);
    Map<String, Object> sameCart = new LinkedHashMap<>();
    keys.forEach(key -> sameCart.put(key, cart.get(key)));

    assertThat(sameCart).isEqualTo(cart);
    assertThat(jacksonDefaults.writeValueAsString(sameCart))
        .isNotEqualTo(jacksonDefaults.writeValueAsString(cart));
    assertThat(new String(CanonicalJson.write(sameCart), UTF_8))
        .isEqualTo(new String(CanonicalJson.write(cart), UTF_8))
        .isEqualTo("{\"id\":\"c1\",\"items\":[\"apple\"],\"total\":2.5}");
    // end::json-key-order[]
  }

  @Test
  void aFingerprintOfCanonicalJsonChangesOnlyWhenTheValueDoes() throws Exception {
    Map<String, Object> cart = Map.of("id", "c1", "amount", 2e23, "items", List.of("apple"));
    List<String> keys = new ArrayList<>(cart.keySet());
    Collections.reverse(keys);
    Map<String, Object> sameCart = new LinkedHashMap<>();
    keys.forEach(key -> sameCart.put(key, cart.get(key)));
    Map<String, Object> changed = new LinkedHashMap<>(cart);
    changed.put("items", List.of("apple", "pear"));

    assertThat(naiveFingerprint(sameCart)).isNotEqualTo(naiveFingerprint(cart));
    assertThat(fingerprint(sameCart)).isEqualTo(fingerprint(cart));
    assertThat(fingerprint(changed)).isNotEqualTo(fingerprint(cart));
  }

  // tag::fingerprint[]
  // A change detector (an ETag, a "did this entry change?" check before a write or an event)
  // must hash bytes that depend on the value alone: not on the JDK, not on a map's order.
  static String fingerprint(Object value) throws NoSuchAlgorithmException {
    byte[] canonical = CanonicalJson.write(value);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
  }

  // end::fingerprint[]

  String naiveFingerprint(Object value) throws Exception {
    byte[] naive = jacksonDefaults.writeValueAsBytes(value);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(naive));
  }
}
