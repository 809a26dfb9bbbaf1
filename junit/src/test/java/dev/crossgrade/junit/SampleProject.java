package dev.crossgrade.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * The sample project under {@code src/test/sample}, compiled directly (javac, release 17) and run
 * in a forked JVM on a given JDK by the JUnit console launcher, with this module's classes and a
 * list file on the class path, under {@code LANG=C}: what a user's build does once they add the
 * dependency and the file.
 */
public final class SampleProject {
  /** JDK 17's home on this project's machines. */
  public static final Path JDK_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

  /** JDK 25's home on this project's machines. */
  public static final Path JDK_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

  static final Path ROOT = Path.of(System.getenv().getOrDefault("CROSSGRADE_REPO_ROOT", ".."));
  static final Path SOURCES = ROOT.resolve("junit/src/test/sample");
  static final Path CONSOLE =
      ROOT.resolve("junit/target/console-launcher/junit-platform-console-standalone.jar");
  static final Path EXTENSION = ROOT.resolve("junit/target/classes");

  private final Path classes;
  private final Path work;
  private int runs;

  private SampleProject(Path work, Path classes) {
    this.work = work;
    this.classes = classes;
  }

  /** What one run printed and did. */
  record Run(int exitCode, String output, Map<String, Outcome> outcomes) {
    /** The lines of the list's summary. */
    List<String> summary() {
      return output.lines().filter(line -> line.startsWith(RunSummary.PREFIX)).toList();
    }
  }

  /** Where a class on this JVM's class path comes from: the module's dependency, for the fork. */
  static String codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (java.net.URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  /** A JDK the tests need: here, or (under CI) a failure, else the test is skipped. */
  public static Path jdk(Path home) {
    boolean present = Files.isExecutable(home.resolve("bin/java"));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("CI needs the JDK at " + home);
    }
    Assumptions.assumeTrue(present, "no JDK at " + home);
    return home;
  }

  /**
   * Copies the sample, as a Maven project with this repository's Maven Wrapper (as a user's project
   * has one), to {@code project}.
   */
  public static Path copyWithWrapper(Path project) throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path from : files.toList()) {
        Path to = project.resolve(SOURCES.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Path wrapper = Files.createDirectories(project.resolve(".mvn/wrapper"));
    Files.copy(
        ROOT.resolve(".mvn/wrapper/maven-wrapper.properties"),
        wrapper.resolve("maven-wrapper.properties"));
    Files.copy(
        ROOT.resolve("mvnw"),
        project.resolve("mvnw"),
        java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    return project;
  }

  /** Compiles the sample's main and test sources into {@code work}. */
  static SampleProject compile(Path work) throws IOException {
    assertThat(CONSOLE).as("copied by the build (maven-dependency-plugin)").isRegularFile();
    Path classes = work.resolve("classes");
    Files.createDirectories(classes);
    List<String> sources;
    try (Stream<Path> files = Files.walk(SOURCES.resolve("src"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> options =
        List.of(
            "--release",
            "17",
            "-encoding",
            "UTF-8",
            "-cp",
            CONSOLE.toString(),
            "-d",
            classes.toString());
    StringWriter errors = new StringWriter();
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      boolean compiled =
          javac
              .getTask(
                  errors, files, null, options, null, files.getJavaFileObjectsFromStrings(sources))
              .call();
      assertThat(compiled).as(errors.toString()).isTrue();
    }
    return new SampleProject(work, classes);
  }

  /**
   * Runs the sample's tests on {@code javaHome} with {@code list} as the class path's {@code
   * crossgrade-runtime-tests.txt} (none if null), and the given {@code -D} properties.
   */
  Run run(Path javaHome, @Nullable String list, String... properties)
      throws IOException, InterruptedException {
    Path dir = work.resolve("run-" + ++runs);
    Path resources = dir.resolve("resources");
    Path reports = dir.resolve("reports");
    Files.createDirectories(resources);
    if (list != null) {
      Files.writeString(resources.resolve(RuntimeTestList.RESOURCE), list, StandardCharsets.UTF_8);
    }
    List<String> command = new ArrayList<>();
    command.add(javaHome.resolve("bin/java").toString());
    command.add("-XX:TieredStopAtLevel=1");
    for (String property : properties) {
      command.add("-D" + property);
    }
    command.add("-cp");
    command.add(
        String.join(
            java.io.File.pathSeparator,
            CONSOLE.toString(),
            EXTENSION.toString(),
            codeSource(dev.crossgrade.codec.CrossgradeException.class),
            classes.toString(),
            resources.toString()));
    command.addAll(
        List.of(
            "org.junit.platform.console.ConsoleLauncher",
            "execute",
            "--scan-classpath",
            classes.toString(),
            "--disable-banner",
            "--disable-ansi-colors",
            "--details=tree",
            "--details-theme=ascii",
            "--reports-dir",
            reports.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeIf(key -> key.startsWith("LC_") || key.equals("JAVA_TOOL_OPTIONS"));
    builder.environment().put("LANG", "C");
    Path log = dir.resolve("output.txt");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the sample's tests did not finish within 120 s on " + javaHome);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    Map<String, Outcome> outcomes =
        Files.isDirectory(reports) ? SurefireReports.read(SurefireReports.find(reports)) : Map.of();
    return new Run(process.exitValue(), output, outcomes);
  }
}
