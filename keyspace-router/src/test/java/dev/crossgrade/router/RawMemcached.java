package dev.crossgrade.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** memcached's text protocol by hand, to check what the server itself accepts. */
final class RawMemcached {
  private RawMemcached() {}

  /** Sends {@code set key 0 60 length} with {@code length} bytes and returns the answer line. */
  static String set(MemcachedServer server, String key, int length) {
    try (Socket socket = new Socket()) {
      socket.connect(server.address(), 1000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      byte[] value = new byte[length];
      Arrays.fill(value, (byte) 'r');
      out.write(("set " + key + " 0 60 " + length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(value);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
