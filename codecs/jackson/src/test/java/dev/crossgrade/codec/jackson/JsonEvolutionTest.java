package dev.crossgrade.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.util.List;
import net.jqwik.api.Example;

/** A newer and an older record read each other's JSON: fields added, removed, enum values added. */
class JsonEvolutionTest {
  /** Version 1 of a cached profile. */
  record ProfileV1(String name, long visits, List<String> tags, StatusV1 status) {}

  /** Version 2: {@code tags} removed, {@code currency} and {@code score} added. */
  record ProfileV2(String name, long visits, String currency, double score, StatusV2 status) {
    ProfileV2 {
      currency = currency == null ? "EUR" : currency; // the default for payloads from v1
    }
  }

  enum StatusV1 {
    ACTIVE,
    @com.fasterxml.jackson.annotation.JsonEnumDefaultValue
    UNKNOWN
  }

  enum StatusV2 {
    ACTIVE,
    SUSPENDED,
    UNKNOWN
  }

  private static <T> byte[] encode(Codec<T> codec, T value) {
    PayloadBuffer out = new PayloadBuffer(64, Limits.defaults().maxPayloadSize());
    codec.encode(value, out, Limits.defaults());
    return out.toByteArray();
  }

  private static <T> T decode(Codec<T> codec, byte[] body) {
    return codec.decode(body, 0, body.length, Limits.defaults());
  }

  @Example
  void aV2ReaderGivesAddedFieldsTheirDefaultAndIgnoresRemovedOnes() {
    byte[] v1 =
        encode(
            JsonCodec.newBuilder(ProfileV1.class).build(),
            new ProfileV1("ada", 42, List.of("x", "y"), StatusV1.ACTIVE));
    ProfileV2 read = decode(JsonCodec.newBuilder(ProfileV2.class).build(), v1);
    assertThat(read).isEqualTo(new ProfileV2("ada", 42, "EUR", 0.0, StatusV2.ACTIVE));
  }

  @Example
  void aV1ReaderIgnoresAddedFieldsAndDefaultsRemovedOnes() {
    byte[] v2 =
        encode(
            JsonCodec.newBuilder(ProfileV2.class).build(),
            new ProfileV2("ada", 42, "USD", 0.5, StatusV2.SUSPENDED));
    ProfileV1 read = decode(JsonCodec.newBuilder(ProfileV1.class).build(), v2);
    // an enum value v1 does not know becomes its @JsonEnumDefaultValue
    assertThat(read).isEqualTo(new ProfileV1("ada", 42, null, StatusV1.UNKNOWN));
  }

  @Example
  void aRegistryOfV2ReadsV1PayloadsThroughTheSameCodecId() {
    CodecRegistry<ProfileV1> old =
        CodecRegistry.newBuilder(ProfileV1.class)
            .writer(JsonCodec.newBuilder(ProfileV1.class).build())
            .build();
    CodecRegistry<ProfileV2> current =
        CodecRegistry.newBuilder(ProfileV2.class)
            .writer(JsonCodec.newBuilder(ProfileV2.class).build())
            .build();
    byte[] payload = old.encode(new ProfileV1("bob", 1, List.of(), StatusV1.ACTIVE));
    assertThat(current.decode(payload))
        .isEqualTo(new ProfileV2("bob", 1, "EUR", 0.0, StatusV2.ACTIVE));
  }

  @Example
  void canonicalPayloadsEvolveTheSameWay() {
    byte[] v1 =
        encode(
            JsonCodec.newBuilder(ProfileV1.class).canonical().build(),
            new ProfileV1("ada", 42, List.of("x"), StatusV1.ACTIVE));
    assertThat(decode(JsonCodec.newBuilder(ProfileV2.class).canonical().build(), v1))
        .isEqualTo(new ProfileV2("ada", 42, "EUR", 0.0, StatusV2.ACTIVE));
  }
}
