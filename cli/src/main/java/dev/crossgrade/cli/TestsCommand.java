package dev.crossgrade.cli;

import dev.crossgrade.compat.MatrixOptions;
import dev.crossgrade.junit.Outcome;
import dev.crossgrade.junit.RuntimeTestList;
import dev.crossgrade.junit.SuiteComparison;
import dev.crossgrade.junit.SuiteComparisonException;
import dev.crossgrade.junit.TestRuntime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code crossgrade tests}: a project's suite on two JDKs, both outcome sets, the proposed list.
 */
@Command(
    name = "tests",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a Maven project's test suite on two JDKs (the project's mvnw, else mvn: test, failures"
          + " ignored), writes the outcome of every test on each, and proposes the runtime"
          + " test list for the second JDK ("
          + RuntimeTestList.RESOURCE
          + " for crossgrade-junit):"
          + " an include list of the tests that pass on it or an exclude list of those that fail,"
          + " whichever is shorter unless --mode is given.",
      "Exit status 0 when both suites ran (whatever their tests did), 1 when a suite could not"
          + " run, 2 on bad arguments."
    })
final class TestsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--jdk",
      paramLabel = "VERSION",
      required = true,
      description =
          "A JDK feature version found under /usr/lib/jvm, twice: the old runtime, then the new.")
  List<Integer> jdks;

  @Option(
      names = "--project",
      paramLabel = "DIR",
      required = true,
      description = "The Maven project's folder.")
  Path project;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description =
          "Where to write the outcomes and the list (default DIR/target/crossgrade-tests).")
  Path out;

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = "include or exclude: the proposed list's mode (default: the shorter list).")
  String mode;

  @Option(
      names = "--env",
      paramLabel = "NAME=VALUE",
      description = "An environment variable for both suites, such as LANG=C (repeatable).")
  List<String> environment;

  @Option(names = "--offline", description = "Run Maven offline (-o).")
  boolean offline;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "30m",
      description = "The time each suite may take (default ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    SuiteComparison comparison;
    try {
      comparison = comparison(err);
    } catch (IllegalArgumentException e) {
      err.println("crossgrade tests: " + e.getMessage());
      return 2;
    }
    SuiteComparison.Result result;
    try {
      result = comparison.run();
    } catch (SuiteComparisonException e) {
      err.println("crossgrade tests: " + e.getMessage());
      return 1;
    }
    print(result, stdout);
    stdout.flush();
    return 0;
  }

  private SuiteComparison comparison(PrintWriter err) {
    if (jdks.size() != 2) {
      throw new IllegalArgumentException(
          """
          give --jdk twice, the old runtime then the new, such as --jdk 17 --jdk 25; was %s \
          time(s)"""
              .formatted(jdks.size()));
    }
    Map<Integer, Path> homes = MatrixOptions.defaults().jdkHomes();
    for (int jdk : jdks) {
      if (!homes.containsKey(jdk)) {
        throw new IllegalArgumentException(
            "no JDK %s on this machine (looked under /usr/lib/jvm and this JVM's); found: %s"
                .formatted(jdk, homes.keySet()));
      }
    }
    SuiteComparison.Builder builder =
        SuiteComparison.newBuilder()
            .project(project)
            .runtimes(
                TestRuntime.jdk(jdks.get(0)),
                homes.get(jdks.get(0)),
                TestRuntime.jdk(jdks.get(1)),
                homes.get(jdks.get(1)))
            .offline(offline)
            .timeout(RehearseCommand.parseDuration(timeout, "--timeout"))
            .progress(
                line -> {
                  err.println("crossgrade tests: " + line);
                  err.flush();
                });
    if (out != null) {
      builder.output(out);
    }
    if (mode != null) {
      switch (mode.toLowerCase(Locale.ROOT)) {
        case "include" -> builder.mode(RuntimeTestList.Mode.INCLUDE);
        case "exclude" -> builder.mode(RuntimeTestList.Mode.EXCLUDE);
        default ->
            throw new IllegalArgumentException("--mode is include or exclude, was '" + mode + "'");
      }
    }
    if (environment != null) {
      for (String variable : environment) {
        int equals = variable.indexOf('=');
        if (equals <= 0) {
          throw new IllegalArgumentException("--env is NAME=VALUE, was '" + variable + "'");
        }
        builder.environment(variable.substring(0, equals), variable.substring(equals + 1));
      }
    }
    return builder.build();
  }

  private static void print(SuiteComparison.Result result, PrintWriter out) {
    out.println(
        "crossgrade tests: %s (old) and %s (new)"
            .formatted(result.oldRuntime(), result.newRuntime()));
    out.println("  " + result.oldRuntime() + ": " + SuiteComparison.counts(result.oldOutcomes()));
    out.println("  " + result.newRuntime() + ": " + SuiteComparison.counts(result.newOutcomes()));
    Map<String, List<Outcome>> differences = result.differences();
    out.println("  " + differences.size() + " tests differ:");
    differences.forEach(
        (test, pair) ->
            out.println(
                String.format(
                    Locale.ROOT,
                    "    %-8s on %s, %-8s on %s  %s",
                    pair.get(0) == null ? "(absent)" : pair.get(0),
                    result.oldRuntime(),
                    pair.get(1) == null ? "(absent)" : pair.get(1),
                    result.newRuntime(),
                    test)));
    out.println("  outcomes: " + result.outcomesFile(result.oldRuntime()));
    out.println("            " + result.outcomesFile(result.newRuntime()));
    Path list = result.proposedFile();
    out.println(
        "  proposed list (%s, %s entries): %s%s"
            .formatted(
                result.proposed().sections().get(0).header(),
                result.proposed().sections().get(0).entries().size(),
                list,
                (Files.isRegularFile(list) ? "" : " (not written)")));
    out.println();
    out.print(result.proposedFileText());
  }
}
