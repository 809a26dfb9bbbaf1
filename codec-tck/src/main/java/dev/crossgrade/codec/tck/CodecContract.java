package dev.crossgrade.codec.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.PayloadHeader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The contract every codec passes: one jqwik property suite that each codec's test class
 * implements. Published as {@code crossgrade-codec-tck}, so that whoever writes a codec of their
 * own gets the contract from one test dependency:
 *
 * <pre>{@code
 * class MyCodecTest implements CodecContract<MyValue> {
 *   public Codec<MyValue> codec() { return MyCodec.newBuilder(MyValue.class).build(); }
 *   public Arbitrary<MyValue> values() { ... }          // the whole domain, traps included
 *   public Map<String, byte[]> hostileBodies() { ... }  // each must fail with LimitExceededException
 *   public Map<String, MyValue> goldenValues() { ... }  // src/test/resources/golden/<codec>/<name>.payload
 * }
 * }</pre>
 *
 * <p>What it checks: arbitrary values round-trip, alone and through a registry at an offset; any
 * bytes (random, and single-bit flips and truncations of real bodies) decode to a value or a typed
 * {@link PayloadException}, never another exception or an {@code Error}; hostile length headers
 * fail fast with {@link LimitExceededException} while allocating under 1 MiB; and the committed
 * golden payloads are still read by the current code.
 *
 * @param <T> the codec's value type
 */
public interface CodecContract<T> {

  /** The codec under test. */
  Codec<T> codec();

  /** Arbitrary values of the codec's whole domain, including its traps. */
  Arbitrary<T> values();

  /**
   * Hostile bodies: each must fail with {@link LimitExceededException} while allocating well under
   * 1 MiB (for example a length header claiming 2^31 elements in five bytes).
   */
  Map<String, byte[]> hostileBodies();

  /**
   * The values the committed golden payloads hold, by file name (without extension), under {@code
   * src/test/resources/golden/<codec name>/}. Each file is a whole enveloped payload.
   */
  Map<String, T> goldenValues();

  /** Whether two values are the same value in this codec's domain; default deep equality. */
  default boolean equivalent(T expected, T actual) {
    return Objects.deepEquals(expected, actual);
  }

  /** The limits the contract decodes with. */
  default Limits limits() {
    return Limits.defaults();
  }

  @Provide
  default Arbitrary<T> contractValues() {
    return values();
  }

  @Provide
  default Arbitrary<byte[]> contractBytes() {
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(2048),
        values()
            .map(this::encodeBody)
            .flatMap(
                body ->
                    Arbitraries.integers()
                        .between(0, Math.max(0, body.length * 8 - 1))
                        .map(bit -> mutate(body, bit))));
  }

  private static String hex(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length * 2);
    for (byte b : bytes) {
      text.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
    }
    return text.toString();
  }

  private static byte[] mutate(byte[] body, int bit) {
    byte[] copy = body.clone();
    if (copy.length > 0) {
      copy[bit / 8] ^= (byte) (1 << (bit % 8));
    }
    return bit % 3 == 0 ? Arrays.copyOf(copy, bit / 8) : copy;
  }

  private byte[] encodeBody(T value) {
    PayloadBuffer buffer = new PayloadBuffer(64, limits().maxPayloadSize());
    codec().encode(value, buffer, limits());
    return buffer.toByteArray();
  }

  @Property(tries = 300)
  default void roundTripsArbitraryValues(@ForAll("contractValues") T value) {
    byte[] body = encodeBody(value);
    T decoded = codec().decode(body, 0, body.length, limits());
    assertThat(equivalent(value, decoded)).as("decoded %s from %s", decoded, value).isTrue();
  }

  @Property(tries = 200)
  default void roundTripsThroughARegistryAtAnOffset(@ForAll("contractValues") T value) {
    CodecRegistry<T> registry =
        CodecRegistry.newBuilder(codec().valueType()).writer(codec()).checksum(true).build();
    byte[] payload = registry.encode(value);
    byte[] shifted = new byte[payload.length + 7];
    System.arraycopy(payload, 0, shifted, 3, payload.length);
    T decoded = registry.decode(shifted, 3, payload.length);
    assertThat(equivalent(value, decoded)).as("decoded %s from %s", decoded, value).isTrue();
  }

  @Property(tries = 1000)
  default void anyBytesYieldAValueOrATypedException(@ForAll("contractBytes") byte[] body) {
    try {
      codec().decode(body, 0, body.length, limits());
    } catch (PayloadException expected) {
      // typed: fine
    } catch (Throwable other) {
      fail("decoding " + hex(body) + " threw " + other, other);
    }
  }

  @Example
  default void hostileLengthHeadersFailFastWithTheLimitException() {
    Map<String, byte[]> hostile = hostileBodies();
    assertThat(hostile).as("hostile bodies").isNotEmpty();
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (Map.Entry<String, byte[]> entry : hostile.entrySet()) {
      byte[] body = entry.getValue();
      long before = threads.getCurrentThreadAllocatedBytes();
      assertThatThrownBy(() -> codec().decode(body, 0, body.length, limits()))
          .as(entry.getKey())
          .isInstanceOf(LimitExceededException.class);
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertThat(allocated).as("bytes allocated decoding %s", entry.getKey()).isLessThan(1 << 20);
    }
  }

  @Example
  default void goldenPayloadsAreReadBackByTheCurrentCode() throws IOException {
    String name = codec().descriptor().name();
    Map<String, T> golden = goldenValues();
    assertThat(golden).as("golden values of %s: a codec needs golden payloads", name).isNotEmpty();
    CodecRegistry<T> registry =
        CodecRegistry.newBuilder(codec().valueType()).writer(codec()).build();
    for (Map.Entry<String, T> entry : golden.entrySet()) {
      String resource = "/golden/" + name + "/" + entry.getKey() + ".payload";
      byte[] payload;
      try (InputStream in = getClass().getResourceAsStream(resource)) {
        if (in == null) {
          if (Boolean.getBoolean("crossgrade.writeGolden")) {
            Path file = Path.of("src/test/resources" + resource);
            Files.createDirectories(file.getParent());
            Files.write(file, registry.encode(entry.getValue()));
            continue;
          }
          fail(
              """
              no golden payload %s; write the missing ones with -Dcrossgrade.writeGolden=true and \
              commit them"""
                  .formatted(resource));
          return;
        }
        payload = in.readAllBytes();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      assertThat(PayloadHeader.read(payload).codecId()).isEqualTo(codec().descriptor().id());
      T decoded = registry.decode(payload);
      assertThat(equivalent(entry.getValue(), decoded))
          .as("golden %s decoded as %s", resource, decoded)
          .isTrue();
    }
  }
}
