package dev.crossgrade.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedThriftTest {
  @Test
  void comparison_reportsAChangedAMissingAndAnExtraFile(@TempDir Path temp) throws IOException {
    Path a = temp.resolve("a");
    Path b = temp.resolve("b");
    write(a.resolve("p/Same.java"), "same\n");
    write(b.resolve("p/Same.java"), "same\n");
    write(a.resolve("p/Changed.java"), "one\ntwo\n");
    write(b.resolve("p/Changed.java"), "one\nTWO\n");
    write(a.resolve("p/Gone.java"), "x\n");
    write(b.resolve("p/New.java"), "y\n");
    write(a.resolve("p/Newline.java"), "z");
    write(b.resolve("p/Newline.java"), "z\n");

    assertThat(GeneratedThrift.differences(a, b))
        .containsExactly(
            "p/Changed.java: line 2 is 'two' but 'TWO' is generated",
            "p/Gone.java: committed but no longer generated",
            "p/New.java: generated but not committed",
            "p/Newline.java: line endings or final newline differ");
    assertThat(GeneratedThrift.differences(a, a)).isEmpty();
  }

  @Test
  void theScriptIsFoundAboveAModule() throws IOException {
    Path module = Path.of("").toAbsolutePath();
    assertThat(GeneratedThrift.script(module))
        .isEqualTo(module.getParent().resolve("scripts/regenerate-thrift"));
  }

  private static void write(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }
}
