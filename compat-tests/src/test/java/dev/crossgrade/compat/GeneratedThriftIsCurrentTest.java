package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.crossgrade.tooling.GeneratedThrift;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed Java sources in {@code src/main/java-generated} are what {@code
 * scripts/regenerate-thrift compat-tests main} makes of the IDLs in {@code src/main/thrift} today.
 * Needs the {@code thrift} compiler on PATH: without it (or with another version than the one that
 * generated the committed files) the test fails under {@code CI=true} and is skipped elsewhere.
 */
class GeneratedThriftIsCurrentTest {
  @Test
  void committedGeneratedSources_matchTheIdl(@TempDir Path scratch) throws Exception {
    GeneratedThrift.Result result =
        GeneratedThrift.check(Path.of("").toAbsolutePath(), "main", scratch.resolve("generated"));
    if (result.unavailable() != null) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(result.unavailable() + "; CI must install it to check the generated sources");
      }
      Assumptions.abort(result.unavailable());
    }
    assertThat(result.differences())
        .as("run scripts/regenerate-thrift compat-tests main and commit the result")
        .isEmpty();
  }
}
