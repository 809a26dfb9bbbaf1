package dev.crossgrade.codec.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Example;

/** {@link JsonCodec} refuses class names from payloads, and reports every failure precisely. */
class JsonCodecSafetyTest {
  static final AtomicInteger GADGETS = new AtomicInteger();

  /** A class whose construction an attacker would want to trigger. */
  public static final class Gadget {
    public Gadget() {
      GADGETS.incrementAndGet();
    }
  }

  /** A holder that names the class of its payload, as {@code @JsonTypeInfo(use = CLASS)} does. */
  public static final class ClassNamed {
    @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
    public Object payload;
  }

  /** A closed set of subtypes by name: allowed, the names map to classes declared in code. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
  @JsonSubTypes({@JsonSubTypes.Type(value = Shape.Circle.class, name = "circle")})
  sealed interface Shape {
    /** A circle. */
    record Circle(double radius) implements Shape {}
  }

  /** Holds a shape. */
  record Drawing(Shape shape) {}

  private static <T> T decode(Codec<T> codec, String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return codec.decode(body, 0, body.length, Limits.defaults());
  }

  private static String reason(Throwable e) {
    return ((PayloadException) e).reason();
  }

  @Example
  void aClassNameInAPayloadIsNeverResolved() {
    Codec<ClassNamed> codec = JsonCodec.newBuilder(ClassNamed.class).build();
    String json = "{\"payload\":[\"" + Gadget.class.getName() + "\",{}]}";
    int before = GADGETS.get();
    assertThatThrownBy(() -> decode(codec, json)).isInstanceOf(CorruptPayloadException.class);
    assertThat(GADGETS.get()).isEqualTo(before);
    // the same payload through a default ObjectMapper does build the gadget
    assertThat(decodeWithPlainJackson(json).payload).isInstanceOf(Gadget.class);
    assertThat(GADGETS.get()).isEqualTo(before + 1);
  }

  private static ClassNamed decodeWithPlainJackson(String json) {
    try {
      return new ObjectMapper().readValue(json, ClassNamed.class);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Example
  void subtypesByDeclaredNameStillWork() {
    Codec<Drawing> codec = JsonCodec.newBuilder(Drawing.class).build();
    assertThat(decode(codec, "{\"shape\":{\"@type\":\"circle\",\"radius\":2.5}}"))
        .isEqualTo(new Drawing(new Shape.Circle(2.5)));
  }

  @Example
  void aModuleThatEnablesDefaultTypingIsRefused() {
    SimpleModule sneaky =
        new SimpleModule("sneaky") {
          private static final long serialVersionUID = 1L;

          @Override
          public void setupModule(SetupContext context) {
            super.setupModule(context);
            ObjectMapper owner = context.getOwner();
            owner.activateDefaultTyping(owner.getPolymorphicTypeValidator());
          }
        };
    assertThatThrownBy(() -> JsonCodec.newBuilder(Order.class).modules(sneaky).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("default typing");
  }

  @Example
  void mappingErrorsNameThePathAndThePosition() {
    Codec<Order> codec = JsonCodec.newBuilder(Order.class).build();
    assertThatThrownBy(() -> decode(codec, "{\n  \"id\": \"a\",\n  \"quantity\": \"many\"\n}"))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .asString()
        .startsWith("3:15: Cannot deserialize value of type `long` from String \"many\"")
        .endsWith(" at $.quantity");
    assertThatThrownBy(
            () ->
                decode(
                    codec, "{\"lines\":[{\"sku\":\"a\",\"qty\":1},{\"sku\":\"b\",\"qty\":1.5}]}"))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .asString()
        .startsWith("1:48: Cannot coerce Floating-point value (1.5) to `int`")
        .endsWith(" at $.lines[1].qty");
  }

  @Example
  void malformedDuplicatedOrTrailingContentIsCorrupt() {
    Codec<Order> codec = JsonCodec.newBuilder(Order.class).build();
    assertThatThrownBy(() -> decode(codec, "{\"id\":\"a\",\"id\":\"b\"}"))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .asString()
        .startsWith("1:15: Duplicate field 'id'");
    assertThatThrownBy(() -> decode(codec, "{\"id\":\"a\"} {}"))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .isEqualTo("1:12: unexpected content after the JSON value");
    assertThatThrownBy(() -> decode(codec, "{\"id\":\"a\",}"))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .asString()
        .startsWith("1:11: Unexpected character ('}'");
    assertThatThrownBy(() -> decode(codec, "null"))
        .isInstanceOf(CorruptPayloadException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .isEqualTo("1:1: the body is JSON null, not a Order");
    assertThatThrownBy(() -> decode(codec, "{\"price\":NaN}"))
        .isInstanceOf(CorruptPayloadException.class);
  }

  @Example
  void unknownPropertiesAreSkippedButStillCounted() {
    Codec<Order> codec = JsonCodec.newBuilder(Order.class).build();
    assertThat(decode(codec, "{\"id\":\"a\",\"future\":{\"x\":[1,2,{\"y\":null}]}}").id())
        .isEqualTo("a");
    Limits small = Limits.newBuilder().maxCollectionSize(3).build();
    byte[] body = "{\"id\":\"a\",\"future\":[1,2,3,4]}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> codec.decode(body, 0, body.length, small))
        .isInstanceOf(LimitExceededException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .isEqualTo(
            "1:27: collection has more than 3 elements, over the limit of 3"
                + " (Limits.maxCollectionSize) at $.future[3]");
  }

  @Example
  void valuesOverTheLimitsFailWhenWrittenNotWhenRead() {
    Codec<Order> codec = JsonCodec.newBuilder(Order.class).build();
    Limits shortStrings = Limits.newBuilder().maxStringLength(5).build();
    PayloadBuffer out = new PayloadBuffer(64, shortStrings.maxPayloadSize());
    assertThatThrownBy(() -> codec.encode(Orders.sample(), out, shortStrings))
        .isInstanceOf(LimitExceededException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .isEqualTo(
            "string of length 10 at the key of $.attributes is over the limit of 5"
                + " (Limits.maxStringLength)");
    Limits small = Limits.newBuilder().maxCollectionSize(2).build();
    Order longList =
        new Order(
            "a",
            1,
            1,
            1,
            java.math.BigInteger.ONE,
            Order.Status.NEW,
            List.of(),
            Map.of(),
            Map.of("k", List.of("1", "2", "3")),
            null);
    assertThatThrownBy(() -> codec.encode(longList, out, small))
        .isInstanceOf(LimitExceededException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .isEqualTo(
            "collection of 3 elements at $.attributes.k is over the limit of 2"
                + " (Limits.maxCollectionSize)");
    Limits shallow = Limits.newBuilder().maxDepth(2).build();
    assertThatThrownBy(() -> codec.encode(longList, out, shallow))
        .isInstanceOf(LimitExceededException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .asString()
        .contains("(Limits.maxDepth)");
    Order tiny =
        new Order(
            "a",
            1,
            1,
            1,
            java.math.BigInteger.ONE,
            Order.Status.NEW,
            List.of(),
            Map.of(),
            Collections.emptyMap(),
            "x".repeat(100));
    Limits smallPayload = Limits.newBuilder().maxPayloadSize(64).build();
    PayloadBuffer limited = new PayloadBuffer(16, smallPayload.maxPayloadSize());
    assertThatThrownBy(() -> codec.encode(tiny, limited, smallPayload))
        .isInstanceOf(LimitExceededException.class)
        .extracting(JsonCodecSafetyTest::reason)
        .asString()
        .contains("(Limits.maxPayloadSize)");
  }

  @Example
  void builderSettingsMayBeSetOnce() {
    JsonCodec.Builder<Order> builder = JsonCodec.newBuilder(Order.class).canonical();
    assertThatThrownBy(builder::canonical).isInstanceOf(IllegalStateException.class);
    builder.modules();
    assertThatThrownBy(builder::modules).isInstanceOf(IllegalStateException.class);
  }
}
