package dev.crossgrade.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A memcached server of the benchmark's own on a free loopback port ({@code memcached -l 127.0.0.1
 * -p PORT -U 0 -m 256 -c 1024}), stopped by {@link #close()} or, failing that, at JVM exit.
 */
final class MemcachedProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private MemcachedProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts memcached and waits until it accepts connections.
   *
   * @throws IllegalStateException if there is no memcached binary or it does not start
   */
  static MemcachedProcess start() {
    Path binary = binary();
    IOException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      int port = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  binary.toString(),
                  "-l",
                  "127.0.0.1",
                  "-p",
                  Integer.toString(port),
                  "-U",
                  "0",
                  "-m",
                  "256",
                  "-c",
                  "1024"));
      if ("root".equals(System.getProperty("user.name"))) {
        // memcached refuses to run as root unless told which user to run as.
        command.addAll(List.of("-u", "root"));
      }
      Process process;
      try {
        process =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
      } catch (IOException e) {
        throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
      }
      MemcachedProcess server = new MemcachedProcess(process, port);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "memcached-stopper"));
      try {
        server.awaitReady();
        return server;
      } catch (IOException e) {
        last = e;
        server.close();
      }
    }
    throw new IllegalStateException("memcached did not start on a free port", last);
  }

  /** The memcached binary on the PATH or in the usual places. */
  static Path binary() {
    String path = System.getenv("PATH") == null ? "" : System.getenv("PATH");
    List<String> dirs = new ArrayList<>(List.of(path.split(File.pathSeparator)));
    dirs.addAll(List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/opt/homebrew/bin"));
    for (String dir : dirs) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "memcached");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "no memcached binary on the PATH: install it (apt-get install -y memcached) to run the"
            + " cache-path benchmark");
  }

  /** The loopback address and port. */
  InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }

  private void awaitReady() throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      if (!process.isAlive()) {
        throw new IOException("memcached exited with " + process.exitValue() + " on port " + port);
      }
      try (Socket socket = new Socket()) {
        socket.connect(address(), 200);
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IOException("memcached did not listen on port " + port + " within 10 s", e);
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for memcached", e);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free loopback port", e);
    }
  }

  /** Stops the server and waits for it to exit. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
