package dev.crossgrade.codec.thrift;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.FuzzChecks;
import dev.crossgrade.codec.thrift.sample.Sample;
import dev.crossgrade.codec.thrift.sample.v2.User;

/**
 * Coverage-guided fuzzing of the Thrift binary protocol decoders (the sample struct with every
 * field kind and a recursive tree, and an evolved user struct): any bytes give a value or a
 * codec-api exception, and what is read writes back and reads as the same value (not always the
 * same bytes: a set or map is written in the order of the hash set or map it was read into, and a
 * set read with duplicate elements is smaller). The normal test run replays the committed corpus
 * under {@code ThriftBinaryFuzzTestInputs/}; {@code scripts/fuzz 5m ThriftBinaryFuzzTest} fuzzes
 * for real.
 */
class ThriftBinaryFuzzTest {
  static final Codec<Sample> SAMPLES =
      ThriftCodec.newBuilder(Sample.class, Sample::new).protocol(ThriftProtocol.BINARY).build();
  static final Codec<User> USERS =
      ThriftCodec.newBuilder(User.class, User::new).protocol(ThriftProtocol.BINARY).build();

  @FuzzTest(maxDuration = "10s")
  void binaryDecodersThrowOnlyTypedExceptions(byte[] body) {
    FuzzChecks.decode(SAMPLES, body, ThriftEquivalence::same);
    FuzzChecks.decode(USERS, body, Object::equals);
  }
}
