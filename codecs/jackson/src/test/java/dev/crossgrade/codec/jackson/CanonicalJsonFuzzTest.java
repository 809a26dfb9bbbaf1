package dev.crossgrade.codec.jackson;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.FuzzChecks;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadException;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of RFC 8785 canonical JSON: the generic and record decoders, and {@link
 * CanonicalJson#canonicalize}, whose output must canonicalize to itself. Any bytes give a value or
 * a codec-api exception. The normal test run replays the committed corpus under {@code
 * CanonicalJsonFuzzTestInputs/}; {@code scripts/fuzz 5m CanonicalJsonFuzzTest} fuzzes for real.
 */
class CanonicalJsonFuzzTest {
  static final Codec<Order> ORDERS = JsonCodec.newBuilder(Order.class).canonical().build();

  @FuzzTest(maxDuration = "10s")
  void canonicalJsonThrowsOnlyTypedExceptions(byte[] body) {
    FuzzChecks.decode(CanonicalJson.codec(), body);
    FuzzChecks.decode(ORDERS, body);
    byte[] canonical;
    try {
      canonical = CanonicalJson.canonicalize(body, 0, body.length, Limits.defaults());
    } catch (PayloadException expected) {
      return;
    }
    byte[] again = CanonicalJson.canonicalize(canonical, 0, canonical.length, Limits.defaults());
    if (!Arrays.equals(canonical, again)) {
      throw new AssertionError(
          "canonical form "
              + FuzzChecks.hex(canonical)
              + " canonicalizes to "
              + FuzzChecks.hex(again));
    }
  }
}
