package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV2;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;

/**
 * Arbitrary keys against a memcached server of this test's own, with both clients, checked on the
 * server itself: after every operation the keys the server holds (listed with {@code lru_crawler
 * metadump}) are exactly the physical keys the router made for the keys used, each a valid key
 * under the runtime's prefix, and no command other than the cache's own ran ({@code cmd_flush} and
 * {@code cmd_touch} stay 0). A key that smuggled a command (CR LF, spaces, {@code flush_all}, a
 * second {@code set}) would leave a foreign key, a flushed server or a changed victim behind.
 */
class KeyInjectionServerStateTest {
  private static MemcachedServer server;
  private static List<TwoRuntimes> runtimes;
  private static final Map<TwoRuntimes, Set<String>> expected = new java.util.HashMap<>();

  @BeforeContainer
  static void start() {
    server = MemcachedServer.start();
    runtimes =
        List.of(
            TwoRuntimes.onServers(
                Backend.SPYMEMCACHED, List.of(server), Phase.SPLIT, Duration.ofMillis(500)),
            TwoRuntimes.onServers(
                Backend.XMEMCACHED, List.of(server), Phase.SPLIT, Duration.ofMillis(500)));
  }

  @AfterContainer
  static void stop() {
    if (runtimes != null) {
      runtimes.forEach(TwoRuntimes::close);
    }
    if (server != null) {
      server.close();
    }
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300),
        Arbitraries.strings().withChars(" \r\n\t\u0000\u007f:%ab").ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().ascii().ofMinLength(200).ofMaxLength(260),
        Arbitraries.of(
            "victim\r\nflush_all",
            "x 0 0 1\r\ny\r\nset victim 0 0 4\r\nevil",
            "k\r\ndelete victim\r\n",
            "k noreply",
            "get victim",
            "touch victim 1",
            "\u00e9\u00e8\r\nflush_all 0",
            "a".repeat(250),
            "a".repeat(251)));
  }

  /** Every key the server holds, from {@code lru_crawler metadump all}; null if it was busy. */
  static @Nullable Set<String> serverKeys() {
    Set<String> keys = new HashSet<>();
    try (Socket socket = new Socket()) {
      socket.connect(server.address(), 1000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("lru_crawler metadump all\r\n".getBytes(StandardCharsets.US_ASCII));
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
      for (String line : text.toString().replace("\r", "").split("\n")) {
        if (line.startsWith("key=")) {
          String encoded = line.substring(4, line.indexOf(' '));
          keys.add(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
        } else if (line.startsWith("BUSY")) {
          return null;
        } else {
          assertThat(line).as("metadump line").isEqualTo("END");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return keys;
  }

  /**
   * Checks the keys on the server. The crawler walks LRUs that the server reorders as it goes, so
   * one dump can miss a key: dumps are repeated, their union taken, until it is what was expected.
   */
  private static void checkServer() {
    Set<String> wanted = new HashSet<>();
    expected.values().forEach(wanted::addAll);
    Set<String> held = new HashSet<>();
    Set<String> items = new HashSet<>();
    for (int attempt = 0; attempt < 30 && !items.equals(wanted); attempt++) {
      if (attempt > 0) {
        MemcachedServer.sleep(10);
      }
      Set<String> keys = serverKeys();
      if (keys == null) {
        continue;
      }
      held.addAll(keys);
      for (String key : keys) {
        if (runtimes.stream()
            .anyMatch(t -> key.startsWith(t.prefix + ":" + TwoRuntimes.KEYSPACE + ":"))) {
          items.add(key);
        }
      }
    }
    for (String key : held) {
      assertThat(key.getBytes(StandardCharsets.UTF_8).length)
          .as("length of %s", key)
          .isLessThanOrEqualTo(250);
      assertThat(key).as("a key on the server").matches("[\\x21-\\x7e]+");
      assertThat(runtimes.stream().anyMatch(t -> key.startsWith(t.prefix + ":")))
          .as("%s is under a runtime's prefix", key)
          .isTrue();
    }
    assertThat(items).as("item keys on the server").isEqualTo(wanted);
    Map<String, String> stats = server.stats();
    assertThat(stats.get("cmd_flush")).isEqualTo("0");
    assertThat(stats.get("cmd_touch")).isEqualTo("0");
  }

  @Property(tries = 60)
  void theServerHoldsExactlyTheRoutersKeys(@ForAll("keys") String key) {
    for (TwoRuntimes t : runtimes) {
      Set<String> mine = expected.computeIfAbsent(t, x -> new HashSet<>());
      ItemV2 victim = TwoRuntimes.v2("victim", 1, "safe");
      t.neu.set("victim", victim);
      mine.add(t.physical(TwoRuntimes.G2, "victim"));
      ItemV2 value = TwoRuntimes.v2("id", 2, "value");
      assertThat(t.neu.set(key, value)).isTrue();
      mine.add(t.physical(TwoRuntimes.G2, key));
      checkServer();

      assertThat(t.neu.getAll(new ArrayList<>(List.of(key, "victim")))).containsEntry(key, value);
      assertThat(t.old.getOrLoad(key, k -> TestFormats.down(value))).isNotNull();
      mine.add(t.physical(TwoRuntimes.G1, key));
      checkServer();

      assertThat(t.neu.delete(key)).isTrue();
      mine.remove(t.physical(TwoRuntimes.G2, key));
      mine.remove(t.physical(TwoRuntimes.G1, key));
      if (key.equals("victim")) {
        mine.remove(t.physical(TwoRuntimes.G2, "victim"));
      } else {
        assertThat(t.neu.get("victim")).contains(victim);
      }
      checkServer();
    }
  }
}
