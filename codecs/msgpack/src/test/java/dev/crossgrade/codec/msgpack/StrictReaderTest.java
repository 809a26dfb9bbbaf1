package dev.crossgrade.codec.msgpack;

import static dev.crossgrade.codec.msgpack.HostileBodies.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;

/** The reader's strictness and the writer's refusals, one documented rule per example. */
class StrictReaderTest {
  private static final Limits LIMITS = Limits.defaults();
  private static final Codec<Object> CURRENT = MessagePackCodec.generic();
  private static final Codec<Object> OLD = MessagePackCodec.genericOldSpec();

  private static Object decode(Codec<Object> codec, byte[] body) {
    return codec.decode(body, 0, body.length, LIMITS);
  }

  private static Object decode(byte[] body) {
    return decode(CURRENT, body);
  }

  private static byte[] encode(Object value, Limits limits) {
    PayloadBuffer buffer = new PayloadBuffer(64, limits.maxPayloadSize());
    CURRENT.encode(value, buffer, limits);
    return buffer.toByteArray();
  }

  @Example
  void trailingBytesAfterTheValueAreCorrupt() {
    assertThatThrownBy(() -> decode(bytes(0xc0, 0xc0)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("1 bytes follow the value, from byte 1 of 2");
  }

  @Example
  void anEmptyBodyIsCorrupt() {
    assertThatThrownBy(() -> decode(new byte[0]))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("empty");
  }

  @Example
  void theBodyIsReadAtItsOffsetAndLengthOnly() {
    byte[] framed = bytes(0xff, 0x92, 0x01, 0xa1, 0x61, 0xc1);
    assertThat(CURRENT.decode(framed, 1, 4, LIMITS)).isEqualTo(List.of(1L, "a"));
  }

  @Example
  void aBodyThatIsASingleNilDecodesAsNull() {
    assertThat(decode(bytes(0xc0))).isNull();
  }

  @Example
  void invalidUtf8InAStringIsCorruptAndSaysWhere() {
    assertThatThrownBy(
            () -> decode(bytes(0x81, 0xa1, 0x6b, 0x93, 0x01, 0x02, 0xa3, 0x61, 0xff, 0x62)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("string at $.k[2]")
        .hasMessageContaining("header at byte 6")
        .hasMessageContaining("byte ff at offset 1 of its 3 bytes");
    // a UTF-16 surrogate encoded as UTF-8 (CESU-8) and an overlong NUL are not UTF-8 either
    assertThatThrownBy(() -> decode(bytes(0xa3, 0xed, 0xa0, 0x80)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("byte ed at offset 0");
    assertThatThrownBy(() -> decode(bytes(0xa2, 0xc0, 0x80)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("byte c0 at offset 0");
  }

  @Example
  void theOldSpecReaderTakesARawThatIsNotUtf8AsBinary() {
    assertThat(decode(OLD, bytes(0xa3, 0x61, 0xff, 0x62))).isEqualTo(new byte[] {0x61, -1, 0x62});
    assertThat(decode(OLD, bytes(0xa3, 0x61, 0x62, 0x63))).isEqualTo("abc");
  }

  @Example
  void aDuplicateMapKeyIsCorrupt() {
    assertThatThrownBy(() -> decode(bytes(0x91, 0x82, 0xa1, 0x61, 0x01, 0xa1, 0x61, 0x02)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("map at $[0] has the key \"a\" twice (entry 1)");
    // 1 and 1.0 are different keys: an integer and a float
    assertThat(decode(bytes(0x82, 0x01, 0xc0, 0xcb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0, 0xc0)))
        .isEqualTo(mapOf(1L, null, 1.0, null));
  }

  @Example
  void binaryArrayAndMapKeysAreRefused() {
    assertThatThrownBy(() -> decode(bytes(0x81, 0xc4, 0x01, 0x00, 0x01)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("map key at ${key of entry 0} is a binary");
    assertThatThrownBy(() -> decode(bytes(0x82, 0x01, 0x01, 0x90, 0x01)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("map key at ${key of entry 1} is a array");
    assertThatThrownBy(() -> encode(mapOf(List.of(), 1L), LIMITS))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("map key at ${key of entry 0}");
  }

  @Example
  void scalarKeysOfEveryKindReadBack() {
    Map<Object, Object> map =
        mapOf(
            null,
            1L,
            true,
            2L,
            -5L,
            3L,
            1.5f,
            4L,
            2.5,
            5L,
            "s",
            6L,
            Instant.EPOCH,
            7L,
            new MessagePackExtension((byte) 9, new byte[] {1}),
            8L,
            GenericValues.UINT64_MAX,
            9L);
    assertThat(Equivalence.current(map, decode(encode(map, LIMITS)))).isTrue();
  }

  @Example
  void theNeverUsedCodeIsCorrupt() {
    assertThatThrownBy(() -> decode(bytes(0x92, 0x01, 0xc1)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("byte c1 at byte 2 ($[1]) is never used");
  }

  @Example
  void truncationIsCorruptAndSaysWhere() {
    assertThatThrownBy(() -> decode(bytes(0x92, 0x01, 0xcd, 0x01)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("ends inside the value at $[1]");
    assertThatThrownBy(() -> decode(bytes(0xcd, 0x01)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("ends inside the value at $");
  }

  @Example
  void aLengthHeaderClaimingMoreThanRemainsIsCorruptBeforeAllocating() {
    assertThatThrownBy(() -> decode(bytes(0xdc, 0x00, 0x10, 0x01)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("claims 16 elements but only 1 bytes remain");
    assertThatThrownBy(() -> decode(bytes(0xc5, 0x01, 0x00, 0x01)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("binary at $ claims 256 bytes but only 1 remain");
  }

  @Example
  void hugeLengthHeadersAreOverTheLimitsAndNameTheKnob() {
    assertThatThrownBy(() -> decode(bytes(0xdd, 0x7f, 0xff, 0xff, 0xff)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Limits.maxCollectionSize");
    assertThatThrownBy(() -> decode(bytes(0xc6, 0x7f, 0xff, 0xff, 0xff)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("binary of 2147483647 bytes at $")
        .hasMessageContaining("Limits.maxStringLength");
    assertThatThrownBy(() -> decode(bytes(0xdb, 0xff, 0xff, 0xff, 0xff)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("4294967295");
  }

  @Example
  void nestingIsBoundedByMaxDepthExactly() {
    Limits limits = Limits.newBuilder().maxDepth(5).build();
    byte[] five = bytes(0x91, 0x91, 0x91, 0x91, 0x90);
    byte[] six = bytes(0x91, 0x91, 0x91, 0x91, 0x91, 0x90);
    assertThat(CURRENT.decode(five, 0, five.length, limits))
        .isEqualTo(List.of(List.of(List.of(List.of(List.of())))));
    assertThatThrownBy(() -> CURRENT.decode(six, 0, six.length, limits))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("nested 6 deep at $[0][0][0][0][0]")
        .hasMessageContaining("Limits.maxDepth");
    assertThat(encode(List.of(List.of(List.of(List.of(List.of())))), limits)).isEqualTo(five);
    assertThatThrownBy(() -> encode(List.of(List.of(List.of(List.of(List.of(List.of()))))), limits))
        .isInstanceOf(LimitExceededException.class);
  }

  @Example
  void aListThatContainsItselfFailsWithTheDepthLimitNotAStackOverflow() {
    List<Object> cycle = new ArrayList<>();
    cycle.add(cycle);
    assertThatThrownBy(() -> encode(cycle, LIMITS))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Limits.maxDepth");
  }

  @Example
  void stringAndCollectionLimitsHoldOnBothSides() {
    Limits limits = Limits.newBuilder().maxStringLength(3).maxCollectionSize(2).build();
    byte[] fourBytes = bytes(0xa4, 0x61, 0x62, 0x63, 0x64);
    assertThatThrownBy(() -> CURRENT.decode(fourBytes, 0, fourBytes.length, limits))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Limits.maxStringLength");
    assertThatThrownBy(() -> encode("é€", limits))
        .as("counted in UTF-8 bytes: 5")
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("string of length 5");
    assertThatThrownBy(() -> encode(new byte[4], limits))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("binary of 4 bytes");
    byte[] threeElements = bytes(0x93, 0x01, 0x02, 0x03);
    assertThatThrownBy(() -> CURRENT.decode(threeElements, 0, threeElements.length, limits))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("collection of 3 elements at $");
    assertThatThrownBy(() -> encode(mapOf("a", List.of(1L, 2L, 3L)), limits))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("collection of 3 elements at $.a");
  }

  @Example
  void timestampsAreCheckedForLengthNanosAndRange() {
    assertThatThrownBy(() -> decode(bytes(0xc7, 0x05, 0xff, 0, 0, 0, 0, 0)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("has 5 bytes of data; the specification allows 4, 8 or 12");
    assertThatThrownBy(() -> decode(bytes(0xd7, 0xff, 0xff, 0xff, 0xff, 0xfc, 0, 0, 0, 0)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("1073741823 nanoseconds");
    assertThatThrownBy(
            () ->
                decode(
                    bytes(
                        0xc7, 0x0c, 0xff, 0, 0, 0, 0, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                        0xff)))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("9223372036854775807 seconds from the epoch, outside");
    assertThat(
            decode(
                bytes(
                    0xc7, 0x0c, 0xff, 0x3b, 0x9a, 0xc9, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                    0xff, 0xff)))
        .isEqualTo(Instant.ofEpochSecond(-1, 999_999_999));
  }

  @Example
  void integersDecodeAsLongUnlessTheyNeedUint64() {
    assertThat(decode(bytes(0xcf, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)))
        .isEqualTo(Long.MAX_VALUE);
    assertThat(decode(bytes(0xcf, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)))
        .isEqualTo(GenericValues.UINT64_MAX);
    assertThat(decode(bytes(0xcc, 0x05))).isEqualTo(5L);
    assertThat(decode(encode(Integer.valueOf(7), LIMITS))).isEqualTo(7L);
    assertThat(decode(encode(BigInteger.valueOf(-7), LIMITS))).isEqualTo(-7L);
  }

  @Example
  void theWriterRefusesWhatItCannotRepresent() {
    assertThatThrownBy(() -> encode(List.of("ok", "bad \ud800 surrogate"), LIMITS))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("string at $[1] has an unpaired surrogate U+D800 at index 4");
    assertThatThrownBy(() -> encode(mapOf("n", BigInteger.ONE.shiftLeft(64)), LIMITS))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("integer 18446744073709551616 at $.n is outside");
    assertThatThrownBy(() -> encode(mapOf("when", new Date(0)), LIMITS))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("value at $.when is a java.util.Date");
    assertThatThrownBy(() -> new MessagePackExtension((byte) -1, new byte[4]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.time.Instant");
  }

  @Example
  void mapsKeepTheirOrder() {
    Map<Object, Object> map = mapOf("z", 1L, "a", 2L, 3L, "m");
    Object decoded = decode(encode(map, LIMITS));
    assertThat(List.copyOf(((Map<?, ?>) decoded).keySet())).isEqualTo(List.of("z", "a", 3L));
  }

  @Example
  void extensionsCompareByContent() {
    MessagePackExtension a = new MessagePackExtension((byte) 4, new byte[] {1, 2});
    byte[] data = {1, 2};
    MessagePackExtension b = new MessagePackExtension((byte) 4, data);
    data[0] = 9;
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(b.data()).containsExactly(1, 2);
    assertThat(a).isNotEqualTo(new MessagePackExtension((byte) 5, new byte[] {1, 2}));
    assertThat(Arrays.toString(b.data())).isEqualTo("[1, 2]");
  }

  private static Map<Object, Object> mapOf(Object... keysAndValues) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
