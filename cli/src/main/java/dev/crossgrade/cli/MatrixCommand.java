package dev.crossgrade.cli;

import dev.crossgrade.compat.CheckMode;
import dev.crossgrade.compat.CompatibilityMatrix;
import dev.crossgrade.compat.MatrixOptions;
import dev.crossgrade.compat.MatrixProgress;
import dev.crossgrade.compat.MatrixReport;
import dev.crossgrade.compat.UserCodec;
import dev.crossgrade.compat.UserJarMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
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
      "With --old and --new (jars or classes folders) it checks a user's cached types between two"
          + " builds instead: each build's CachedTypesProvider (from META-INF/services, or named"
          + " with --provider) gives the registries production uses; without one, --type names the"
          + " types and a default setup (Jackson with the jdk8, jsr310 and parameter-names modules,"
          + " Jackson MessagePack, Kryo 5 over the whole type graph) is tried per --codec.",
      "Prints a line per cell on standard error. Exit status 0 when no cell is FAIL, 1 when one"
          + " is, 2 on bad arguments."
    })
final class MatrixCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--tries",
      paramLabel = "N",
      description = "Generated values per cell (default 10000; 500 with --mode quick).")
  Integer tries;

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

  @Option(
      names = "--old",
      paramLabel = "OLD",
      description = "The old build of the app: a jar or a classes folder.")
  Path oldJar;

  @Option(
      names = "--new",
      paramLabel = "NEW",
      description = "The new build of the app: a jar or a classes folder.")
  Path newJar;

  @Option(
      names = "--type",
      paramLabel = "CLASS",
      description = "A cached type in both builds (repeatable).")
  List<String> types;

  @Option(
      names = "--old-type",
      paramLabel = "CLASS",
      description =
          "A cached type as the old build names it, for a class that moved (repeatable,"
              + " paired in order with --new-type).")
  List<String> oldTypes;

  @Option(
      names = "--new-type",
      paramLabel = "CLASS",
      description = "The same type as the new build names it.")
  List<String> newTypes;

  @Option(
      names = "--codec",
      paramLabel = "NAME",
      description = "json, msgpack or kryo5, without a provider (repeatable; default all three).")
  List<String> codecs;

  @Option(
      names = "--provider",
      paramLabel = "CLASS",
      description = "The CachedTypesProvider class in each build, instead of META-INF/services.")
  String provider;

  @Option(names = "--mode", paramLabel = "MODE", description = "full or quick (default full).")
  String mode;

  @Option(
      names = "--time-limit",
      paramLabel = "SECONDS",
      description =
          "The longest one cell of --old/--new may take, tries and shrinking (default 30).")
  Integer timeLimit;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    if (tries != null && tries < 1) {
      err.println("crossgrade matrix: --tries must be 1 or more, was " + tries);
      return 2;
    }
    boolean userMode =
        oldJar != null
            || newJar != null
            || types != null
            || oldTypes != null
            || newTypes != null
            || provider != null
            || codecs != null;
    ProgressBar bar = new ProgressBar(err, "matrix");
    MatrixProgress progress =
        (done, total, cell) ->
            bar.step(
                done,
                total,
                cell.codec() + " " + cell.writer(),
                "%s %s %s -> %s: %s"
                    .formatted(
                        cell.group(),
                        cell.codec(),
                        cell.writer(),
                        cell.reader(),
                        cell.verdict().label()));
    MatrixReport report;
    if (userMode) {
      UserJarMatrix.Builder builder = userMatrix(err);
      if (builder == null) {
        return 2;
      }
      try {
        report = builder.progress(progress).build().run();
      } catch (IllegalArgumentException e) {
        bar.finish();
        err.println("crossgrade matrix: " + e.getMessage());
        return 2;
      }
    } else {
      MatrixOptions.Builder options =
          MatrixOptions.newBuilder()
              .tries(tries == null ? MatrixOptions.DEFAULT_TRIES : tries)
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
    err.println(
        report.summary()
            + String.format(Locale.ROOT, " in %.1f s", report.elapsed().toMillis() / 1000.0)
            + (out == null ? "" : " -> " + out));
    return report.hasFailures() ? 1 : 0;
  }

  /** The user-jar matrix as the options ask, or null after printing what is wrong. */
  private UserJarMatrix.Builder userMatrix(java.io.PrintWriter err) {
    if (oldJar == null || newJar == null) {
      err.println(
          "crossgrade matrix: user-jar mode needs --old and --new (and --type, --old-type/--new-type"
              + " or a CachedTypesProvider in the builds)");
      return null;
    }
    for (Path build : List.of(oldJar, newJar)) {
      if (!Files.exists(build)) {
        err.println("crossgrade matrix: " + build + " does not exist (a jar or classes folder)");
        return null;
      }
    }
    int olds = oldTypes == null ? 0 : oldTypes.size();
    int news = newTypes == null ? 0 : newTypes.size();
    if (olds != news) {
      err.println(
          "crossgrade matrix: --old-type and --new-type come in pairs; got %s and %s"
              .formatted(olds, news));
      return null;
    }
    UserJarMatrix.Builder builder = UserJarMatrix.newBuilder().oldJar(oldJar).newJar(newJar);
    try {
      if (types != null) {
        types.forEach(builder::type);
      }
      for (int i = 0; i < olds; i++) {
        builder.type(oldTypes.get(i), newTypes.get(i));
      }
      if (codecs != null) {
        for (String name : codecs) {
          builder.codec(codec(name));
        }
      }
      if (provider != null) {
        builder.provider(provider);
      }
      if (mode != null) {
        builder.mode(mode(mode));
      }
      if (tries != null) {
        builder.tries(tries);
      }
      if (seed != null) {
        builder.seed(seed);
      }
      if (timeLimit != null) {
        builder.timeLimitPerCell(Duration.ofSeconds(timeLimit));
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("crossgrade matrix: " + e.getMessage());
      return null;
    }
    if (types == null && olds == 0 && provider == null && !shipsProvider()) {
      err.println(
          "crossgrade matrix: name the cached types with --type (or --old-type/--new-type), or"
              + " ship a CachedTypesProvider in the builds");
      return null;
    }
    return builder;
  }

  private boolean shipsProvider() {
    String entry = "META-INF/services/dev.crossgrade.compat.CachedTypesProvider";
    for (Path build : List.of(oldJar, newJar)) {
      if (Files.isDirectory(build)) {
        if (Files.exists(build.resolve(entry))) {
          return true;
        }
      } else {
        try (var jar = new java.util.jar.JarFile(build.toFile())) {
          if (jar.getEntry(entry) != null) {
            return true;
          }
        } catch (IOException e) {
          return false; // not a jar: run() says so
        }
      }
    }
    return false;
  }

  private static UserCodec codec(String name) {
    for (UserCodec codec : UserCodec.values()) {
      if (codec.label().equals(name) || (name.equals("kryo") && codec == UserCodec.KRYO5)) {
        return codec;
      }
    }
    throw new IllegalArgumentException(
        "no codec named '" + name + "' for --codec; use json, msgpack or kryo5");
  }

  private static CheckMode mode(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "full" -> CheckMode.FULL;
      case "quick" -> CheckMode.QUICK;
      default ->
          throw new IllegalArgumentException(
              "no mode named '" + name + "' for --mode; use full or quick");
    };
  }
}
