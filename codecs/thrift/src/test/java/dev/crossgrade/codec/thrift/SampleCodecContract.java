package dev.crossgrade.codec.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.tck.CodecContract;
import dev.crossgrade.codec.thrift.sample.Sample;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TProtocolFactory;
import org.jspecify.annotations.Nullable;

/**
 * The codec contract for the sample struct in one protocol, plus wire compatibility with Thrift.
 */
abstract class SampleCodecContract implements CodecContract<Sample> {
  private @Nullable Codec<Sample> codec;

  abstract ThriftProtocol protocol();

  @Override
  public Codec<Sample> codec() {
    Codec<Sample> built = codec;
    if (built == null) {
      built = ThriftCodec.newBuilder(Sample.class, Sample::new).protocol(protocol()).build();
      codec = built;
    }
    return built;
  }

  @Override
  public Arbitrary<Sample> values() {
    return SampleValues.samples();
  }

  @Override
  public boolean equivalent(Sample expected, Sample actual) {
    return ThriftEquivalence.same(expected, actual);
  }

  @Override
  public Map<String, Sample> goldenValues() {
    return SampleValues.golden();
  }

  private TProtocolFactory plainFactory() {
    return switch (protocol()) {
      case COMPACT -> new TCompactProtocol.Factory();
      case BINARY -> new TBinaryProtocol.Factory();
    };
  }

  @Property(tries = 100)
  void writesTheSameBytesAsPlainThrift(@ForAll("contractValues") Sample value) throws TException {
    byte[] plain = new TSerializer(plainFactory()).serialize(value);
    PayloadBuffer out = new PayloadBuffer(64, Limits.defaults().maxPayloadSize());
    codec().encode(value, out, Limits.defaults());
    assertThat(out.toByteArray()).isEqualTo(plain);
  }

  @Property(tries = 100)
  void readsWhatPlainThriftWrites(@ForAll("contractValues") Sample value) throws TException {
    byte[] plain = new TSerializer(plainFactory()).serialize(value);
    Sample decoded = codec().decode(plain, 0, plain.length, Limits.defaults());
    assertThat(ThriftEquivalence.same(value, decoded)).as("decoded %s", decoded).isTrue();
    Sample plainDecoded = new Sample();
    new TDeserializer(plainFactory()).deserialize(plainDecoded, plain);
    assertThat(ThriftEquivalence.same(plainDecoded, decoded)).isTrue();
  }

  /** Bytes given as ints, for writing hostile bodies by hand. */
  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  /** {@code head}, then {@code unit} repeated {@code times}. */
  static byte[] repeated(byte[] head, byte[] unit, int times) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length + unit.length * times);
    out.writeBytes(head);
    for (int i = 0; i < times; i++) {
      out.writeBytes(unit);
    }
    return out.toByteArray();
  }
}
