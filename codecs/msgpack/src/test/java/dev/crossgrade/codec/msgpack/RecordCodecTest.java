package dev.crossgrade.codec.msgpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.WellKnownCodecs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Example;

/** Evolution, errors and builder rules of the record mapping. */
class RecordCodecTest {
  private static final Limits LIMITS = Limits.defaults();

  record AccountV1(long id, String name) {}

  record AccountV2(
      long id, String name, Optional<String> email, List<String> tags, int visits, String plan) {}

  record Node(String name, List<Node> children) {}

  record Positive(int value) {
    Positive {
      if (value <= 0) {
        throw new IllegalArgumentException("value must be positive, was " + value);
      }
    }
  }

  record Blob(byte[] data, String label) {}

  record Stamped(Instant at) {}

  record WithDate(Date date) {}

  record WithSet(Set<String> names) {}

  static <T> byte[] encode(Codec<T> codec, T value) {
    PayloadBuffer buffer = new PayloadBuffer(64, LIMITS.maxPayloadSize());
    codec.encode(value, buffer, LIMITS);
    return buffer.toByteArray();
  }

  static <T> T decode(Codec<T> codec, byte[] body) {
    return codec.decode(body, 0, body.length, LIMITS);
  }

  private static byte[] generic(Object value) {
    return encode(MessagePackCodec.generic(), value);
  }

  private static Map<Object, Object> mapOf(Object... keysAndValues) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  @Example
  void aRecordIsAMapFromComponentNameToValue() {
    Codec<AccountV1> codec = MessagePackCodec.newBuilder(AccountV1.class).build();
    byte[] body = encode(codec, new AccountV1(1, "a"));
    assertThat(decode(MessagePackCodec.generic(), body)).isEqualTo(mapOf("id", 1L, "name", "a"));
    assertThat(codec.descriptor()).isEqualTo(WellKnownCodecs.MSGPACK);
    assertThat(codec.valueType()).isEqualTo(AccountV1.class);
  }

  @Example
  void aNewerReaderFillsMissingComponentsWithDefaults() {
    Codec<AccountV1> v1 = MessagePackCodec.newBuilder(AccountV1.class).build();
    Codec<AccountV2> v2 =
        MessagePackCodec.newBuilder(AccountV2.class)
            .defaultValue(AccountV2.class, "plan", "free")
            .build();
    AccountV2 read = decode(v2, encode(v1, new AccountV1(7, "Ada")));
    assertThat(read).isEqualTo(new AccountV2(7, "Ada", Optional.empty(), List.of(), 0, "free"));
  }

  @Example
  void anOlderReaderIgnoresComponentsItDoesNotKnow() {
    Codec<AccountV1> v1 = MessagePackCodec.newBuilder(AccountV1.class).build();
    Codec<AccountV2> v2 = MessagePackCodec.newBuilder(AccountV2.class).build();
    AccountV2 full = new AccountV2(7, "Ada", Optional.of("a@b.c"), List.of("x"), 3, "pro");
    assertThat(decode(v1, encode(v2, full))).isEqualTo(new AccountV1(7, "Ada"));
    assertThat(decode(v2, encode(v2, full))).isEqualTo(full);
  }

  @Example
  void aMissingComponentWithoutADefaultNamesItAndTheKnob() {
    Codec<AccountV1> v1 = MessagePackCodec.newBuilder(AccountV1.class).build();
    Codec<AccountV2> v2 = MessagePackCodec.newBuilder(AccountV2.class).build();
    assertThatThrownBy(() -> decode(v2, encode(v1, new AccountV1(7, "Ada"))))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("has no entry 'plan'")
        .hasMessageContaining("MessagePackCodec.Builder.defaultValue");
  }

  @Example
  void typeMismatchesSayWhere() {
    Codec<Customer> codec = CustomerCodecTest.CODEC;
    Map<Object, Object> customer = asGeneric(CustomerCodecTest.sample());
    asMap(customer.get("address")).put("zip", "12345");
    assertThatThrownBy(() -> decode(codec, generic(customer)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("expected an integer (int) at $.address.zip, found the string");

    Map<Object, Object> overflow = asGeneric(CustomerCodecTest.sample());
    overflow.put("age", 3_000_000_000L);
    assertThatThrownBy(() -> decode(codec, generic(overflow)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("integer 3000000000 at $.age does not fit a int");

    Map<Object, Object> gold = asGeneric(CustomerCodecTest.sample());
    gold.put("tier", "GOLD");
    assertThatThrownBy(() -> decode(codec, generic(gold)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("\"GOLD\" at $.tier is not a constant")
        .hasMessageContaining("FREE, PRO, ENTERPRISE");

    Map<Object, Object> badCity = asGeneric(CustomerCodecTest.sample());
    badCity.put("previousAddresses", List.of(mapOf("street", "s", "city", 1L, "zip", 1L)));
    assertThatThrownBy(() -> decode(codec, generic(badCity)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("at $.previousAddresses[0].city");
  }

  private static Map<Object, Object> asGeneric(Customer customer) {
    return asMap(decode(MessagePackCodec.generic(), encode(CustomerCodecTest.CODEC, customer)));
  }

  @SuppressWarnings("unchecked") // the generic codec reads records as LinkedHashMap<Object, Object>
  private static Map<Object, Object> asMap(Object value) {
    return (Map<Object, Object>) value;
  }

  @Example
  void nilIsRefusedForPrimitivesAndAcceptedForReferences() {
    Codec<AccountV1> v1 = MessagePackCodec.newBuilder(AccountV1.class).build();
    assertThatThrownBy(() -> decode(v1, generic(mapOf("id", null, "name", "a"))))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("expected a long at $.id, found nil");
    assertThat(decode(v1, generic(mapOf("id", 1L, "name", null))))
        .isEqualTo(new AccountV1(1, null));
    assertThatThrownBy(() -> decode(v1, generic(List.of())))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("expected a map (record AccountV1) at $, found an array");
  }

  @Example
  void recursiveRecordsRoundTrip() {
    Codec<Node> codec = MessagePackCodec.newBuilder(Node.class).build();
    Node tree =
        new Node(
            "root",
            List.of(new Node("a", List.of()), new Node("b", List.of(new Node("c", List.of())))));
    assertThat(decode(codec, encode(codec, tree))).isEqualTo(tree);
  }

  @Example
  void aRecordThatRejectsItsValuesIsCorrupt() {
    Codec<Positive> codec = MessagePackCodec.newBuilder(Positive.class).build();
    assertThatThrownBy(() -> decode(codec, generic(mapOf("value", -1L))))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("rejected the values")
        .hasMessageContaining("value must be positive, was -1");
  }

  @Example
  void theOldSpecRecordCodecRoundTripsBinaryAndRefusesTimestamps() {
    Codec<Blob> blob = MessagePackCodec.newBuilder(Blob.class).spec(MessagePackSpec.OLD).build();
    assertThat(blob.descriptor()).isEqualTo(WellKnownCodecs.MSGPACK_OLDSPEC);
    for (byte[] data :
        List.of("utf-8 ✓".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xff, 0, 1})) {
      byte[] body = encode(blob, new Blob(data, "l"));
      assertThat(body[1] & 0xff).isNotEqualTo(0xc4);
      assertThat(decode(blob, body).data()).isEqualTo(data);
    }
    Codec<Stamped> stamped =
        MessagePackCodec.newBuilder(Stamped.class).spec(MessagePackSpec.OLD).build();
    assertThatThrownBy(() -> encode(stamped, new Stamped(Instant.EPOCH)))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("$.at");
  }

  @Example
  void theBuilderRejectsWhatItCannotMap() {
    assertThatThrownBy(() -> MessagePackCodec.newBuilder(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a record");
    assertThatThrownBy(() -> MessagePackCodec.newBuilder(WithDate.class).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WithDate.date has type java.util.Date");
    assertThatThrownBy(() -> MessagePackCodec.newBuilder(WithSet.class).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("WithSet.names");
    assertThatThrownBy(
            () ->
                MessagePackCodec.newBuilder(AccountV1.class)
                    .spec(MessagePackSpec.OLD)
                    .spec(MessagePackSpec.OLD))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                MessagePackCodec.newBuilder(AccountV2.class)
                    .defaultValue(AccountV2.class, "plan", "a")
                    .defaultValue(AccountV2.class, "plan", "b"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () ->
                MessagePackCodec.newBuilder(AccountV2.class)
                    .defaultValue(AccountV2.class, "nope", "a")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no component 'nope'");
    assertThatThrownBy(
            () ->
                MessagePackCodec.newBuilder(AccountV2.class)
                    .defaultValue(AccountV2.class, "visits", "many")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a int");
    assertThatThrownBy(
            () ->
                MessagePackCodec.newBuilder(AccountV2.class)
                    .defaultValue(AccountV1.class, "name", "x")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "not dev.crossgrade.codec.msgpack.RecordCodecTest$AccountV2 or a record inside it");
  }
}
