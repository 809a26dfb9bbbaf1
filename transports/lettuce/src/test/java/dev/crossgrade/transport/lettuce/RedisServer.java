package dev.crossgrade.transport.lettuce;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A redis-server process for tests, on a free loopback port with a directory of its own and no
 * persistence ({@code --save '' --appendonly no}): {@code redis-server --bind 127.0.0.1 --port PORT
 * --maxmemory 64mb --maxmemory-policy allkeys-lru}. It can be killed (SIGKILL), restarted on the
 * same port and directory (a Cluster node keeps its {@code nodes.conf}, so it rejoins with its
 * slots, empty), paused (SIGSTOP) and resumed (SIGCONT). Without the binary, a test fails under
 * {@code CI=true} and is skipped otherwise ({@code scripts/install-deps} installs it).
 */
public final class RedisServer implements AutoCloseable {
  private static final List<RedisServer> ALL = new ArrayList<>();
  private static @Nullable RedisServer shared;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(RedisServer::stopAll, "redis-stopper"));
  }

  private final int port;
  private final Path dir;
  private final List<String> extraArgs;
  private @Nullable Process process;

  private RedisServer(int port, Path dir, List<String> extraArgs) {
    this.port = port;
    this.dir = dir;
    this.extraArgs = extraArgs;
  }

  /** The binary {@code name} (redis-server, redis-cli), or a failed (CI) or skipped test. */
  static synchronized Path requireBinary(String name) {
    String path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
    List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"));
    for (String entry : dirs) {
      Path candidate = Path.of(entry.isEmpty() ? "." : entry, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    String message =
        name
            + " not found on PATH; install it (scripts/install-deps, or apt-get install -y"
            + " redis-server) to run the Redis tests";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true, so this is a failure, not a skip)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** A new server of this test's own, stopped by {@link #close()} or at JVM exit. */
  public static RedisServer start(String... extraArgs) {
    requireBinary("redis-server");
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      Path dir;
      try {
        dir = Files.createTempDirectory("crossgrade-redis-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      RedisServer server = new RedisServer(freePort(), dir, List.of(extraArgs));
      try {
        server.launch();
        synchronized (ALL) {
          ALL.add(server);
        }
        return server;
      } catch (IOException e) {
        last = e;
        server.stop();
        delete(dir);
      }
    }
    throw new IllegalStateException("could not start redis-server", last);
  }

  /** A node for a Redis Cluster: cluster mode, 2 s node timeout, partial coverage served. */
  static RedisServer startClusterNode() {
    return start(
        "--cluster-enabled",
        "yes",
        "--cluster-config-file",
        "nodes.conf",
        "--cluster-node-timeout",
        "2000",
        "--cluster-require-full-coverage",
        "no");
  }

  /** One server shared by every test of this JVM; tests isolate themselves by key prefix. */
  public static synchronized RedisServer shared() {
    if (shared == null || !shared.running()) {
      shared = start();
    }
    return shared;
  }

  /** The loopback port. */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:port}, as config files write it. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** {@code 127.0.0.1:port}. */
  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  /** Whether the process is alive (it may be paused). */
  public boolean running() {
    Process p = process;
    return p != null && p.isAlive();
  }

  /** Runs one command on this server, outside any transport; see {@link Resp}. */
  public @Nullable Object command(Object... args) {
    return Resp.call(port, args);
  }

  /** The number of keys ({@code DBSIZE}). */
  public long keys() {
    return (Long) java.util.Objects.requireNonNull(command("DBSIZE"));
  }

  private void launch() throws IOException {
    Path bin = requireBinary("redis-server");
    List<String> command =
        new ArrayList<>(
            List.of(
                bin.toString(),
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--dir",
                dir.toString(),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--protected-mode",
                "no",
                "--maxmemory",
                "64mb",
                "--maxmemory-policy",
                "allkeys-lru",
                "--logfile",
                ""));
    command.addAll(extraArgs);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.log").toFile()));
    process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!running()) {
        throw new IOException(
            "redis-server exited with " + process.exitValue() + " on port " + port + ": " + log());
      }
      try {
        if ("PONG".equals(Resp.call(port, "PING"))) {
          return;
        }
      } catch (UncheckedIOException | Resp.ErrorReply e) {
        sleep(20);
      }
    }
    throw new IOException("redis-server did not answer on port " + port + " within 10 s: " + log());
  }

  /** The end of the server's log, for failure messages. */
  String log() {
    try {
      String text = Files.readString(dir.resolve("redis.log"), StandardCharsets.UTF_8);
      return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Kills the process (SIGKILL): connections drop, data is gone (nothing is persisted). */
  public void kill() {
    Process p = process;
    if (p != null) {
      resume(); // a stopped process takes SIGKILL too, but let it go at once
      p.destroyForcibly();
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Starts the process again on the same port and directory, empty. */
  public void restart() {
    kill();
    try {
      launch();
    } catch (IOException e) {
      throw new IllegalStateException("could not restart redis-server on port " + port, e);
    }
  }

  /** Freezes the process (SIGSTOP) and waits until every thread is stopped: nothing answers. */
  public void pause() {
    signal("STOP");
    Process p = process;
    Path tasks = Path.of("/proc/" + (p == null ? 0 : p.pid()) + "/task");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (Files.isDirectory(tasks) && System.nanoTime() < deadline && !allStopped(tasks)) {
      sleep(5);
    }
  }

  /** Thaws a paused process (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private static boolean allStopped(Path tasks) {
    try (Stream<Path> threads = Files.list(tasks)) {
      return threads.allMatch(
          thread -> {
            try {
              String stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
              char state = stat.charAt(stat.lastIndexOf(')') + 2);
              return state == 'T' || state == 't';
            } catch (IOException | RuntimeException e) {
              return true;
            }
          });
    } catch (IOException e) {
      return true;
    }
  }

  private void signal(String name) {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-" + name, Long.toString(p.pid()))
          .start()
          .waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("could not send SIG" + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Kills the process and forgets it; {@link #restart()} can start it again. */
  public void stop() {
    kill();
    process = null;
  }

  @Override
  public void close() {
    stop();
    delete(dir);
    synchronized (ALL) {
      ALL.remove(this);
    }
  }

  private static void stopAll() {
    synchronized (ALL) {
      for (RedisServer server : ALL) {
        server.stop();
        delete(server.dir);
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // best effort: a temporary directory
    }
  }

  private static int freePort() {
    // Cluster nodes also listen on port + 10000 (the cluster bus): keep both under 65536.
    for (int attempt = 0; attempt < 50; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        int port = socket.getLocalPort();
        if (port + 10_000 <= 65_535 && free(port + 10_000)) {
          return port;
        }
      } catch (IOException e) {
        throw new IllegalStateException("no free port", e);
      }
    }
    throw new IllegalStateException("no free port below 55536 with a free bus port");
  }

  private static boolean free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort() == port;
    } catch (IOException e) {
      return false;
    }
  }

  /** Sleeps, keeping the interrupt flag. */
  public static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "redis@" + port + (running() ? "" : " (stopped)");
  }
}
