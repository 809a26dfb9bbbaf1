package dev.crossgrade.cli;

import dev.crossgrade.rehearsal.ProductPair;
import dev.crossgrade.rehearsal.Rehearsal;
import dev.crossgrade.rehearsal.RehearsalReport;
import dev.crossgrade.rehearsal.Strategy;
import dev.crossgrade.rehearsal.Walk;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code crossgrade rehearse}: a dual-runtime rollout, played out on one machine. */
@Command(
    name = "rehearse",
    mixinStandardHelpOptions = true,
    description = {
      "Rehearses a rollout end to end: an old runtime (schema v1, Kryo 4) and a new one (schema"
          + " v2, Kryo 5) share one cache while the new runtime's traffic steps 0%% -> 1%% -> 10%%"
          + " -> 50%% -> 100%% and unifies, once per strategy (the naive shared key space, SPLIT,"
          + " READ_FALLBACK, DUAL_WRITE, and DUAL_WRITE with a rollback from 50%% to 10%%).",
      "Prints, per strategy and step: requests, hit ratio, loads from the source of truth, decode"
          + " errors and wrong or stale values that reached a caller, p50/p99 latency; per runtime:"
          + " CPU time per request and bytes per cached value; and the new runtime's CPU per"
          + " request against the old one's with a 95%% confidence interval, e.g. 'new runtime:"
          + " \u221212 %% \u00b1 3 %% CPU per request (95 %% CI, n = 10)'.",
      "--scenario lossy and lossy-guessing give v2 a currency that schema v1 cannot carry, and"
          + " show what a lossy pair costs and whether a guess reaches a caller.",
      "Exit status 0 when no framework strategy served an error or a wrong or stale value and"
          + " the CPU verdict holds, 1 otherwise, 2 on bad arguments."
    })
final class RehearseCommand implements Callable<Integer> {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m)");

  @Spec CommandSpec spec;

  @Option(
      names = "--duration",
      paramLabel = "DURATION",
      defaultValue = "40s",
      description = "Total time of the steps, e.g. 20s, 2m, 500ms (default ${DEFAULT-VALUE}).")
  String duration;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      defaultValue = "1",
      description = "Seed of the workload, for repeatable runs (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--memcached",
      paramLabel = "HOST:PORT",
      description =
          "Use a real memcached server; each runtime then runs in its own worker process (JDK 17"
              + " and JDK 25 when both are installed). Default: an embedded in-process cache.")
  String memcached;

  @Option(
      names = "--scenario",
      paramLabel = "SCENARIO",
      defaultValue = "default",
      description =
          "The new runtime's upcaster and downcaster: default (every product in EUR, a lossless"
              + " pair), lossy (products in EUR, USD or GBP; the downcaster drops the currency and"
              + " the upcaster throws UnderivableValueException for it) or lossy-guessing (the same,"
              + " but the upcaster guesses EUR). Default: ${DEFAULT-VALUE}.")
  String scenario;

  @Option(
      names = "--walk",
      paramLabel = "WALK",
      defaultValue = "traffic",
      description =
          "What the steps change: traffic (the new runtime's traffic share, once per strategy and"
              + " once with a rollback) or cohorts (a staged rollout of the writer: dev -> employees"
              + " -> 1%% -> 100%% of users with both runtimes at half the traffic, then unified,"
              + " once per framework strategy; prints the writes in the new format per cohort)."
              + " Default: ${DEFAULT-VALUE}.")
  String walk;

  @Option(
      names = "--redis",
      paramLabel = "HOST:PORT",
      description =
          "Use a real Redis server through Lettuce instead; each runtime then runs in its own"
              + " worker process, as with --memcached.")
  String redis;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text or json (default ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(
      names = "--max-cpu-regression",
      paramLabel = "PERCENT",
      description =
          "Exit 1 when the new runtime's CPU per request is higher than the old one's by more than"
              + " PERCENT (e.g. 5%%) with 95%% confidence; negative to require an improvement.")
  String maxCpuRegression;

  @Option(
      names = "--html",
      paramLabel = "FILE",
      description = "Also write a self-contained HTML report with charts to FILE.")
  Path html;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    Duration total;
    try {
      total = parseDuration(duration);
    } catch (IllegalArgumentException e) {
      err.println("crossgrade rehearse: " + e.getMessage());
      return 2;
    }
    if (format == OutputFormat.html) {
      err.println("crossgrade rehearse: --format is text or json; use --html FILE for HTML");
      return 2;
    }
    ProductPair pair;
    try {
      pair = ProductPair.of(scenario);
    } catch (IllegalArgumentException e) {
      err.println("crossgrade rehearse: --" + e.getMessage());
      return 2;
    }
    Walk steps;
    try {
      steps = Walk.of(walk);
    } catch (IllegalArgumentException e) {
      err.println("crossgrade rehearse: --" + e.getMessage());
      return 2;
    }
    ProgressBar bar = new ProgressBar(err, "rehearse");
    Rehearsal.Builder builder =
        Rehearsal.newBuilder()
            .duration(total)
            .seed(seed)
            .pair(pair)
            .walk(steps)
            .workerClassPath(Reports.ownClassPath())
            .progress(
                (done, scenario, step) ->
                    bar.update((int) Math.round(done * 1000), 1000, scenario + " " + step));
    Rehearsal rehearsal;
    try {
      if (memcached != null) {
        builder.memcached(memcached);
      }
      if (redis != null) {
        builder.redis(redis);
      }
      if (maxCpuRegression != null) {
        builder.maxCpuRegression(parsePercent(maxCpuRegression, "--max-cpu-regression"));
      }
      rehearsal = builder.build();
    } catch (IllegalArgumentException e) {
      err.println("crossgrade rehearse: " + e.getMessage());
      return 2;
    }
    RehearsalReport report = rehearsal.run();
    bar.finish();
    Reports.write(
        spec.commandLine().getOut(),
        null,
        format == OutputFormat.json ? report::writeJson : report::writeText);
    if (html != null) {
      try (Writer writer = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
        report.writeHtml(writer);
      }
      err.println("crossgrade rehearse: HTML report with charts -> " + html);
    }
    boolean frameworkFaults =
        report.scenarios().stream()
            .filter(s -> s.strategy() != Strategy.NAIVE)
            .anyMatch(s -> s.total().faultsServed() > 0);
    if (report.cpu().regressionExceeded()) {
      err.println("crossgrade rehearse: " + report.cpu().thresholdLine());
    }
    return frameworkFaults || report.cpu().regressionExceeded() ? 1 : 0;
  }

  /** Parses {@code 5%}, {@code 5}, {@code 2.5 %} or {@code -10%} as a number of percent. */
  static double parsePercent(String text, String option) {
    String number = text.trim();
    if (number.endsWith("%")) {
      number = number.substring(0, number.length() - 1).trim();
    }
    if (!number.matches("[+-]?\\d{1,4}(\\.\\d{1,3})?")) {
      throw new IllegalArgumentException(
          option + " '" + text + "' is not a percentage such as 5% or -10%");
    }
    return Double.parseDouble(number);
  }

  /** Parses {@code 20s}, {@code 2m}, {@code 500ms} or an ISO-8601 duration such as PT20S. */
  static Duration parseDuration(String text) {
    return parseDuration(text, "--duration");
  }

  /** Parses the value of {@code option}: {@code 20s}, {@code 2m}, {@code 500ms} or PT20S. */
  static Duration parseDuration(String text, String option) {
    Matcher m = SHORT_DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
    try {
      Duration parsed;
      if (m.matches()) {
        long amount = Long.parseLong(m.group(1));
        parsed =
            switch (m.group(2)) {
              case "ms" -> Duration.ofMillis(amount);
              case "s" -> Duration.ofSeconds(amount);
              default -> Duration.ofMinutes(amount);
            };
      } else {
        parsed = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
      }
      if (parsed.isZero() || parsed.isNegative()) {
        throw new IllegalArgumentException(option + " must be positive, was " + text);
      }
      return parsed;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          option + " '" + text + "' is not a duration such as 20s, 2m, 500ms or PT20S", e);
    }
  }
}
