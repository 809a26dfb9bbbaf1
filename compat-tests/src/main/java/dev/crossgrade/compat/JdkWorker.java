package dev.crossgrade.compat;

import dev.crossgrade.tooling.ForkedJvm;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A long-lived JVM forked from one JDK home, running {@link WorkerMain}: it stays up across cells
 * and takes batches of thousands of values per request. It runs under the C locale, so its platform
 * default charset is the JDK's own default for a non-UTF-8 locale.
 */
final class JdkWorker implements Host, AutoCloseable {
  private final ForkedJvm jvm;
  private final DataOutputStream toWorker;
  private final DataInputStream fromWorker;
  private final String label;
  private final String version;
  private final String defaultCharset;

  private JdkWorker(ForkedJvm jvm) throws IOException {
    this.jvm = jvm;
    this.toWorker = new DataOutputStream(new BufferedOutputStream(jvm.input(), 1 << 16));
    this.fromWorker = new DataInputStream(new BufferedInputStream(jvm.output(), 1 << 16));
    DataInputStream info = request(WorkerMain.INFO, out -> {});
    this.version = info.readUTF();
    info.readUTF();
    this.defaultCharset = info.readUTF();
    this.label = "JDK " + version;
  }

  /** Starts a worker with {@code javaHome}'s {@code bin/java} and the given class path. */
  static JdkWorker start(Path javaHome, String classPath) throws IOException {
    ForkedJvm jvm =
        ForkedJvm.start(
            javaHome,
            List.of("-Xss8m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"),
            classPath,
            WorkerMain.class.getName(),
            env -> {
              env.keySet().removeIf(key -> key.startsWith("LC_"));
              env.put("LANG", "C");
              env.put("LC_ALL", "C");
            },
            "crossgrade-worker-");
    try {
      return new JdkWorker(jvm);
    } catch (IOException e) {
      jvm.kill();
      String tail = jvm.logTail(20);
      jvm.close(Duration.ZERO);
      throw new IOException(
          "the worker on " + javaHome + " did not start: " + e.getMessage() + "; " + tail, e);
    }
  }

  @Override
  public String label() {
    return label;
  }

  String version() {
    return version;
  }

  String defaultCharset() {
    return defaultCharset;
  }

  @Override
  public synchronized List<Outcome> write(String side, List<Object> values) throws IOException {
    DataInputStream in =
        request(
            WorkerMain.WRITE,
            out -> {
              out.writeUTF(side);
              out.writeInt(values.size());
              for (Object value : values) {
                ValueWire.write(out, value);
              }
            });
    List<Outcome> outcomes = new ArrayList<>(values.size());
    for (int i = 0; i < values.size(); i++) {
      if (in.readUnsignedByte() == 0) {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        outcomes.add(Outcome.success(bytes));
      } else {
        outcomes.add(Outcome.failure(in.readUTF()));
      }
    }
    return outcomes;
  }

  @Override
  public synchronized List<Outcome> read(String side, List<byte[]> payloads) throws IOException {
    DataInputStream in =
        request(
            WorkerMain.READ,
            out -> {
              out.writeUTF(side);
              out.writeInt(payloads.size());
              for (byte[] payload : payloads) {
                out.writeInt(payload.length);
                out.write(payload);
              }
            });
    List<Outcome> outcomes = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      if (in.readUnsignedByte() == 0) {
        outcomes.add(Outcome.success(ValueWire.read(in)));
      } else {
        outcomes.add(Outcome.failure(in.readUTF()));
      }
    }
    return outcomes;
  }

  private interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  private synchronized DataInputStream request(int op, Body body) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeByte(op);
    body.write(out);
    out.flush();
    try {
      toWorker.writeInt(buffer.size());
      buffer.writeTo(toWorker);
      toWorker.flush();
      byte[] response = new byte[fromWorker.readInt()];
      fromWorker.readFully(response);
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(response));
      if (in.readUnsignedByte() != 0) {
        throw new IOException("the worker failed the request: " + in.readUTF());
      }
      return in;
    } catch (IOException e) {
      if (!jvm.isAlive()) {
        throw new IOException("the worker exited: " + jvm.logTail(20), e);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      toWorker.writeInt(1);
      toWorker.writeByte(WorkerMain.QUIT);
      toWorker.flush();
    } catch (IOException e) {
      jvm.kill();
    }
    jvm.close(Duration.ofSeconds(5));
  }
}
