package dev.crossgrade.codec.msgpack;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.FuzzChecks;

/**
 * Coverage-guided fuzzing of the old-spec MessagePack readers (the generic model and a record type
 * written for old readers): any bytes give a value or a codec-api exception, and what is read
 * writes back to stable bytes. The normal test run replays the committed corpus under {@code
 * MsgpackOldSpecFuzzTestInputs/}; {@code scripts/fuzz 5m MsgpackOldSpecFuzzTest} fuzzes for real.
 */
class MsgpackOldSpecFuzzTest {
  static final Codec<Customer> OLD_CUSTOMER =
      MessagePackCodec.newBuilder(Customer.class).spec(MessagePackSpec.OLD).build();

  @FuzzTest(maxDuration = "10s")
  void oldSpecReadersThrowOnlyTypedExceptions(byte[] body) {
    FuzzChecks.decode(MessagePackCodec.genericOldSpec(), body);
    FuzzChecks.decode(OLD_CUSTOMER, body);
  }
}
