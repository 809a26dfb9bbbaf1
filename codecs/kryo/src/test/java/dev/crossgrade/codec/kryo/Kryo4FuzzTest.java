package dev.crossgrade.codec.kryo;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crossgrade.codec.FuzzChecks;

/**
 * Coverage-guided fuzzing of the Kryo 4 decoders (the generic model and a registered user type):
 * any bytes give a value or a codec-api exception, and what is read writes back to stable bytes.
 * The normal test run replays the committed corpus under {@code Kryo4FuzzTestInputs/}; {@code
 * scripts/fuzz 5m Kryo4FuzzTest} fuzzes for real.
 */
class Kryo4FuzzTest {
  @FuzzTest(maxDuration = "10s")
  void kryo4DecodersThrowOnlyTypedExceptions(byte[] body) {
    FuzzChecks.decode(Kryo4Codec.generic(), body);
    FuzzChecks.decode(Kryo4PersonCodecTest.CODEC, body);
  }
}
