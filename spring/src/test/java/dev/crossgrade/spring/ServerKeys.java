package dev.crossgrade.spring;

import dev.crossgrade.router.MemcachedServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The keys a memcached server holds, as its own {@code lru_crawler metadump all} lists them. */
final class ServerKeys {
  private static final int MAX_KEYS = 100_000;

  private ServerKeys() {}

  static List<String> list(MemcachedServer server) {
    try (Socket socket = new Socket()) {
      socket.connect(server.address(), 5_000);
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write("lru_crawler metadump all\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      List<String> keys = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null && !line.equals("END") && keys.size() < MAX_KEYS) {
        if (line.startsWith("key=")) {
          int end = line.indexOf(' ');
          String encoded = line.substring(4, end < 0 ? line.length() : end);
          keys.add(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        } else if (line.startsWith("ERROR") || line.startsWith("BUSY")) {
          throw new IllegalStateException("memcached answered " + line);
        }
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
