package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A memcached process for tests, on a free loopback port: {@code memcached -l 127.0.0.1 -p PORT -U
 * 0 -m 64}. It can be stopped, restarted on the same port, paused (SIGSTOP) and resumed (SIGCONT).
 * Without the binary, a test fails under {@code CI=true} and is skipped otherwise.
 */
public final class MemcachedServer implements AutoCloseable {
  private static final List<MemcachedServer> ALL = new ArrayList<>();
  private static @Nullable Path binary;
  private static @Nullable MemcachedServer shared;
  private static @Nullable List<MemcachedServer> sharedCluster;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(MemcachedServer::stopAll, "memcached-stopper"));
  }

  private final int port;
  private final List<String> extraArgs;
  private @Nullable Process process;

  private MemcachedServer(int port, List<String> extraArgs) {
    this.port = port;
    this.extraArgs = extraArgs;
  }

  /** The memcached binary, or a failed (CI) or skipped test. */
  public static synchronized Path requireBinary() {
    if (binary != null) {
      return binary;
    }
    String path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
    List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin"));
    for (String dir : dirs) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "memcached");
      if (Files.isExecutable(candidate)) {
        binary = candidate;
        return candidate;
      }
    }
    String message =
        "memcached binary not found on PATH; install it (apt-get install -y memcached) to run the"
            + " real-server tests";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(message + " (CI=true, so this is a failure, not a skip)");
    }
    Assumptions.abort(message);
    throw new AssertionError("unreachable");
  }

  /** A new server of this test's own, stopped by {@link #close()} or at JVM exit. */
  public static MemcachedServer start() {
    return start(new String[0]);
  }

  /**
   * A new server of this test's own with more command-line options, which override the defaults
   * (for example {@code "-m", "2"} for 2 MiB of item memory, {@code "-M"} to refuse stores instead
   * of evicting).
   */
  public static MemcachedServer start(String... extraArgs) {
    requireBinary();
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      MemcachedServer server = new MemcachedServer(freePort(), List.of(extraArgs));
      try {
        server.launch();
        synchronized (ALL) {
          ALL.add(server);
        }
        return server;
      } catch (IOException e) {
        last = e;
        server.stop();
      }
    }
    throw new IllegalStateException("could not start memcached", last);
  }

  /** One server shared by every test of this JVM; tests isolate themselves by key prefix. */
  public static synchronized MemcachedServer shared() {
    if (shared == null || !shared.running()) {
      shared = start();
    }
    return shared;
  }

  /** Three servers shared by every test of this JVM, for a ketama cluster. */
  public static synchronized List<MemcachedServer> sharedCluster() {
    if (sharedCluster == null) {
      sharedCluster = List.of(start(), start(), start());
    }
    for (MemcachedServer server : sharedCluster) {
      if (!server.running()) {
        server.restart();
      }
    }
    return sharedCluster;
  }

  /** The loopback port. */
  public int port() {
    return port;
  }

  /** The loopback address and port. */
  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  /**
   * {@code 127.0.0.1:port} as an IP literal, the form config files use ({@link #address()} carries
   * the host name {@code localhost}, and the clients' own ketama rings hash the two differently).
   */
  public InetSocketAddress ipAddress() {
    return new InetSocketAddress("127.0.0.1", port);
  }

  /** {@code 127.0.0.1:port}, as config files write it. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** Sends {@code flush_all}: every item is gone, as after an operator's flush. */
  public void flushAll() {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write("flush_all\r\n".getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      byte[] answer = new byte[4];
      int read = socket.getInputStream().readNBytes(answer, 0, 4);
      if (read != 4 || !new String(answer, StandardCharsets.US_ASCII).equals("OK\r\n")) {
        fail(
            "flush_all on "
                + this
                + " answered "
                + new String(answer, 0, Math.max(read, 0), StandardCharsets.US_ASCII));
      }
    } catch (IOException e) {
      fail("flush_all on " + this + ": " + e);
    }
  }

  /** Whether the process is alive (it may be paused). */
  public boolean running() {
    Process p = process;
    return p != null && p.isAlive();
  }

  private void launch() throws IOException {
    Path bin = requireBinary();
    ProcessBuilder builder =
        new ProcessBuilder(
                bin.toString(),
                "-l",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "0",
                "-m",
                "64",
                "-c",
                "512")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    if (isRoot()) {
      builder.command().add("-u");
      builder.command().add("root");
    }
    builder.command().addAll(extraArgs);
    process = builder.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      if (!running()) {
        throw new IOException("memcached exited with " + process.exitValue() + " on port " + port);
      }
      try (Socket socket = new Socket()) {
        socket.connect(address(), 200);
        return;
      } catch (IOException e) {
        sleep(20);
      }
    }
    throw new IOException("memcached did not listen on port " + port + " within 10 s");
  }

  /** Kills the process (SIGKILL): connections drop, data is gone. */
  public void kill() {
    Process p = process;
    if (p != null) {
      p.destroyForcibly();
      waitFor(p);
    }
  }

  /** Starts the process again on the same port, empty. */
  public void restart() {
    kill();
    try {
      launch();
    } catch (IOException e) {
      throw new IllegalStateException("could not restart memcached on port " + port, e);
    }
  }

  /**
   * Freezes the process (SIGSTOP) and, on Linux, waits until every thread is stopped: connections
   * stay open, nothing answers.
   */
  public void pause() {
    signal("STOP");
    Process p = process;
    Path tasks = Path.of("/proc/" + (p == null ? 0 : p.pid()) + "/task");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (Files.isDirectory(tasks) && System.nanoTime() < deadline && !allStopped(tasks)) {
      sleep(5);
    }
  }

  private static boolean allStopped(Path tasks) {
    try (var threads = Files.list(tasks)) {
      return threads.allMatch(
          thread -> {
            try {
              String stat = Files.readString(thread.resolve("stat"), StandardCharsets.US_ASCII);
              String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
              return state.equals("T") || state.equals("t");
            } catch (IOException | RuntimeException e) {
              return true;
            }
          });
    } catch (IOException e) {
      return true;
    }
  }

  /** Thaws a paused process (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    Process p = process;
    if (p == null) {
      return;
    }
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("could not send SIG" + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The server's {@code stats}, read over a plain socket. */
  public Map<String, String> stats() {
    Map<String, String> stats = new HashMap<>();
    try (Socket socket = new Socket()) {
      socket.connect(address(), 1000);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder text = new StringBuilder();
      byte[] buffer = new byte[8192];
      while (!text.toString().endsWith("END\r\n")) {
        int read = in.read(buffer);
        if (read < 0) {
          break;
        }
        text.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
      }
      for (String line : text.toString().split("\r\n")) {
        String[] parts = line.split(" ");
        if (parts.length == 3 && parts[0].equals("STAT")) {
          stats.put(parts[1], parts[2]);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not read stats of memcached on port " + port, e);
    }
    return stats;
  }

  /** The number of items stored ({@code curr_items}). */
  public long items() {
    return Long.parseLong(stats().getOrDefault("curr_items", "0"));
  }

  /** Kills the process and forgets it; {@link #restart()} can start it again. */
  public void stop() {
    kill();
    process = null;
  }

  @Override
  public void close() {
    stop();
    synchronized (ALL) {
      ALL.remove(this);
    }
  }

  private static void stopAll() {
    synchronized (ALL) {
      for (MemcachedServer server : ALL) {
        server.resume();
        server.stop();
      }
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  private static void waitFor(Process p) {
    try {
      p.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
    return "memcached@" + port + (running() ? "" : " (stopped)");
  }
}
