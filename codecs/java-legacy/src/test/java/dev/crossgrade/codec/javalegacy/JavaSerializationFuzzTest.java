package dev.crossgrade.codec.javalegacy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.crossgrade.codec.FuzzChecks;

/**
 * Coverage-guided fuzzing of the locked-down Java-serialization reader (the core classes and the
 * sample classes allowed): any bytes give a value or a codec-api exception; no class outside the
 * allow-list is loaded (Jazzer's deserialization sanitizer watches for its own gadget class). The
 * normal test run replays the committed corpus under {@code JavaSerializationFuzzTestInputs/};
 * {@code scripts/fuzz 5m JavaSerializationFuzzTest} fuzzes for real.
 */
class JavaSerializationFuzzTest {
  static final JavaSerializationReader<Object> READER = Values.reader();

  @FuzzTest(maxDuration = "10s")
  void javaSerializationReaderThrowsOnlyTypedExceptions(byte[] stream) {
    FuzzChecks.decode(READER, stream);
  }
}
