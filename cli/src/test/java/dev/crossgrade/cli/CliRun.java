package dev.crossgrade.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Runs the command in-process and captures what it prints. */
record CliRun(int status, byte[] stdout, String err) {
  static CliRun of(String... args) {
    return withInput(new byte[0], args);
  }

  static CliRun withInput(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Crossgrade.run(args, new ByteArrayInputStream(stdin), out, err);
    return new CliRun(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }
}
