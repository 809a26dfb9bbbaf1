package dev.crossgrade.cli;

import dev.crossgrade.compat.CompatibilityMatrix;
import dev.crossgrade.compat.MatrixOptions;
import dev.crossgrade.compat.MatrixProgress;
import dev.crossgrade.compat.MatrixReport;
import dev.crossgrade.compat.UserJarMatrix;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crossgrade matrix}: the compatibility matrix, built-in or for a user's two builds. */
@Command(
    name = "matrix",
    mixinStandardHelpOptions = true,
    description = {
      "Writes values with one runtime and reads them with another, for every codec, both JDKs on"
          + " this machine, both Kryo and MessagePack generations and two schema versions, and"
          + " prints the compatibility matrix: PASS, FAIL (with a shrunk counterexample),"
          + " EXPECTED-FAIL (a documented incompatibility) or NOT-RUN.",
      "With --old, --new and --type it checks a user's cached types between two builds of an"
          + " application instead.",
      "Exit status 0 when no cell is FAIL, 1 otherwise, 2 on bad arguments."
    })
final class MatrixCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--tries",
      paramLabel = "N",
      defaultValue = "10000",
      description = "Generated values per cell (default ${DEFAULT-VALUE}).")
  int tries;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text, json or html (default ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the report to FILE.")
  Path out;

  @Option(names = "--seed", paramLabel = "SEED", description = "Seed for repeatable runs.")
  Long seed;

  @Option(names = "--old", paramLabel = "OLD.jar", description = "The old build of the app.")
  Path oldJar;

  @Option(names = "--new", paramLabel = "NEW.jar", description = "The new build of the app.")
  Path newJar;

  @Option(
      names = "--type",
      paramLabel = "CLASS",
      description = "A cached type to check between --old and --new (repeatable).")
  List<String> types;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    if (tries < 1) {
      err.println("crossgrade matrix: --tries must be 1 or more, was " + tries);
      return 2;
    }
    boolean userMode = oldJar != null || newJar != null || (types != null && !types.isEmpty());
    ProgressBar bar = new ProgressBar(err, "matrix");
    MatrixProgress progress =
        (done, total, cell) -> bar.update(done, total, cell.codec() + " " + cell.writer());
    MatrixReport report;
    if (userMode) {
      if (oldJar == null || newJar == null || types == null || types.isEmpty()) {
        err.println("crossgrade matrix: user-jar mode needs --old, --new and at least one --type");
        return 2;
      }
      UserJarMatrix.Builder builder =
          UserJarMatrix.newBuilder().oldJar(oldJar).newJar(newJar).tries(tries).progress(progress);
      types.forEach(builder::type);
      if (seed != null) {
        builder.seed(seed);
      }
      report = builder.build().run();
    } else {
      MatrixOptions.Builder options =
          MatrixOptions.newBuilder()
              .tries(tries)
              .workerClassPath(Reports.ownClassPath())
              .progress(progress);
      if (seed != null) {
        options.seed(seed);
      }
      report = CompatibilityMatrix.builtIn(options.build());
    }
    bar.finish();
    MatrixReport finished = report;
    Reports.write(
        spec.commandLine().getOut(),
        out,
        switch (format) {
          case text -> finished::writeText;
          case json -> finished::writeJson;
          case html -> finished::writeHtml;
        });
    if (out != null) {
      err.println(report.summary() + " -> " + out);
    }
    return report.hasFailures() ? 1 : 0;
  }
}
