package dev.crossgrade.codec.msgpack;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crossgrade.codec.FuzzChecks;

/**
 * Coverage-guided fuzzing of the current-spec MessagePack readers (the generic model and a record
 * type): any bytes give a value or a codec-api exception, and what is read writes back to stable
 * bytes. The normal test run replays the committed corpus under {@code MsgpackFuzzTestInputs/};
 * {@code scripts/fuzz 5m MsgpackFuzzTest} fuzzes for real.
 */
class MsgpackFuzzTest {
  @FuzzTest(maxDuration = "10s")
  void currentSpecReadersThrowOnlyTypedExceptions(byte[] body) {
    FuzzChecks.decode(MessagePackCodec.generic(), body);
    FuzzChecks.decode(CustomerCodecTest.CODEC, body);
  }
}
