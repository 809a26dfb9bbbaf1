package dev.crossgrade.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Writes a report to standard output or to a file. */
final class Reports {
  /** Writes one report format. */
  interface Body {
    void write(Appendable out) throws IOException;
  }

  private Reports() {}

  static void write(PrintWriter stdout, @Nullable Path file, Body body) throws IOException {
    if (file == null) {
      body.write(stdout);
      stdout.flush();
      return;
    }
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      body.write(writer);
    }
  }

  /** The path of the jar (or classes folder) this command runs from, for worker processes. */
  static String ownClassPath() {
    String fromJar = Crossgrade.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    return fromJar.endsWith(".jar") ? fromJar : System.getProperty("java.class.path");
  }
}
