package dev.crossgrade.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy on loopback in front of one server that holds every byte a client sends for a
 * settable delay before passing it on, in order: a slow network path, as between a process and
 * memcached. Answers flow back at once. A client whose request timed out has still sent it, and the
 * proxy delivers it late: the late landing of a write that its caller saw fail.
 */
final class DelayProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final List<Socket> sockets = new ArrayList<>();
  private volatile long delayNanos;
  private volatile boolean closed;

  DelayProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "delay-proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The proxy's address, as an IP literal. */
  InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", listener.getLocalPort());
  }

  /** From now on, bytes sent to the server arrive {@code millis} later than sent. */
  void delay(long millis) {
    delayNanos = TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private void accept() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(target.getAddress(), target.getPort());
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(server);
        }
        start("delay-proxy-down", () -> copy(server.getInputStream(), client.getOutputStream()));
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        start("delay-proxy-up-read", () -> read(client.getInputStream(), queue));
        start("delay-proxy-up-write", () -> deliver(queue, server.getOutputStream()));
      } catch (IOException e) {
        if (!closed) {
          continue;
        }
        return;
      }
    }
  }

  /** Bytes read from the client at {@code due - delay}, to be sent at {@code due}. */
  private record Chunk(long due, byte[] bytes) {}

  private void read(InputStream in, BlockingQueue<Chunk> queue) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      queue.add(new Chunk(System.nanoTime() + delayNanos, Arrays.copyOf(buffer, n)));
    }
    queue.add(new Chunk(0, new byte[0]));
  }

  private static void deliver(BlockingQueue<Chunk> queue, OutputStream out)
      throws IOException, InterruptedException {
    while (true) {
      Chunk chunk = queue.take();
      if (chunk.bytes().length == 0) {
        out.close();
        return;
      }
      long wait = chunk.due() - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      out.write(chunk.bytes());
      out.flush();
    }
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    in.transferTo(out);
    out.close();
  }

  private interface Io {
    void run() throws IOException, InterruptedException;
  }

  private static void start(String name, Io body) {
    Thread thread =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (IOException | InterruptedException e) {
                // The connection is gone; the other direction notices on its own.
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    closed = true;
    listener.close();
    synchronized (sockets) {
      for (Socket socket : sockets) {
        socket.close();
      }
    }
  }
}
