package dev.crossgrade.junit;

import dev.crossgrade.junit.RuntimeTestList.Mode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs a Maven project's test suite on an old and a new runtime (two Java homes), and writes both
 * outcome sets and the list proposed for the new runtime ({@link RuntimeTestList}) into an output
 * folder. The suite runs through the project's Maven Wrapper ({@code mvnw}) or {@code mvn}, as
 * {@code test} with test failures ignored and any runtime test list in the project only observed
 * ({@code -Dcrossgrade.runtimeTests.enforce=false}), so the raw outcomes are read from the JUnit
 * XML reports (those of an earlier run are deleted first).
 *
 * <pre>{@code
 * SuiteComparison.Result result = SuiteComparison.newBuilder()
 *     .project(Path.of("shop"))
 *     .runtimes(TestRuntime.jdk(17), jdk17Home, TestRuntime.jdk(25), jdk25Home)
 *     .build().run();
 * result.proposed().text();   // include or exclude on jdk 25
 * }</pre>
 */
public final class SuiteComparison {
  /** The time one suite may take unless set: 30 minutes. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

  private final Path project;
  private final TestRuntime oldRuntime;
  private final Path oldHome;
  private final TestRuntime newRuntime;
  private final Path newHome;
  private final Path output;
  private final Map<String, String> environment;
  private final boolean offline;
  private final Duration timeout;
  private final @Nullable Mode mode;
  private final Consumer<String> progress;

  private SuiteComparison(Builder b) {
    this.project = Objects.requireNonNull(b.project, "project");
    this.oldRuntime = Objects.requireNonNull(b.oldRuntime, "runtimes");
    this.oldHome = Objects.requireNonNull(b.oldHome, "runtimes");
    this.newRuntime = Objects.requireNonNull(b.newRuntime, "runtimes");
    this.newHome = Objects.requireNonNull(b.newHome, "runtimes");
    this.output =
        b.output != null ? b.output : project.resolve("target").resolve("crossgrade-tests");
    this.environment = Map.copyOf(b.environment);
    this.offline = b.offline;
    this.timeout = b.timeout != null ? b.timeout : DEFAULT_TIMEOUT;
    this.mode = b.mode;
    this.progress = b.progress != null ? b.progress : line -> {};
  }

  /** Starts a comparison. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Runs the suite on both runtimes, old first, and writes {@code outcomes-<runtime>.txt} for each,
   * {@code crossgrade-runtime-tests.txt} (the proposed list) and the Maven logs into the output
   * folder.
   *
   * @throws SuiteComparisonException if a suite cannot be run (the build fails other than by failed
   *     tests, times out, or writes no test report)
   */
  public Result run() {
    try {
      Files.createDirectories(output);
    } catch (IOException e) {
      throw new SuiteComparisonException("cannot create " + output + ": " + e, e);
    }
    Map<String, Outcome> old = suite(oldRuntime, oldHome);
    Map<String, Outcome> neu = suite(newRuntime, newHome);
    RuntimeTestList proposed = Proposal.propose(oldRuntime, old, newRuntime, neu, mode);
    Result result = new Result(oldRuntime, old, newRuntime, neu, proposed, output);
    try {
      write(result.outcomesFile(oldRuntime), outcomesText(old));
      write(result.outcomesFile(newRuntime), outcomesText(neu));
      write(result.proposedFile(), result.proposedFileText());
    } catch (IOException e) {
      throw new SuiteComparisonException("cannot write into " + output + ": " + e, e);
    }
    return result;
  }

  private Map<String, Outcome> suite(TestRuntime runtime, Path home) {
    progress.accept("running the suite of " + project + " on " + runtime + " (" + home + ")");
    Path log = output.resolve("maven-" + slug(runtime) + ".log");
    MavenSuite.run(project, home, environment, offline, timeout, log);
    List<Path> reports;
    try {
      reports = SurefireReports.find(project);
    } catch (IOException e) {
      throw new SuiteComparisonException("cannot search " + project + " for test reports: " + e, e);
    }
    if (reports.isEmpty()) {
      throw new SuiteComparisonException(
          "the suite on %s wrote no TEST-*.xml report under %s; see %s"
              .formatted(runtime, project, log));
    }
    Map<String, Outcome> outcomes = SurefireReports.read(reports);
    progress.accept(runtime + ": " + counts(outcomes));
    return outcomes;
  }

  static String outcomesText(Map<String, Outcome> outcomes) {
    StringBuilder out = new StringBuilder();
    outcomes.forEach(
        (test, outcome) ->
            out.append(String.format(Locale.ROOT, "%-8s %s%n", outcome.name(), test)));
    return out.toString();
  }

  /** Counts of outcomes: {@code 7 tests, 4 passed, 3 failed, 0 skipped}. */
  public static String counts(Map<String, Outcome> outcomes) {
    long passed = outcomes.values().stream().filter(o -> o == Outcome.PASSED).count();
    long failed = outcomes.values().stream().filter(o -> o == Outcome.FAILED).count();
    long skipped = outcomes.values().stream().filter(o -> o == Outcome.SKIPPED).count();
    return "%s tests, %s passed, %s failed, %s skipped"
        .formatted(outcomes.size(), passed, failed, skipped);
  }

  private static String fileName(TestRuntime runtime) {
    return "outcomes-" + slug(runtime) + ".txt";
  }

  private static String slug(TestRuntime runtime) {
    return runtime.toString().replace(' ', '-');
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /**
   * What the suites did.
   *
   * @param oldRuntime the old runtime
   * @param oldOutcomes the outcome of each test method on it, by {@code Class#method}
   * @param newRuntime the new runtime
   * @param newOutcomes the outcome of each test method on it
   * @param proposed the list proposed for the new runtime
   * @param output the folder the files were written into
   */
  public record Result(
      TestRuntime oldRuntime,
      Map<String, Outcome> oldOutcomes,
      TestRuntime newRuntime,
      Map<String, Outcome> newOutcomes,
      RuntimeTestList proposed,
      Path output) {
    /** Copies the maps, sorted by test name. */
    public Result {
      oldOutcomes = Collections.unmodifiableMap(new TreeMap<>(oldOutcomes));
      newOutcomes = Collections.unmodifiableMap(new TreeMap<>(newOutcomes));
    }

    /** The tests whose outcome differs between the runtimes, with both outcomes. */
    public Map<String, List<@Nullable Outcome>> differences() {
      Set<String> tests = new TreeSet<>(oldOutcomes.keySet());
      tests.addAll(newOutcomes.keySet());
      Map<String, List<@Nullable Outcome>> out = new LinkedHashMap<>();
      for (String test : tests) {
        Outcome before = oldOutcomes.get(test);
        Outcome after = newOutcomes.get(test);
        if (before != after) {
          List<@Nullable Outcome> pair = new ArrayList<>();
          pair.add(before);
          pair.add(after);
          out.put(test, pair);
        }
      }
      return out;
    }

    /** The file of a runtime's outcomes, one {@code OUTCOME Class#method} per line. */
    public Path outcomesFile(TestRuntime runtime) {
      return output.resolve(fileName(runtime));
    }

    /** The file of the proposed list. */
    public Path proposedFile() {
      return output.resolve(RuntimeTestList.RESOURCE);
    }

    /** The proposed list as a file: a comment saying where it came from, then the section. */
    public String proposedFileText() {
      return """
          # Proposed by crossgrade tests from the suite's outcomes: %s %s; %s %s.\n# Copy it to \
          src/test/resources/%s; %s has no section, so every test must pass there.\n%s"""
          .formatted(
              oldRuntime,
              counts(oldOutcomes),
              newRuntime,
              counts(newOutcomes),
              RuntimeTestList.RESOURCE,
              oldRuntime,
              proposed.text());
    }
  }

  /** Settings of a {@link SuiteComparison}; {@link #build()} checks them. */
  public static final class Builder {
    private @Nullable Path project;
    private @Nullable TestRuntime oldRuntime;
    private @Nullable Path oldHome;
    private @Nullable TestRuntime newRuntime;
    private @Nullable Path newHome;
    private @Nullable Path output;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private boolean offline;
    private @Nullable Duration timeout;
    private @Nullable Mode mode;
    private @Nullable Consumer<String> progress;

    private Builder() {}

    /** The project folder: a Maven project ({@code pom.xml}), with or without {@code mvnw}. */
    public Builder project(Path folder) {
      this.project = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /** The old and the new runtime and the Java home each runs on. */
    public Builder runtimes(TestRuntime old, Path oldJavaHome, TestRuntime neu, Path newJavaHome) {
      this.oldRuntime = Objects.requireNonNull(old, "old");
      this.oldHome = Objects.requireNonNull(oldJavaHome, "oldJavaHome");
      this.newRuntime = Objects.requireNonNull(neu, "neu");
      this.newHome = Objects.requireNonNull(newJavaHome, "newJavaHome");
      return this;
    }

    /** Where the outcomes, the proposed list and the logs go; {@code target/crossgrade-tests}. */
    public Builder output(Path folder) {
      this.output = Objects.requireNonNull(folder, "folder");
      return this;
    }

    /** An environment variable for the suites, such as {@code LANG=C}. */
    public Builder environment(String name, String value) {
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException(
            "an environment variable name is letters, digits and '_', was '" + name + "'");
      }
      environment.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Runs Maven offline ({@code -o}); off unless set. */
    public Builder offline(boolean offline) {
      this.offline = offline;
      return this;
    }

    /** The time one suite may take, 1 s to 24 h; 30 minutes unless set. */
    public Builder timeout(Duration timeout) {
      if (timeout.compareTo(Duration.ofSeconds(1)) < 0
          || timeout.compareTo(Duration.ofHours(24)) > 0) {
        throw new IllegalArgumentException("timeout must be 1 s to 24 h, was " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /** The mode of the proposed list; unless set, whichever list is shorter. */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Told what runs, one line at a time; nobody unless set. */
    public Builder progress(Consumer<String> progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * Checks the settings and returns the comparison.
     *
     * @throws IllegalArgumentException if the project has no {@code pom.xml}, a Java home has no
     *     {@code bin/java}, or the two runtimes are the same
     */
    public SuiteComparison build() {
      if (project == null) {
        throw new IllegalArgumentException("project is not set: give the project's folder");
      }
      if (!Files.isRegularFile(project.resolve("pom.xml"))) {
        throw new IllegalArgumentException(
            project + " has no pom.xml: give the folder of a Maven project");
      }
      if (oldRuntime == null || oldHome == null || newRuntime == null || newHome == null) {
        throw new IllegalArgumentException("runtimes are not set: give the old and the new one");
      }
      if (oldRuntime.equals(newRuntime)) {
        throw new IllegalArgumentException(
            "the old and the new runtime are both " + oldRuntime + ": give two runtimes");
      }
      for (Path home : List.of(oldHome, newHome)) {
        if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
          throw new IllegalArgumentException(home + " is not a Java home: it has no bin/java");
        }
      }
      return new SuiteComparison(this);
    }
  }
}
