package dev.crossgrade.cli;

import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.jackson.CanonicalJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code crossgrade canon [FILE]}: the RFC 8785 canonical form of a JSON document. */
@Command(
    name = "canon",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the RFC 8785 canonical form of the JSON read from FILE or standard input: sorted"
          + " keys, ECMAScript number formatting that is the same on every JDK, no whitespace.",
      "Exit status 2 with 'line:column: reason' on input that cannot be canonicalized (invalid"
          + " JSON, duplicate keys, lone surrogates, numbers out of range)."
    })
final class CanonCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand Crossgrade parent;

  @Parameters(arity = "0..1", paramLabel = "FILE", description = "JSON file (default: stdin).")
  Path file;

  @Option(
      names = {"-n", "--no-newline"},
      description = "Print exactly the canonical bytes, without a final newline.")
  boolean noNewline;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    byte[] input;
    try {
      input = file == null ? parent.stdin().readAllBytes() : Files.readAllBytes(file);
    } catch (IOException e) {
      err.println("crossgrade canon: cannot read " + file + ": " + e);
      return 2;
    }
    byte[] canonical;
    try {
      canonical = CanonicalJson.canonicalize(input);
    } catch (PayloadException e) {
      err.println((file == null ? "" : file + ":") + e.reason());
      return 2;
    }
    OutputStream out = parent.stdout();
    out.write(canonical);
    if (!noNewline) {
      out.write('\n');
    }
    out.flush();
    return 0;
  }
}
