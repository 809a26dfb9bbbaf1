package dev.crossgrade.codec.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.WellKnownCodecs;
import dev.crossgrade.codec.thrift.sample.Node;
import dev.crossgrade.codec.thrift.sample.Point;
import dev.crossgrade.codec.thrift.sample.Sample;
import dev.crossgrade.codec.thrift.sample.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TField;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TStruct;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Behaviour of the Thrift codec beyond the contract: limits, messages, the builder. */
class ThriftCodecTest {
  private static final Limits SMALL =
      Limits.newBuilder().maxCollectionSize(3).maxStringLength(5).maxDepth(6).build();

  private static Codec<Sample> codec(ThriftProtocol protocol) {
    return ThriftCodec.newBuilder(Sample.class, Sample::new).protocol(protocol).build();
  }

  private static byte[] encode(Codec<Sample> codec, Sample value, Limits limits) {
    PayloadBuffer out = new PayloadBuffer(64, limits.maxPayloadSize());
    codec.encode(value, out, limits);
    return out.toByteArray();
  }

  private static Sample decode(Codec<Sample> codec, byte[] body, Limits limits) {
    return codec.decode(body, 0, body.length, limits);
  }

  /** Writes a body with the plain library protocol, so that it can break the IDL's rules. */
  private interface Writer {
    void write(TProtocol out) throws TException;
  }

  private static byte[] handWritten(ThriftProtocol protocol, Writer writer) throws TException {
    TMemoryBuffer buffer = new TMemoryBuffer(64);
    TProtocol out =
        protocol == ThriftProtocol.COMPACT
            ? new TCompactProtocol(buffer)
            : new TBinaryProtocol(buffer);
    writer.write(out);
    return Arrays.copyOf(buffer.getArray(), buffer.length());
  }

  private static void point(TProtocol out, double x, boolean withY) throws TException {
    out.writeStructBegin(new TStruct("Point"));
    out.writeFieldBegin(new TField("x", TType.DOUBLE, (short) 1));
    out.writeDouble(x);
    out.writeFieldEnd();
    if (withY) {
      out.writeFieldBegin(new TField("y", TType.DOUBLE, (short) 2));
      out.writeDouble(0.5);
      out.writeFieldEnd();
    }
    out.writeFieldStop();
    out.writeStructEnd();
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void missingNestedRequiredField_isCorruptAndNamesTheFieldAndWhere(ThriftProtocol protocol)
      throws TException {
    byte[] body =
        handWritten(
            protocol,
            out -> {
              out.writeStructBegin(new TStruct("Sample"));
              out.writeFieldBegin(new TField("text", TType.STRING, (short) 1));
              out.writeString("t");
              out.writeFieldEnd();
              out.writeFieldBegin(new TField("points", TType.LIST, (short) 12));
              out.writeListBegin(new TList(TType.STRUCT, 2));
              point(out, 1.0, true);
              point(out, 2.0, false);
              out.writeListEnd();
              out.writeFieldEnd();
              out.writeFieldStop();
              out.writeStructEnd();
            });

    assertThatThrownBy(() -> decode(codec(protocol), body, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("required field 'y' of Point is missing at $.points[1]");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void missingTopLevelRequiredField_isCorrupt(ThriftProtocol protocol) {
    byte[] emptyStruct = {0}; // only the stop marker, in either protocol

    assertThatThrownBy(() -> decode(codec(protocol), emptyStruct, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("required field 'text' of Sample is missing at $");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void unsetRequiredField_isUnencodable(ThriftProtocol protocol) {
    assertThatThrownBy(() -> encode(codec(protocol), new Sample(), Limits.defaults()))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("required field 'text' of Sample is not set");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void unsetNestedRequiredField_isUnencodableAndSaysWhere(ThriftProtocol protocol) {
    Sample value = new Sample().setText("a").setTags(List.of(new Tag("k"), new Tag()));

    assertThatThrownBy(() -> encode(codec(protocol), value))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("required field 'key' of Tag is not set at $.tags[1]");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void bytesAfterTheStruct_areCorrupt(ThriftProtocol protocol) {
    byte[] body = encode(codec(protocol), new Sample().setText("x"), Limits.defaults());
    byte[] withTrailer = Arrays.copyOf(body, body.length + 2);

    assertThatThrownBy(() -> decode(codec(protocol), withTrailer, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining(
            "2 bytes follow the end of the Sample struct at offset " + body.length);
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void truncatedBody_isCorrupt(ThriftProtocol protocol) {
    byte[] body = encode(codec(protocol), SampleValues.golden().get("full"), Limits.defaults());
    for (int length = 0; length < body.length; length++) {
      byte[] truncated = Arrays.copyOf(body, length);
      assertThatThrownBy(() -> decode(codec(protocol), truncated, Limits.defaults()))
          .as("truncated to %d of %d bytes", length, body.length)
          .isInstanceOf(CorruptPayloadException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void claimWithinTheLimitButBeyondTheBytesLeft_isCorrupt(ThriftProtocol protocol) {
    // field 9 (names), a list of 1000 strings, followed by only three bytes
    byte[] body =
        protocol == ThriftProtocol.COMPACT
            ? SampleCodecContract.bytes(0x99, 0xf8, 0xe8, 0x07, 1, 2, 3)
            : SampleCodecContract.bytes(0x0f, 0, 9, 0x0b, 0, 0, 0x03, 0xe8, 1, 2, 3);

    assertThatThrownBy(() -> decode(codec(protocol), body, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("collection at $.names claims 1000 elements but only 3 bytes remain");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void hostileListHeader_namesTheFieldAndTheLimit(ThriftProtocol protocol) {
    byte[] body =
        protocol == ThriftProtocol.COMPACT
            ? SampleCodecContract.bytes(0x99, 0xf8, 0xff, 0xff, 0xff, 0xff, 0x07)
            : SampleCodecContract.bytes(0x0f, 0, 9, 0x0b, 0x7f, 0xff, 0xff, 0xff);

    assertThatThrownBy(() -> decode(codec(protocol), body, Limits.defaults()))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("collection of 2147483647 elements at $.names")
        .hasMessageContaining("(Limits.maxCollectionSize)");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void deepFailure_keepsTheStartAndEndOfItsPath(ThriftProtocol protocol) {
    Limits deep = Limits.newBuilder().maxDepth(200).build();
    byte[] body =
        encode(codec(protocol), new Sample().setText("a").setTree(SampleValues.chain(60)), deep);

    assertThatThrownBy(() -> decode(codec(protocol), body, Limits.defaults()))
        .isInstanceOf(LimitExceededException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400))
        .hasMessageContaining("nested 101 deep at $.tree.children[0].children[0]")
        .hasMessageContaining("...")
        .hasMessageContaining("children[0].children, over the limit of 100 (Limits.maxDepth)");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void nestingDeeperThanTheStackAllows_isALimitNotAStackOverflow(ThriftProtocol protocol)
      throws InterruptedException {
    Limits permissive = Limits.newBuilder().maxDepth(10_000).build();
    byte[] body =
        protocol == ThriftProtocol.COMPACT
            ? new CompactSampleContractTest().hostileBodies().get("tree nested 100,000 deep")
            : new BinarySampleContractTest().hostileBodies().get("tree nested 100,000 deep");
    Throwable[] thrown = new Throwable[1];
    // A small stack, so that the generated code's recursion overflows it well before depth 10,000.
    Thread reader =
        new Thread(
            null,
            () -> {
              try {
                decode(codec(protocol), body, permissive);
              } catch (Throwable t) {
                thrown[0] = t;
              }
            },
            "small-stack",
            256 * 1024);
    reader.start();
    reader.join();

    assertThat(thrown[0])
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("too deep for the thread's stack")
        .hasMessageContaining("Limits.maxDepth");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void valuesOverTheLimits_failToDecodeWithTheLimitAndWhere(ThriftProtocol protocol) {
    Codec<Sample> codec = codec(protocol);
    Map<String, Sample> overLimits =
        Map.of(
            "$.names",
            new Sample().setText("a").setNames(List.of("a", "b", "c", "d")),
            "$.text",
            new Sample().setText("123456"),
            "$.points[0]",
            new Sample().setText("a").setPoints(List.of(new Point(1, 2))).setTree(null),
            "$.tree.children[0].children[0]",
            new Sample().setText("a").setTree(SampleValues.chain(4)));
    assertThat(decode(codec, encode(codec, overLimits.get("$.points[0]"), SMALL), SMALL))
        .as("within the limits")
        .isEqualTo(overLimits.get("$.points[0]"));

    assertThatThrownBy(() -> decode(codec, encode(codec, overLimits.get("$.names")), SMALL))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("at $.names is over the limit of 3 (Limits.maxCollectionSize)");
    assertThatThrownBy(() -> decode(codec, encode(codec, overLimits.get("$.text")), SMALL))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("string of length 6 at $.text is over the limit of 5");
    assertThatThrownBy(
            () ->
                decode(
                    codec, encode(codec, overLimits.get("$.tree.children[0].children[0]")), SMALL))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("nested 7 deep at $.tree.children[0].children[0].children")
        .hasMessageContaining("(Limits.maxDepth)");
  }

  private static byte[] encode(Codec<Sample> codec, Sample value) {
    return encode(codec, value, Limits.defaults());
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void valuesOverTheLimits_failToEncode(ThriftProtocol protocol) {
    Codec<Sample> codec = codec(protocol);

    assertThatThrownBy(
            () ->
                encode(
                    codec,
                    new Sample().setText("a").setIds(java.util.Set.of(1L, 2L, 3L, 4L)),
                    SMALL))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("at $.ids is over the limit of 3");
    // 3 characters, but 6 UTF-8 bytes: the limit counts what the reader will count
    assertThatThrownBy(() -> encode(codec, new Sample().setText("\u00e9\u00e9\u00e9"), SMALL))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("string of length 6 at $.text");
    assertThatThrownBy(() -> encode(codec, new Sample().setText("a").setBlob(new byte[6]), SMALL))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("at $.blob");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void cyclicValue_failsWithTheDepthLimitNotAStackOverflow(ThriftProtocol protocol) {
    Node loop = new Node().setLabel("loop");
    List<Node> children = new ArrayList<>();
    children.add(loop);
    loop.setChildren(children);

    assertThatThrownBy(
            () ->
                encode(codec(protocol), new Sample().setText("a").setTree(loop), Limits.defaults()))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("(Limits.maxDepth)");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void payloadOverTheSizeLimit_failsToEncode(ThriftProtocol protocol) {
    Limits limits = Limits.newBuilder().maxPayloadSize(100).build();
    CodecRegistry<Sample> registry =
        CodecRegistry.newBuilder(Sample.class).writer(codec(protocol)).limits(limits).build();

    assertThatThrownBy(() -> registry.encode(new Sample().setText("a").setBlob(new byte[200])))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Limits.maxPayloadSize");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void loneSurrogate_isUnencodable(ThriftProtocol protocol) {
    Sample value = new Sample().setText("a").setNames(List.of("fine", "bad \ud800 surrogate"));

    assertThatThrownBy(() -> encode(codec(protocol), value, Limits.defaults()))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("string at $.names[1] has a lone surrogate U+D800 at index 4");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void nullListElement_isUnencodableAndSaysWhere(ThriftProtocol protocol) {
    List<String> names = new ArrayList<>();
    names.add("a");
    names.add(null);

    assertThatThrownBy(
            () ->
                encode(
                    codec(protocol), new Sample().setText("a").setNames(names), Limits.defaults()))
        .isInstanceOf(UnencodableValueException.class)
        .hasMessageContaining("at $.names[1]");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void malformedUtf8_isCorrupt(ThriftProtocol protocol) {
    // field 1 (text) holding the two bytes c3 28: a lead byte without its continuation
    byte[] body =
        protocol == ThriftProtocol.COMPACT
            ? SampleCodecContract.bytes(0x18, 0x02, 0xc3, 0x28, 0x00)
            : SampleCodecContract.bytes(0x0b, 0, 1, 0, 0, 0, 2, 0xc3, 0x28, 0x00);

    assertThatThrownBy(() -> decode(codec(protocol), body, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("string at $.text is not valid UTF-8");
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void decodedBinary_doesNotAliasTheInput(ThriftProtocol protocol) {
    byte[] body =
        encode(
            codec(protocol),
            new Sample().setText("a").setBlob(new byte[] {1, 2, 3}),
            Limits.defaults());
    Sample decoded = decode(codec(protocol), body, Limits.defaults());

    Arrays.fill(body, (byte) 0x55);

    assertThat(decoded.getBlob()).containsExactly(1, 2, 3);
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void everyNaN_readsBackAsTheCanonicalNaN(ThriftProtocol protocol) {
    double signallingNaN = Double.longBitsToDouble(0x7ff0000000000001L);
    byte[] body =
        encode(
            codec(protocol), new Sample().setText("a").setRatio(signallingNaN), Limits.defaults());

    double decoded = decode(codec(protocol), body, Limits.defaults()).getRatio();

    assertThat(Double.doubleToRawLongBits(decoded)).isEqualTo(0x7ff8000000000000L);
  }

  @ParameterizedTest
  @EnumSource(ThriftProtocol.class)
  void oneCodec_servesManyThreadsAtOnce(ThriftProtocol protocol) throws Exception {
    Codec<Sample> codec = codec(protocol);
    List<Sample> values = List.copyOf(SampleValues.golden().values());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    Sample value = values.get(i % values.size());
                    Sample decoded = decode(codec, encode(codec, value), Limits.defaults());
                    if (!ThriftEquivalence.same(value, decoded)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void protocolChoosesTheDescriptor_compactByDefault() {
    assertThat(ThriftCodec.newBuilder(Sample.class, Sample::new).build().descriptor())
        .isEqualTo(WellKnownCodecs.THRIFT_COMPACT);
    assertThat(codec(ThriftProtocol.BINARY).descriptor()).isEqualTo(WellKnownCodecs.THRIFT_BINARY);
    assertThat(codec(ThriftProtocol.COMPACT).valueType()).isEqualTo(Sample.class);
  }

  @Test
  void builder_rejectsASecondProtocol() {
    ThriftCodec.Builder<Sample> builder =
        ThriftCodec.newBuilder(Sample.class, Sample::new).protocol(ThriftProtocol.BINARY);

    assertThatThrownBy(() -> builder.protocol(ThriftProtocol.COMPACT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("protocol was already set to BINARY");
  }

  @Test
  void builder_rejectsAFactoryThatReusesItsInstance() {
    Sample shared = new Sample();

    assertThatThrownBy(() -> ThriftCodec.newBuilder(Sample.class, () -> shared).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("returned the same instance twice");
  }
}
