package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed Thrift-generated sources are what regenerate-thrift.sh makes from the IDL. */
class GeneratedThriftIsCurrentTest {
  @Test
  void committedSourcesMatchTheIdl(@TempDir Path dir) throws IOException, InterruptedException {
    Path module = Path.of(System.getProperty("user.dir"));
    assumeTrue(
        Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(p -> Files.isExecutable(Path.of(p, "thrift"))),
        "no thrift compiler on PATH (apt-get install thrift-compiler)");
    Path out = dir.resolve("gen");
    Process process =
        new ProcessBuilder(
                "bash", module.resolve("regenerate-thrift.sh").toString(), out.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    Path committed = module.resolve("src/main/java-generated");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(out)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).hasSize(6);
    for (Path file : files) {
      assertThat(committed.resolve(out.relativize(file))).hasSameBinaryContentAs(file);
    }
  }
}
