package dev.crossgrade.codec.javalegacy;

import static dev.crossgrade.codec.PayloadException.Kind.CORRUPT;
import static dev.crossgrade.codec.PayloadException.Kind.LIMIT_EXCEEDED;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.COMPRESSED;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SERIALIZED;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_BOOLEAN;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_BYTEARRAY;
import static dev.crossgrade.codec.javalegacy.SpymemcachedTranscoderReader.SPECIAL_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.HostileCorpus;
import dev.crossgrade.codec.Limits;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The committed hostile inputs under {@code hostile/java-serialization/} (streams) and {@code
 * hostile/spymemcached/} (4 bytes of memcached flags, big-endian, then the entry's bytes): each
 * fails with the kind its file name states while allocating at most max(4 x its size, 64 KiB).
 */
class JavaLegacyHostileCorpusTest {
  private static final JavaSerializationReader<Object> READER = Values.reader();
  private static final SpymemcachedTranscoderReader SPY = SpymemcachedTranscoderFuzzTest.READER;

  /** A serializable handler, so that a dynamic proxy can be written to a stream. */
  private static final class Handler implements InvocationHandler, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      return 0;
    }
  }

  private static byte[] withFlags(int flags, byte[] data) {
    byte[] out = new byte[4 + data.length];
    out[0] = (byte) (flags >>> 24);
    out[1] = (byte) (flags >>> 16);
    out[2] = (byte) (flags >>> 8);
    out[3] = (byte) flags;
    System.arraycopy(data, 0, out, 4, data.length);
    return out;
  }

  /** {@code data} gzipped, with the trailer's declared size (ISIZE) replaced. */
  static byte[] gzipDeclaring(byte[] data, long declared) {
    byte[] gz = Streams.gzip(data);
    int at = gz.length - 4;
    for (int i = 0; i < 4; i++) {
      gz[at + i] = (byte) (declared >>> (8 * i));
    }
    return gz;
  }

  /**
   * The serial form of {@code Set.of("a", "b", "c")} relabelled as a {@code Map.of}: an odd number
   * of elements, for which the JDK's {@code readResolve} throws {@code InternalError}.
   */
  static byte[] oddMapOf() {
    byte[] set = Streams.serialize(java.util.Set.of("a", "b", "c"));
    int name = Streams.indexOf(set, "java.util.CollSer".getBytes(StandardCharsets.US_ASCII), 0);
    int tag = Streams.indexOf(set, Streams.bytes(0x78, 0x70), name) + 2;
    assertThat(Arrays.copyOfRange(set, tag, tag + 4)).isEqualTo(Streams.bytes(0, 0, 0, 2));
    return Streams.withInt(set, tag, 3);
  }

  @Test
  void aMapOfWithAnOddNumberOfElementsIsCorrupt() {
    // Regression (found by fuzzing): the InternalError("length is odd") of the JDK's
    // ImmutableCollections escaped the reader.
    byte[] odd = oddMapOf();
    assertThatThrownBy(() -> READER.decode(odd, 0, odd.length, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("length is odd");
  }

  private static byte[] gadget() {
    return Streams.serialize(new Gadgets.ReadObjectGadget("touch /tmp/pwned"));
  }

  static Map<String, byte[]> streams() throws IOException {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    JavaSerializationReaderContractTest.hostileBodies()
        .forEach((what, body) -> inputs.put(HostileCorpus.fileName(LIMIT_EXCEEDED, what), body));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a class not on the allow-list with a readObject"),
        gadget());
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "BadAttributeValueExpException calling toString"),
        Streams.renameClass(
            Streams.serialize(
                new Gadgets.BadAttributeValueExpTemplate(new Gadgets.ToStringGadget())),
            Gadgets.BadAttributeValueExpTemplate.class.getName(),
            "javax.management.BadAttributeValueExpException"));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "URLDNS: a java.net.URL key in a HashMap"),
        Streams.serialize(new HashMap<>(Map.of(new URL("http://example.invalid/"), "x"))));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a TreeMap with a comparator gadget"),
        Streams.serialize(new TreeMap<>(new Gadgets.ComparingGadget())));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a dynamic proxy of Comparator"),
        Streams.serialize(
            new ArrayList<>(
                List.of(
                    Proxy.newProxyInstance(
                        JavaLegacyHostileCorpusTest.class.getClassLoader(),
                        new Class<?>[] {Comparator.class},
                        new Handler())))));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a class never loaded, with a static initializer"),
        Streams.renameClass(
            Streams.serialize(new Gadgets.StaticInitTemplate()),
            Gadgets.StaticInitTemplate.class.getName(),
            "dev.crossgrade.codec.javalegacy.StaticInitGadget"));
    byte[] account =
        Streams.serialize(
            new SampleAccount(
                "a-1", 100, List.of("x"), LocalDate.of(2020, 1, 2), SampleStatus.OPEN));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "an allowed class with another serialVersionUID"),
        Streams.withSerialVersionUid(account, SampleAccount.class.getName(), 99L));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a stream truncated by one byte"),
        Arrays.copyOf(account, account.length - 1));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a stream followed by a stray byte"),
        Arrays.copyOf(account, account.length + 1));
    inputs.put(HostileCorpus.fileName(CORRUPT, "Map.of serial form with 3 elements"), oddMapOf());
    inputs.put(HostileCorpus.fileName(CORRUPT, "a stream holding null"), Streams.serialize(null));
    inputs.put(HostileCorpus.fileName(CORRUPT, "not a stream"), Streams.bytes(0x7b, 0x7d));
    return inputs;
  }

  static Map<String, byte[]> entries() {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    byte[] abc = "abc".getBytes(StandardCharsets.UTF_8);
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "gzip trailer forged to declare 1 MiB for 3 bytes"),
        withFlags(COMPRESSED | SPECIAL_BYTEARRAY, gzipDeclaring(abc, 1 << 20)));
    inputs.put(
        HostileCorpus.fileName(LIMIT_EXCEEDED, "gzip trailer declaring 4 GiB"),
        withFlags(COMPRESSED, gzipDeclaring(abc, 0xFFFF_FFFFL)));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "gzip that inflates past its declared size"),
        withFlags(COMPRESSED, gzipDeclaring(new byte[100_000], 1000)));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "compressed flag on bytes that are not gzip"),
        withFlags(COMPRESSED, abc));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "flag bits the transcoder never sets"),
        withFlags(0x10000, abc));
    inputs.put(HostileCorpus.fileName(CORRUPT, "special type 9"), withFlags(9 << 8, abc));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "serialized and special at once"),
        withFlags(SERIALIZED | SPECIAL_LONG, new byte[] {1}));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a Boolean that is the byte 2"),
        withFlags(SPECIAL_BOOLEAN, new byte[] {'2'}));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a Long of 9 bytes"), withFlags(SPECIAL_LONG, new byte[9]));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "text that is not utf-8"),
        withFlags(0, new byte[] {(byte) 0xC3, 0x28}));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a serialized gadget"), withFlags(SERIALIZED, gadget()));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a compressed serialized gadget"),
        withFlags(SERIALIZED | COMPRESSED, Streams.gzip(gadget())));
    inputs.put(
        HostileCorpus.fileName(LIMIT_EXCEEDED, "a serialized long[] claiming 2^31-1 elements"),
        withFlags(SERIALIZED, Streams.primitiveArray(long[].class, Integer.MAX_VALUE, 16)));
    return inputs;
  }

  @Test
  void streamInputsFailAsExpectedWithinTheAllocationBound() throws IOException {
    HostileCorpus.writeOrVerify("java-serialization", streams());
    HostileCorpus.check(
        "java-serialization", b -> READER.decode(b, 0, b.length, Limits.defaults()));
    assertThat(Gadgets.READ_OBJECT_RAN).isFalse();
    assertThat(Gadgets.COMPARE_RAN).isFalse();
    assertThat(Gadgets.TO_STRING_RAN).isFalse();
    assertThat(Gadgets.STATIC_INIT_RAN).isFalse();
  }

  @Test
  void spymemcachedInputsFailAsExpectedWithinTheAllocationBound() {
    HostileCorpus.writeOrVerify("spymemcached", entries());
    HostileCorpus.check(
        "spymemcached",
        b ->
            SPY.read(
                b, 4, b.length - 4, SpymemcachedTranscoderFuzzTest.flags(b), Limits.defaults()));
    assertThat(Gadgets.READ_OBJECT_RAN).isFalse();
  }

  @Test
  void aForgedGzipTrailerAllocatesWhatTheStreamInflatesTo_notTheClaim() {
    // Regression: the declared size was allocated up front, so 23 bytes cost 1 MiB.
    byte[] forged = gzipDeclaring(new byte[] {1, 2, 3}, 1 << 20);
    Runnable read =
        () ->
            assertThatThrownBy(
                    () -> SPY.read(forged, 0, forged.length, COMPRESSED, Limits.defaults()))
                .isInstanceOf(CorruptPayloadException.class);
    read.run();
    assertThat(allocatedBy(read)).isLessThan(64 * 1024);
  }

  @Test
  void aGzipBombCostsAtMostTwiceItsDeclaredSize() {
    int declared = 256 * 1024;
    byte[] bomb = gzipDeclaring(new byte[4 * declared], declared);
    assertThat(bomb.length).isLessThan(8192);
    Runnable read =
        () ->
            assertThatThrownBy(() -> SPY.read(bomb, 0, bomb.length, COMPRESSED, Limits.defaults()))
                .isInstanceOf(CorruptPayloadException.class)
                .hasMessageContaining("more than");
    read.run();
    assertThat(allocatedBy(read)).isLessThan(2L * declared + 64 * 1024);
    byte[] honest = Streams.gzip(new byte[declared]);
    assertThat(
            (byte[])
                SPY.read(
                    honest, 0, honest.length, COMPRESSED | SPECIAL_BYTEARRAY, Limits.defaults()))
        .hasSize(declared);
  }

  private static long allocatedBy(Runnable action) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    action.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  /** With {@code -Dcrossgrade.writeFuzzSeeds=true}: the fuzz targets' seed corpora. */
  @AfterAll
  static void writeFuzzSeeds() {
    Map<String, byte[]> streams = new TreeMap<>();
    Map<String, byte[]> entries = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden/java-serialization"))) {
      for (Path file : files.toList()) {
        streams.put("golden-" + file.getFileName(), Files.readAllBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/golden/spymemcached"))) {
      for (Path file : files.toList()) {
        String name = file.getFileName().toString();
        int flags =
            Integer.parseInt(name.substring(name.indexOf("flags-0x") + 8, name.length() - 4), 16);
        entries.put("golden-" + name, withFlags(flags, Files.readAllBytes(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HostileCorpus.writeFuzzSeeds(
        JavaSerializationFuzzTest.class,
        "javaSerializationReaderThrowsOnlyTypedExceptions",
        streams,
        "java-serialization");
    HostileCorpus.writeFuzzSeeds(
        SpymemcachedTranscoderFuzzTest.class,
        "spymemcachedReaderThrowsOnlyTypedExceptions",
        entries,
        "spymemcached");
  }
}
