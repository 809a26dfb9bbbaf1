package dev.crossgrade.junit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Maven project's tests on one Java home: {@code mvnw} (or {@code mvn}) {@code test} with
 * test failures ignored and runtime test lists only observed, its output into a log file, within a
 * time limit. The JUnit XML reports of an earlier run are deleted first, so that only this run's
 * are read.
 */
final class MavenSuite {
  private static final int LOG_TAIL_LINES = 25;

  private MavenSuite() {}

  static void run(
      Path project,
      Path javaHome,
      Map<String, String> environment,
      boolean offline,
      Duration timeout,
      Path log) {
    deleteOldReports(project);
    List<String> command = new ArrayList<>();
    Path wrapper = project.resolve("mvnw");
    command.add(Files.isExecutable(wrapper) ? wrapper.toAbsolutePath().toString() : "mvn");
    command.add("-B");
    if (offline) {
      command.add("-o");
    }
    command.addAll(
        List.of(
            "test", "-Dmaven.test.failure.ignore=true", "-D" + Policy.ENFORCE_PROPERTY + "=false"));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", javaHome.toString());
    env.put(
        "PATH",
        javaHome.resolve("bin") + File.pathSeparator + env.getOrDefault("PATH", "/usr/bin"));
    env.putAll(environment);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SuiteComparisonException(
          "cannot start " + command.get(0) + " in " + project + ": " + e, e);
    }
    boolean done;
    try {
      done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop(process);
      throw new SuiteComparisonException("interrupted while the suite ran", e);
    }
    if (!done) {
      stop(process);
      throw new SuiteComparisonException(
          "the suite on " + javaHome + " did not finish within " + timeout + "; see " + log);
    }
    if (process.exitValue() != 0) {
      throw new SuiteComparisonException(
          "the build on %s failed (exit status %s) other than by failed tests; the end of %s:\n%s"
              .formatted(javaHome, process.exitValue(), log, tail(log)));
    }
  }

  private static void deleteOldReports(Path project) {
    try {
      for (Path report : SurefireReports.find(project)) {
        Files.delete(report);
      }
    } catch (IOException e) {
      throw new SuiteComparisonException(
          "cannot delete the test reports of an earlier run under " + project + ": " + e, e);
    }
  }

  private static void stop(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  private static String tail(Path log) {
    try {
      long size = Files.size(log);
      byte[] bytes;
      try (var channel = Files.newByteChannel(log)) {
        long from = Math.max(0, size - 16_384);
        channel.position(from);
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) (size - from));
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
          // read the tail
        }
        bytes = buffer.array();
      }
      List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
      return String.join(
          "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    } catch (IOException e) {
      return "(the log cannot be read: " + e + ")";
    }
  }
}
