package dev.crossgrade.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecRegistryTest {
  record UserV1(String name) {}

  record UserV2(String first, String last) {}

  record UserV3(String first, String last, int age) {}

  static final TextCodec<UserV1> V1 =
      new TextCodec<>(TextCodec.TEXT_V1, UserV1.class, UserV1::name, UserV1::new);

  static final TextCodec<UserV2> V2 =
      new TextCodec<>(
          TextCodec.TEXT_V2,
          UserV2.class,
          u -> u.first() + "|" + u.last(),
          s -> {
            String[] parts = s.split("\\|", -1);
            if (parts.length != 2) {
              throw new CorruptPayloadException("expected first|last, got '" + s + "'");
            }
            return new UserV2(parts[0], parts[1]);
          });

  static final TextCodec<UserV3> V3 =
      new TextCodec<>(
          TextCodec.TEXT_V2,
          UserV3.class,
          u -> u.first() + "|" + u.last() + "|" + u.age(),
          s -> {
            String[] parts = s.split("\\|", -1);
            return new UserV3(parts[0], parts[1], Integer.parseInt(parts[2]));
          });

  static UserV2 upcast(UserV1 v1) {
    int space = v1.name().indexOf(' ');
    return space < 0
        ? new UserV2(v1.name(), "")
        : new UserV2(v1.name().substring(0, space), v1.name().substring(space + 1));
  }

  static CodecRegistry<UserV2> newRuntime() {
    return CodecRegistry.newBuilder(UserV2.class)
        .currentSchemaVersion(2)
        .reader(1, V1)
        .upcaster(1, UserV1.class, UserV2.class, CodecRegistryTest::upcast)
        .writer(V2)
        .build();
  }

  static CodecRegistry<UserV1> oldRuntime() {
    return CodecRegistry.newBuilder(UserV1.class).writer(V1).build();
  }

  @Test
  void readsEveryRegisteredFormatAndWritesTheConfiguredOne() {
    CodecRegistry<UserV2> registry = newRuntime();
    byte[] old = oldRuntime().encode(new UserV1("Ada Lovelace"));
    assertThat(registry.decode(old)).isEqualTo(new UserV2("Ada", "Lovelace"));
    byte[] current = registry.encode(new UserV2("Alan", "Turing"));
    assertThat(PayloadHeader.read(current).codecId()).isEqualTo(TextCodec.TEXT_V2.id());
    assertThat(PayloadHeader.read(current).schemaVersion()).isEqualTo(2);
    assertThat(registry.decode(current)).isEqualTo(new UserV2("Alan", "Turing"));
    assertThat(registry.readableFormats())
        .extracting(ReadableFormat::toString)
        .containsExactly("test-text@v1", "test-text2@v2");
  }

  @Test
  void upcastersChainFromTheOldestVersionToTheCurrentOne() {
    CodecRegistry<UserV3> registry =
        CodecRegistry.newBuilder(UserV3.class)
            .currentSchemaVersion(3)
            .reader(1, V1)
            .reader(2, V2)
            .upcaster(1, UserV1.class, UserV2.class, CodecRegistryTest::upcast)
            .upcaster(2, UserV2.class, UserV3.class, u -> new UserV3(u.first(), u.last(), -1))
            .writer(V3)
            .build();
    assertThat(registry.decode(oldRuntime().encode(new UserV1("Grace Hopper"))))
        .isEqualTo(new UserV3("Grace", "Hopper", -1));
    assertThat(registry.decode(newRuntime().encode(new UserV2("Ada", "L"))))
        .isEqualTo(new UserV3("Ada", "L", -1));
    DecodeOutcome<UserV3> outcome = registry.tryDecode(oldRuntime().encode(new UserV1("x")));
    assertThat(outcome).isInstanceOf(DecodeOutcome.Hit.class);
    DecodeOutcome.Hit<UserV3> hit = (DecodeOutcome.Hit<UserV3>) outcome;
    assertThat(hit.upcast()).isTrue();
    assertThat(hit.schemaVersion()).isEqualTo(1);
  }

  @Test
  void aDowncastingWriterWritesWhatTheOldRuntimeReads() {
    CodecRegistry<UserV2> registry =
        CodecRegistry.newBuilder(UserV2.class)
            .currentSchemaVersion(2)
            .reader(V2)
            .upcaster(1, UserV1.class, UserV2.class, CodecRegistryTest::upcast)
            .writer(1, V1, u -> new UserV1((u.first() + " " + u.last()).trim()))
            .build();
    byte[] payload = registry.encode(new UserV2("Ada", "Lovelace"));
    assertThat(PayloadHeader.read(payload).schemaVersion()).isEqualTo(1);
    assertThat(oldRuntime().decode(payload)).isEqualTo(new UserV1("Ada Lovelace"));
    assertThat(registry.decode(payload)).isEqualTo(new UserV2("Ada", "Lovelace"));
  }

  @Test
  void theOldRuntimeRefusesNewPayloadsWithATypedReason() {
    byte[] current = newRuntime().encode(new UserV2("Alan", "Turing"));
    assertThatThrownBy(() -> oldRuntime().decode(current))
        .isInstanceOfSatisfying(
            UnknownCodecException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(PayloadException.Kind.UNKNOWN_CODEC);
              assertThat(e.codecId()).isEqualTo(0x81);
              assertThat(e.schemaVersion()).isEqualTo(2);
              assertThat(e.getMessage()).contains("0x81").contains("test-text@v1");
            });
  }

  @Test
  void aSchemaVersionNewerThanTheRuntimeKnowsIsRefused() {
    CodecRegistry<UserV1> writerAtV5 =
        CodecRegistry.newBuilder(UserV1.class)
            .currentSchemaVersion(5)
            .writer(V1)
            .reader(4, V1)
            .upcaster(4, UserV1.class, UserV1.class, u -> u)
            .build();
    byte[] payload = writerAtV5.encode(new UserV1("x"));
    assertThatThrownBy(() -> oldRuntime().decode(payload))
        .isInstanceOfSatisfying(
            UnsupportedSchemaVersionException.class,
            e -> {
              assertThat(e.schemaVersion()).isEqualTo(5);
              assertThat(e.reason()).contains("newer than this runtime knows (current 1)");
            });
    byte[] older = writerAtV5.encode(new UserV1("y"));
    older[5] = 4;
    older[7] = (byte) Envelope.crc8(older, 0, 7);
    assertThat(writerAtV5.decode(older)).isEqualTo(new UserV1("y"));
  }

  @Test
  void legacyPayloadsGoToTheLegacyReaderOrAreReportedAsLegacy() {
    byte[] legacy = "plain text".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> oldRuntime().decode(legacy))
        .isInstanceOf(LegacyPayloadException.class)
        .hasMessageContaining("70 6c 61 69")
        .hasMessageContaining("legacyReader");
    CodecRegistry<UserV1> withLegacy =
        CodecRegistry.newBuilder(UserV1.class)
            .writer(V1)
            .legacyReader(
                new LegacyReader<UserV1>() {
                  @Override
                  public CodecDescriptor descriptor() {
                    return WellKnownCodecs.JAVA_SERIALIZATION;
                  }

                  @Override
                  public UserV1 read(byte[] bytes, int offset, int length, Limits limits) {
                    return new UserV1(new String(bytes, offset, length, StandardCharsets.UTF_8));
                  }
                })
            .build();
    assertThat(withLegacy.decode(legacy)).isEqualTo(new UserV1("plain text"));
    assertThat(withLegacy.tryDecode(legacy))
        .isEqualTo(
            new DecodeOutcome.Hit<>(
                new UserV1("plain text"), WellKnownCodecs.JAVA_SERIALIZATION, -1, false));
  }

  @Test
  void tryDecodeTurnsFailuresIntoMissesWithTheReason() {
    byte[] payload = oldRuntime().encode(new UserV1("x"));
    payload[payload.length - 1] = (byte) 0xFF;
    DecodeOutcome<UserV1> outcome = oldRuntime().tryDecode(payload);
    assertThat(outcome.toOptional()).isEmpty();
    assertThat(((DecodeOutcome.Miss<UserV1>) outcome).reason())
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("not UTF-8")
        .hasMessageContaining("test-text (0x80)");
  }

  @Test
  void payloadsOverTheSizeLimitAreRefusedOnBothSides() {
    Limits small = Limits.newBuilder().maxPayloadSize(64).build();
    CodecRegistry<String> registry =
        CodecRegistry.newBuilder(String.class)
            .writer(TextCodec.strings(TextCodec.TEXT_V1))
            .limits(small)
            .build();
    assertThatThrownBy(() -> registry.encode("x".repeat(100)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Limits.maxPayloadSize");
    CodecRegistry<String> roomy =
        CodecRegistry.newBuilder(String.class).writer(TextCodec.strings(TextCodec.TEXT_V1)).build();
    byte[] big = roomy.encode("y".repeat(100));
    assertThatThrownBy(() -> registry.decode(big))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("108 bytes, over the limit of 64 bytes (Limits.maxPayloadSize)");
  }

  @Test
  void aCompressionBombIsRefusedBeforeInflating() {
    CodecRegistry<String> registry =
        CodecRegistry.newBuilder(String.class)
            .writer(TextCodec.strings(TextCodec.TEXT_V1))
            .compression(Compression.DEFLATE, 0)
            .checksum(true)
            .build();
    byte[] payload = registry.encode("z".repeat(500_000));
    PayloadHeader header = PayloadHeader.read(payload);
    assertThat(header.compression()).isEqualTo(Compression.DEFLATE);
    assertThat(header.bodyLength()).isLessThan(5_000);
    assertThat(registry.decode(payload)).hasSize(500_000);
    CodecRegistry<String> strict =
        CodecRegistry.newBuilder(String.class)
            .writer(TextCodec.strings(TextCodec.TEXT_V1))
            .limits(Limits.newBuilder().maxPayloadSize(100_000).build())
            .build();
    assertThatThrownBy(() -> strict.decode(payload))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("uncompressed body");
  }

  @Test
  void theObserverSeesEveryEncodeDecodeAndFailure() {
    List<String> events = new ArrayList<>();
    CodecRegistry<UserV2> registry =
        CodecRegistry.newBuilder(UserV2.class)
            .currentSchemaVersion(2)
            .reader(1, V1)
            .upcaster(1, UserV1.class, UserV2.class, CodecRegistryTest::upcast)
            .writer(V2)
            .observer(
                new PayloadObserver() {
                  @Override
                  public void encoded(CodecDescriptor codec, int version, int bytes, long nanos) {
                    events.add("encoded " + codec.name() + "@" + version + " " + bytes);
                  }

                  @Override
                  public void decoded(
                      CodecDescriptor codec, int version, int steps, int bytes, long nanos) {
                    events.add("decoded " + codec.name() + "@" + version + " +" + steps);
                  }

                  @Override
                  public void decodeFailed(PayloadException failure, int bytes) {
                    events.add("failed " + failure.kind().label());
                    throw new IllegalStateException("a broken observer is ignored");
                  }
                })
            .build();
    registry.decode(registry.encode(new UserV2("a", "b")));
    registry.decode(oldRuntime().encode(new UserV1("c d")));
    assertThat(registry.tryDecode(new byte[] {(byte) 0xC1})).isInstanceOf(DecodeOutcome.Miss.class);
    assertThat(events)
        .containsExactly(
            "encoded test-text2@2 11",
            "decoded test-text2@2 +0",
            "decoded test-text@1 +1",
            "failed corrupt");
  }

  @Test
  void theBuilderRejectsInconsistentRegistrations() {
    assertThatThrownBy(() -> CodecRegistry.newBuilder(UserV2.class).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no writer");
    assertThatThrownBy(
            () ->
                CodecRegistry.newBuilder(UserV2.class)
                    .currentSchemaVersion(2)
                    .reader(1, V1)
                    .writer(V2)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no upcaster from version 1 to 2");
    assertThatThrownBy(
            () ->
                CodecRegistry.newBuilder(UserV2.class)
                    .currentSchemaVersion(2)
                    .reader(1, V1)
                    .upcaster(1, String.class, UserV2.class, s -> new UserV2(s, ""))
                    .writer(V2)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("takes java.lang.String but receives");
    assertThatThrownBy(() -> CodecRegistry.newBuilder(UserV2.class).writer(V2).writer(V2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("writer was already set");
    assertThatThrownBy(
            () -> CodecRegistry.newBuilder(UserV2.class).reader(V2).reader(V2).writer(V2).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two readers");
    assertThatThrownBy(() -> CodecRegistry.newBuilder(UserV2.class).writerTag("bad\ttag"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+0009");
  }

  @Test
  void anUpcasterWithoutAReaderOfItsVersionIsRefused_withTheFix() {
    // The mistake: values of v1 would be unknown-codec misses, though an upcaster exists for them.
    assertThatThrownBy(
            () ->
                CodecRegistry.newBuilder(UserV2.class)
                    .currentSchemaVersion(2)
                    .upcaster(1, UserV1.class, UserV2.class, CodecRegistryTest::upcast)
                    .writer(V2)
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("upcaster(1, ...) has no reader")
        .hasMessageContaining("add reader(1, codec) with the codec that wrote version 1");
    assertThatThrownBy(
            () ->
                CodecRegistry.newBuilder(UserV3.class)
                    .currentSchemaVersion(3)
                    .reader(2, V2)
                    .upcaster(1, UserV1.class, UserV2.class, CodecRegistryTest::upcast)
                    .upcaster(
                        2, UserV2.class, UserV3.class, u -> new UserV3(u.first(), u.last(), 0))
                    .writer(V3)
                    .build())
        .hasMessageContaining("upcaster(1, ...) has no reader");
    // An upcaster on the way from an older reader is reached, and so is one whose version the
    // downcasting writer writes (and reads).
    CodecRegistry<UserV3> chained =
        CodecRegistry.newBuilder(UserV3.class)
            .currentSchemaVersion(3)
            .reader(1, V1)
            .upcaster(1, UserV1.class, UserV2.class, CodecRegistryTest::upcast)
            .upcaster(2, UserV2.class, UserV3.class, u -> new UserV3(u.first(), u.last(), 0))
            .writer(V3)
            .build();
    assertThat(chained.decode(oldRuntime().encode(new UserV1("Ada Lovelace"))))
        .isEqualTo(new UserV3("Ada", "Lovelace", 0));
  }

  @Test
  void aCodecThatThrowsARawExceptionIsReportedAsCorrupt() {
    CodecRegistry<UserV3> registry = CodecRegistry.newBuilder(UserV3.class).writer(V3).build();
    byte[] payload =
        CodecRegistry.newBuilder(String.class)
            .writer(TextCodec.strings(TextCodec.TEXT_V2))
            .build()
            .encode("a|b|not-a-number");
    assertThatThrownBy(() -> registry.decode(payload))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("NumberFormatException");
  }

  @Test
  void throwingUpcastersAndDowncastersBecomeTypedExceptions() {
    CodecRegistry<UserV2> reading =
        CodecRegistry.newBuilder(UserV2.class)
            .currentSchemaVersion(2)
            .reader(1, V1)
            .upcaster(
                1,
                UserV1.class,
                UserV2.class,
                u -> {
                  throw new IllegalStateException("boom");
                })
            .writer(V2)
            .build();
    assertThat(reading.tryDecode(oldRuntime().encode(new UserV1("x"))))
        .isInstanceOfSatisfying(
            DecodeOutcome.Miss.class,
            miss -> assertThat(miss.reason()).isInstanceOf(CorruptPayloadException.class));
    CodecRegistry<UserV2> writing =
        CodecRegistry.newBuilder(UserV2.class)
            .currentSchemaVersion(2)
            .reader(V2)
            .upcaster(1, UserV1.class, UserV2.class, CodecRegistryTest::upcast)
            .writer(
                1,
                V1,
                u -> {
                  throw new IllegalStateException("boom");
                })
            .build();
    assertThatThrownBy(() -> writing.encode(new UserV2("a", "b")))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("boom");
  }
}
