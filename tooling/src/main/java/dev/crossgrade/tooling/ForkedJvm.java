package dev.crossgrade.tooling;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The lifecycle of a worker JVM forked from a JDK home, written once for the matrix's and the
 * rehearsal's workers (each speaks its own protocol over the standard streams): started with {@code
 * bin/java}, options, a class path and a main class, without {@code JAVA_TOOL_OPTIONS}, its
 * standard error to a temporary log; closed by waiting a grace period for it to exit, then killing
 * it, and deleting the log. What the log says is read from its end, at most 64 KiB.
 */
public final class ForkedJvm implements AutoCloseable {
  private static final int TAIL_BYTES = 64 * 1024;

  private final Process process;
  private final Path java;
  private final Path log;

  private ForkedJvm(Process process, Path java, Path log) {
    this.process = process;
    this.java = java;
    this.log = log;
  }

  /**
   * Starts {@code mainClass} on {@code javaHome}'s {@code bin/java}.
   *
   * @param options JVM options, such as {@code -Xmx256m}
   * @param environment changes to the inherited environment (after {@code JAVA_TOOL_OPTIONS} is
   *     removed), such as a locale
   * @param logPrefix the start of the log file's name
   * @throws IOException if the JVM cannot be started
   */
  public static ForkedJvm start(
      Path javaHome,
      List<String> options,
      String classPath,
      String mainClass,
      Consumer<Map<String, String>> environment,
      String logPrefix)
      throws IOException {
    Path java = javaHome.resolve("bin").resolve("java");
    Path log = Files.createTempFile(logPrefix, ".log");
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(options);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("JAVA_TOOL_OPTIONS");
    environment.accept(builder.environment());
    builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      return new ForkedJvm(builder.start(), java, log);
    } catch (IOException e) {
      Files.deleteIfExists(log);
      throw e;
    }
  }

  /** The {@code java} it runs on. */
  public Path java() {
    return java;
  }

  /** Its standard input. */
  public OutputStream input() {
    return process.getOutputStream();
  }

  /** Its standard output. */
  public InputStream output() {
    return process.getInputStream();
  }

  /** Whether it is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Kills it now, without the grace period of {@link #close()}; the log stays until close. */
  public void kill() {
    process.destroyForcibly();
  }

  /**
   * The last {@code lines} lines of what it wrote to its standard error, read from at most the last
   * 64 KiB of the log.
   */
  public String logTail(int lines) {
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      long length = file.length();
      int size = (int) Math.min(length, TAIL_BYTES);
      byte[] bytes = new byte[size];
      file.seek(length - size);
      file.readFully(bytes);
      List<String> all = new String(bytes, StandardCharsets.UTF_8).strip().lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e + ")";
    }
  }

  /** {@link #close(Duration)} with 10 seconds of grace. */
  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  /**
   * Waits up to {@code grace} for it to exit (the caller has told it to quit, in its own protocol),
   * then kills it and waits up to 5 s more for it to be gone; deletes the log.
   */
  public void close(Duration grace) {
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        // Killed, and waited for: a closed worker holds no port, file or CPU any more.
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a leftover log in the temp directory is harmless
    }
  }
}
