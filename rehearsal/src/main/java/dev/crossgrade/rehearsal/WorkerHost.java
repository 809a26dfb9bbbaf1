package dev.crossgrade.rehearsal;

import dev.crossgrade.router.Phase;
import dev.crossgrade.tooling.ForkedJvm;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A runtime in a worker process of its own ({@link RehearsalWorker}), on a real memcached or Redis:
 * started with a given Java home and class path, driven one line at a time.
 */
final class WorkerHost implements RuntimeHost {
  private static final long REPLY_SECONDS = 120;
  private static final String EOF = "\u0000eof";

  private final Side.Role role;
  private final Path javaHome;
  private final ForkedJvm jvm;
  private final Writer toWorker;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private String javaVersion = "?";

  private WorkerHost(Side.Role role, Path javaHome, ForkedJvm jvm) {
    this.role = role;
    this.javaHome = javaHome;
    this.jvm = jvm;
    this.toWorker = new OutputStreamWriter(jvm.input(), StandardCharsets.UTF_8);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(new InputStreamReader(jvm.output(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  replies.add(line);
                }
              } catch (IOException e) {
                // the worker is gone; EOF below tells the waiting coordinator
              }
              replies.add(EOF);
            },
            "rehearsal-" + role.label() + "-replies");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts a worker for {@code role} of {@code pair} with {@code javaHome}'s {@code bin/java} and
   * {@code classPath}, and initializes it on the cache at {@code server} through {@code client} (a
   * {@code transport.client} name: spymemcached, lettuce).
   */
  static WorkerHost start(
      Side.Role role,
      ProductPair pair,
      Path javaHome,
      String classPath,
      Workload workload,
      Path truthFile,
      String server,
      String client) {
    ForkedJvm jvm;
    try {
      jvm =
          ForkedJvm.start(
              javaHome,
              List.of("-Xmx256m", "-XX:+UseSerialGC"),
              classPath,
              RehearsalWorker.class.getName(),
              env -> {},
              "crossgrade-rehearsal-" + role.label() + "-");
    } catch (IOException e) {
      throw new RehearsalException(
          "could not start the %s runtime's worker with %s: %s"
              .formatted(role.label(), javaHome.resolve("bin").resolve("java"), e),
          e);
    }
    WorkerHost host = new WorkerHost(role, javaHome, jvm);
    try {
      return host.init(pair, workload, truthFile, server, client);
    } catch (RuntimeException e) {
      jvm.kill();
      jvm.close(Duration.ZERO);
      throw e;
    }
  }

  private WorkerHost init(
      ProductPair pair, Workload workload, Path truthFile, String server, String client) {
    String reply =
        request(
            "init %s %s %s %s %s %s"
                .formatted(
                    role.name(),
                    pair.name(),
                    workload.encode(),
                    truthFile.toAbsolutePath(),
                    server,
                    client));
    if (!reply.startsWith("ready ")) {
      throw failure("answered '" + reply + "' to init");
    }
    javaVersion = reply.substring("ready ".length());
    return this;
  }

  @Override
  public Side.Role role() {
    return role;
  }

  @Override
  public String javaVersion() {
    return javaVersion;
  }

  @Override
  public String where() {
    return javaHome.toString();
  }

  @Override
  public void beginScenario(Strategy strategy, String prefix) {
    expectOk(request("begin " + strategy.name() + ' ' + prefix));
  }

  @Override
  public void prefill() {
    expectOk(request("prefill"));
  }

  @Override
  public void startStep(
      @Nullable Phase phase, Plan.Writer writer, double sharePercent, int ticks, long tickNanos) {
    expectOk(
        request(
            String.format(
                Locale.ROOT,
                "start %s %s %s %d %d",
                phase == null ? "-" : phase.name(),
                writer.encode(),
                Double.toString(sharePercent),
                ticks,
                tickNanos)));
  }

  @Override
  public StepStats stopStep() {
    String reply = request("stop");
    if (!reply.startsWith("stats ")) {
      throw failure("answered '" + abbreviate(reply) + "' to stop");
    }
    try {
      return StepStats.decode(reply.substring("stats ".length()));
    } catch (RuntimeException e) {
      throw failure("sent statistics that cannot be read: " + e.getMessage());
    }
  }

  @Override
  public void endScenario() {
    expectOk(request("end"));
  }

  @Override
  public void close() {
    try {
      if (jvm.isAlive()) {
        toWorker.write("quit\n");
        toWorker.flush();
      }
    } catch (IOException e) {
      // already gone
    }
    jvm.close(Duration.ofSeconds(10));
  }

  private void expectOk(String reply) {
    if (!reply.equals("ok")) {
      throw failure("answered '" + abbreviate(reply) + "'");
    }
  }

  private String request(String command) {
    try {
      toWorker.write(command);
      toWorker.write('\n');
      toWorker.flush();
    } catch (IOException e) {
      throw failure("did not take the command '" + command + "': " + e);
    }
    String reply;
    try {
      reply = replies.poll(REPLY_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RehearsalException(
          "interrupted while waiting for the " + role.label() + " runtime", e);
    }
    if (reply == null) {
      throw failure("did not answer '" + command + "' within " + REPLY_SECONDS + " s");
    }
    if (reply.equals(EOF)) {
      throw failure("exited while running '" + command + "'");
    }
    if (reply.startsWith("error ")) {
      String message =
          new String(
              Base64.getDecoder().decode(reply.substring("error ".length())),
              StandardCharsets.UTF_8);
      throw failure("failed '" + command + "': " + message);
    }
    return reply;
  }

  private RehearsalException failure(String what) {
    return new RehearsalException(
        "the %s runtime's worker (%s) %s; its last output:\n%s"
            .formatted(role.label(), javaHome, what, jvm.logTail(20)));
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
