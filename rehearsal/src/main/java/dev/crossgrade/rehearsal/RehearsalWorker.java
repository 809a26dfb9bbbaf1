package dev.crossgrade.rehearsal;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.Phase;
import dev.crossgrade.router.RolloutConfig;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The main class of a worker process: one runtime of the rehearsal on a real cache, driven by the
 * coordinator one command per line on stdin, answering one line per command on stdout (which
 * nothing else writes to: {@code System.out} goes to stderr here).
 *
 * <pre>
 * init ROLE PAIR WORKLOAD TRUTH-FILE HOST:PORT CLIENT -> ready JAVA-VERSION
 * begin STRATEGY PREFIX                               -> ok
 * prefill                                             -> ok
 * start PHASE|- WRITER SHARE TICKS NANOS              -> ok   (WRITER: dev,employees/1 or -/100)
 * stop                                                -> stats ENCODED
 * end                                                 -> ok
 * quit                                                -> (exits)
 * </pre>
 *
 * A command that fails is answered {@code error BASE64-MESSAGE}.
 */
final class RehearsalWorker {
  private @Nullable RuntimeNode<?> node;
  private @Nullable CacheTransport transport;

  private RehearsalWorker() {}

  public static void main(String[] args) throws Exception {
    PrintStream protocol =
        new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
    System.setOut(System.err);
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    RehearsalWorker worker = new RehearsalWorker();
    try {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("quit")) {
          break;
        }
        String reply;
        try {
          reply = worker.handle(line.split(" ", -1));
        } catch (RuntimeException | java.io.IOException e) {
          e.printStackTrace();
          reply =
              "error "
                  + Base64.getEncoder()
                      .encodeToString(String.valueOf(e).getBytes(StandardCharsets.UTF_8));
        }
        protocol.println(reply);
        protocol.flush();
      }
    } finally {
      worker.close();
    }
    System.exit(0);
  }

  private String handle(String[] command) throws java.io.IOException {
    switch (command[0]) {
      case "init" -> {
        Side.Role role = Side.Role.valueOf(command[1]);
        ProductPair pair = ProductPair.valueOf(command[2]);
        Workload workload = Workload.decode(command[3]);
        VersionStore truth = VersionStore.mapped(Path.of(command[4]), workload.keys(), false);
        // The client is a transport.client name (spymemcached, lettuce), built as a config would.
        transport =
            CacheTransport.fromConfig(
                new RolloutConfig.TransportSpec(
                    command[6],
                    List.of(command[5]),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5),
                    64L << 20));
        node = new RuntimeNode<>(Side.of(role, pair), workload, truth);
        return "ready " + System.getProperty("java.version");
      }
      case "begin" -> {
        node().beginScenario(Strategy.valueOf(command[1]), command[2], transport());
        return "ok";
      }
      case "prefill" -> {
        node().prefill();
        return "ok";
      }
      case "start" -> {
        Phase phase = command[1].equals("-") ? null : Phase.valueOf(command[1]);
        node()
            .startStep(
                phase,
                Plan.Writer.decode(command[2]),
                Double.parseDouble(command[3]),
                Integer.parseInt(command[4]),
                Long.parseLong(command[5]));
        return "ok";
      }
      case "stop" -> {
        return "stats " + node().stopStep().encode();
      }
      case "end" -> {
        node().endScenario();
        return "ok";
      }
      default ->
          throw new IllegalArgumentException("unknown command: " + String.join(" ", command));
    }
  }

  private RuntimeNode<?> node() {
    RuntimeNode<?> current = node;
    if (current == null) {
      throw new IllegalStateException("the worker was not initialized: send init first");
    }
    return current;
  }

  private CacheTransport transport() {
    CacheTransport current = transport;
    if (current == null) {
      throw new IllegalStateException("the worker was not initialized: send init first");
    }
    return current;
  }

  private void close() {
    RuntimeNode<?> current = node;
    if (current != null) {
      current.endScenario();
    }
    CacheTransport open = transport;
    if (open != null) {
      open.close();
    }
  }
}
