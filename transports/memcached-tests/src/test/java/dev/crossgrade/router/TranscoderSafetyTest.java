package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Neither memcached client ever deserializes what the server holds: an entry that a serializing
 * transcoder would turn into an object (memcached flags marking it serialized, or serialized and
 * gzipped) comes back from the transport as its exact bytes, the cache treats it as an unreadable
 * payload (a miss, then a load), and the gadget's {@code readObject} never runs. The clients'
 * default transcoders are ours too, so no call without one could deserialize.
 */
class TranscoderSafetyTest {
  private static final int SERIALIZED = 1;
  private static final int COMPRESSED = 2;

  /** Set when a {@link Gadget} is deserialized. */
  static final AtomicBoolean GADGET_RAN = new AtomicBoolean();

  /** A value whose {@code readObject} has a side effect, as gadget chains do. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    final String command = "touch /tmp/pwned";

    @Serial
    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      GADGET_RAN.set(true);
    }
  }

  private static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Stores {@code data} under {@code key} with {@code flags}, as another client would. */
  static void rawSet(MemcachedServer server, String key, int flags, byte[] data) {
    try (Socket socket = new Socket()) {
      socket.connect(server.address(), 1000);
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("set " + key + " " + flags + " 300 " + data.length + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(data);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[8];
      int read = in.readNBytes(reply, 0, 8);
      assertThat(new String(reply, 0, read, StandardCharsets.US_ASCII)).isEqualTo("STORED\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object defaultTranscoder(CacheTransport transport)
      throws ReflectiveOperationException {
    Field field = transport.getClass().getDeclaredField("client");
    field.setAccessible(true);
    Object client = field.get(transport);
    return client.getClass().getMethod("getTranscoder").invoke(client);
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "XMEMCACHED"})
  void serializedEntriesComeBackAsBytesAndAreNeverDeserialized(Backend backend)
      throws ReflectiveOperationException {
    MemcachedServer server = MemcachedServer.shared();
    byte[] gadget = serialize(new Gadget());
    try (CacheTransport transport = backend.connect(List.of(server), Duration.ofMillis(500))) {
      Object transcoder = defaultTranscoder(transport);
      assertThat(transcoder.getClass().getName())
          .as("%s client's default transcoder", backend)
          .startsWith("dev.crossgrade.transport.")
          .doesNotContain("Serializing");
      String prefix = TwoRuntimes.randomPrefix();
      for (int flags : new int[] {SERIALIZED, SERIALIZED | COMPRESSED, 0xFFFF}) {
        byte[] stored = (flags & COMPRESSED) != 0 ? gzip(gadget) : gadget;
        String key = prefix + ":gadget:" + flags;
        rawSet(server, key, flags, stored);
        Optional<byte[]> read = transport.get(key).join();
        assertThat(read)
            .as("%s, flags %d", backend, flags)
            .hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(stored));
        assertThat(transport.getMulti(List.of(key)).join().get(key)).isEqualTo(stored);
      }
    }
    assertThat(GADGET_RAN).as("a gadget's readObject ran").isFalse();
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "XMEMCACHED"})
  void aSerializedEntryUnderACacheKeyIsAMissThenALoad(Backend backend) {
    byte[] gadget = serialize(new Gadget());
    try (TwoRuntimes t = TwoRuntimes.on(backend, Phase.DUAL_WRITE, 100)) {
      MemcachedServer server = MemcachedServer.shared();
      rawSet(server, t.physical(TwoRuntimes.G2, "k"), SERIALIZED, gadget);
      rawSet(server, t.physical(TwoRuntimes.G1, "k"), SERIALIZED | COMPRESSED, gzip(gadget));
      assertThat(t.neu.get("k")).isEmpty();
      assertThat(t.old.get("k")).isEmpty();
      ItemV2 loaded = TwoRuntimes.v2("k", 1, "from", "the", "database");
      assertThat(t.neu.getOrLoad("k", key -> loaded)).isEqualTo(loaded);
      assertThat(TwoRuntimes.count(t.newMeters, CacheMetrics.DECODE_FAILURE))
          .as("decode failures counted")
          .isPositive();
    }
    assertThat(GADGET_RAN).as("a gadget's readObject ran").isFalse();
  }
}
