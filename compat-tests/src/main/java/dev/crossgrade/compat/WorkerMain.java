package dev.crossgrade.compat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The forked JDK worker: reads length-prefixed requests on stdin (write or read a batch with a
 * named side, describe this JVM, quit) and answers each with one length-prefixed response on
 * stdout. Anything else a library prints goes to stderr, never into the protocol.
 */
final class WorkerMain {
  static final int WRITE = 1;
  static final int READ = 2;
  static final int INFO = 3;
  static final int QUIT = 4;

  private WorkerMain() {}

  public static void main(String[] args) throws IOException {
    DataInputStream in =
        new DataInputStream(
            new BufferedInputStream(new FileInputStream(FileDescriptor.in), 1 << 16));
    DataOutputStream out =
        new DataOutputStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
    System.setOut(
        new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
    while (true) {
      byte[] request;
      try {
        request = new byte[in.readInt()];
      } catch (EOFException closed) {
        return;
      }
      in.readFully(request);
      DataInputStream body = new DataInputStream(new ByteArrayInputStream(request));
      int op = body.readUnsignedByte();
      if (op == QUIT) {
        return;
      }
      ByteArrayOutputStream response = new ByteArrayOutputStream(1 << 16);
      DataOutputStream answer = new DataOutputStream(response);
      try {
        answer.writeByte(0);
        handle(op, body, answer);
      } catch (RuntimeException | IOException | LinkageError e) {
        response.reset();
        answer.writeByte(1);
        answer.writeUTF(Outcome.failure(e).error());
      }
      answer.flush();
      out.writeInt(response.size());
      response.writeTo(out);
      out.flush();
    }
  }

  private static void handle(int op, DataInputStream body, DataOutputStream answer)
      throws IOException {
    switch (op) {
      case INFO -> {
        answer.writeUTF(System.getProperty("java.version"));
        answer.writeUTF(System.getProperty("java.home"));
        answer.writeUTF(Charset.defaultCharset().name());
        answer.writeUTF(Locale.getDefault().toLanguageTag());
      }
      case WRITE -> {
        Side side = Sides.create(body.readUTF());
        int count = body.readInt();
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          values.add(ValueWire.read(body));
        }
        List<Outcome> outcomes = Host.writeAll(side, values);
        for (Outcome outcome : outcomes) {
          if (outcome.ok()) {
            answer.writeByte(0);
            answer.writeInt(outcome.bytes().length);
            answer.write(outcome.bytes());
          } else {
            answer.writeByte(1);
            answer.writeUTF(outcome.error());
          }
        }
      }
      case READ -> {
        Side side = Sides.create(body.readUTF());
        int count = body.readInt();
        List<byte[]> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          byte[] payload = new byte[body.readInt()];
          body.readFully(payload);
          payloads.add(payload);
        }
        for (Outcome outcome : Host.readAll(side, payloads)) {
          ByteArrayOutputStream one = new ByteArrayOutputStream();
          String unsupported = null;
          if (outcome.ok()) {
            try {
              ValueWire.write(new DataOutputStream(one), outcome.value());
            } catch (IllegalArgumentException e) {
              unsupported = "read a value outside the generic model: " + e.getMessage();
            }
          }
          if (outcome.ok() && unsupported == null) {
            answer.writeByte(0);
            one.writeTo(answer);
          } else if (unsupported != null) {
            answer.writeByte(1);
            answer.writeUTF(unsupported);
          } else {
            answer.writeByte(1);
            answer.writeUTF(outcome.error());
          }
        }
      }
      default -> throw new IOException("unknown request " + op);
    }
  }
}
