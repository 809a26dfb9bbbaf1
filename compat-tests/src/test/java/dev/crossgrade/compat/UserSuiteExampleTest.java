package dev.crossgrade.compat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a user's own test suite declares its runtimes (the released build and the candidate) and its
 * cached types, and fails the build when a type would break a mixed fleet. A real suite points at
 * the jar of the release that runs in production and at the jar just built; here both are compiled
 * from sources so that the example runs anywhere.
 */
class UserSuiteExampleTest {
  @TempDir static Path dir;
  static Path releasedJar;
  static Path candidateJar;

  @BeforeAll
  static void builds() throws IOException {
    releasedJar = SampleApp.build(dir, "shop-1.4", Map.of("com.acme.Order", SampleApp.ORDER_V1));
    candidateJar =
        SampleApp.build(dir, "shop-1.5", Map.of("com.acme.Order", SampleApp.ORDER_V2_TAGS));
  }

  @Test
  void cachedTypesStayReadableInAMixedFleet() {
    UserJarMatrix.newBuilder()
        .oldJar(releasedJar)
        .newJar(candidateJar)
        .type("com.acme.Order")
        .codec(UserCodec.JSON)
        .tries(500)
        .build()
        .run()
        .assertNoFailures();
  }
}
