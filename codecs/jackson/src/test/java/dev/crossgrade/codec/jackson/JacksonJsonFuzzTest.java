package dev.crossgrade.codec.jackson;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.FuzzChecks;

/**
 * Coverage-guided fuzzing of the JSON decoders (the generic model and a record through Jackson
 * databind): any bytes give a value or a codec-api exception, and what is read writes back to
 * stable bytes. The normal test run replays the committed corpus under {@code
 * JacksonJsonFuzzTestInputs/}; {@code scripts/fuzz 5m JacksonJsonFuzzTest} fuzzes for real.
 */
class JacksonJsonFuzzTest {
  static final Codec<Order> ORDERS = JsonCodec.newBuilder(Order.class).build();

  @FuzzTest(maxDuration = "10s")
  void jsonDecodersThrowOnlyTypedExceptions(byte[] body) {
    FuzzChecks.decode(JsonCodec.generic(), body);
    FuzzChecks.decode(ORDERS, body);
  }
}
