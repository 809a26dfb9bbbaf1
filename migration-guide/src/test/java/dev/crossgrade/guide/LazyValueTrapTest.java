package dev.crossgrade.guide;

import static dev.crossgrade.guide.NewerProtocolTrapTest.body;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.jackson.JsonCodec;
import dev.crossgrade.codec.kryo.Kryo5Codec;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Trap 4: a single-use Iterator or Stream consumed twice when a value is serialized lazily. */
class LazyValueTrapTest {
  // tag::lazy-types[]
  // A value that holds a one-shot source, such as rows streamed from a query:
  record Receipt(String id, Iterator<String> lines) {}

  record StreamedReceipt(String id, Iterable<String> lines) {}

  // The fix: materialize once, when the value is made.
  record FixedReceipt(String id, List<String> lines) {
    FixedReceipt {
      lines = List.copyOf(lines);
    }
  }

  // end::lazy-types[]

  @Test
  void theSecondSerializationOfAnIteratorIsEmptyOrFails() {
    // tag::lazy-value[]
    Codec<Receipt> json = JsonCodec.newBuilder(Receipt.class).build();
    Receipt receipt = new Receipt("r1", List.of("apple", "pear").iterator());
    // DUAL_WRITE writes each generation in its own format: one serialization per format.
    String first = new String(body(json, receipt), UTF_8);
    String second = new String(body(json, receipt), UTF_8);
    assertThat(first).isEqualTo("{\"id\":\"r1\",\"lines\":[\"apple\",\"pear\"]}");
    assertThat(second).isEqualTo("{\"id\":\"r1\",\"lines\":[]}"); // a wrong value, silently

    // An Iterable over a Stream fails the second time instead, loudly at least:
    Stream<String> rows = Stream.of("apple", "pear");
    StreamedReceipt streamed = new StreamedReceipt("r2", rows::iterator);
    Codec<StreamedReceipt> streamedJson = JsonCodec.newBuilder(StreamedReceipt.class).build();
    body(streamedJson, streamed);
    assertThatThrownBy(() -> body(streamedJson, streamed))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("stream has already been operated upon or closed");
    // end::lazy-value[]
  }

  @Test
  void theEncodeTwiceCheckCatchesTheLazyValueAndPassesTheFixedOne() {
    CodecRegistry<Receipt> lazy =
        CodecRegistry.newBuilder(Receipt.class)
            .writer(JsonCodec.newBuilder(Receipt.class).build())
            .build();
    Receipt receipt = new Receipt("r1", List.of("apple", "pear").iterator());
    assertThatThrownBy(() -> assertEncodesTheSameTwice(lazy, receipt))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("second encoding");

    CodecRegistry<FixedReceipt> fixed =
        CodecRegistry.newBuilder(FixedReceipt.class)
            .writer(JsonCodec.newBuilder(FixedReceipt.class).build())
            .build();
    assertEncodesTheSameTwice(fixed, new FixedReceipt("r1", List.of("apple", "pear")));
  }

  /** A Kryo-mappable value with an iterator in it. */
  static final class KryoReceipt {
    Iterator<String> lines = List.<String>of().iterator();
  }

  @Test
  void kryoRefusesTheIteratorOnTheFirstWrite() {
    Codec<KryoReceipt> kryo =
        Kryo5Codec.newBuilder(KryoReceipt.class).register(KryoReceipt.class, 20).build();
    KryoReceipt receipt = new KryoReceipt();
    receipt.lines = List.of("apple").iterator();
    assertThatThrownBy(() -> body(kryo, receipt))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("ImmutableCollections$ListItr, which is not registered");
  }

  // tag::encode-twice[]
  // For every cached type, in your own suite: serializing a value must not change it.
  static <T> void assertEncodesTheSameTwice(CodecRegistry<T> registry, T value) {
    byte[] first = registry.encode(value);
    assertThat(registry.encode(value)).as("second encoding of %s", value).isEqualTo(first);
    assertThat(registry.decode(first)).isEqualTo(value);
  }
  // end::encode-twice[]
}
