package dev.crossgrade.codec.kryo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crossgrade.codec.FuzzChecks;

/**
 * Coverage-guided fuzzing of the Kryo 5 decoders (the generic model and a registered user type):
 * any bytes give a value or a codec-api exception, and what is read writes back to stable bytes.
 * The normal test run replays the committed corpus under {@code Kryo5FuzzTestInputs/}; {@code
 * scripts/fuzz 5m Kryo5FuzzTest} fuzzes for real.
 */
class Kryo5FuzzTest {
  @FuzzTest(maxDuration = "10s")
  void kryo5DecodersThrowOnlyTypedExceptions(byte[] body) {
    FuzzChecks.decode(Kryo5Codec.generic(), body);
    FuzzChecks.decode(Kryo5PersonCodecTest.CODEC, body);
  }
}
