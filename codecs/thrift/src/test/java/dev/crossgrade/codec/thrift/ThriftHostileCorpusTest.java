package dev.crossgrade.codec.thrift;

import static dev.crossgrade.codec.PayloadException.Kind.CORRUPT;
import static dev.crossgrade.codec.PayloadException.Kind.LIMIT_EXCEEDED;
import static dev.crossgrade.codec.thrift.SampleCodecContract.bytes;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.HostileCorpus;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.thrift.sample.Sample;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The committed hostile Thrift bodies under {@code hostile/thrift-compact/} and {@code
 * hostile/thrift-binary/}: each fails with the kind its file name states while allocating at most
 * max(4 x its size, 64 KiB).
 */
class ThriftHostileCorpusTest {
  private static Map<String, byte[]> inputs(SampleCodecContract contract, byte[]... corrupt) {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    contract
        .hostileBodies()
        .forEach((what, body) -> inputs.put(HostileCorpus.fileName(LIMIT_EXCEEDED, what), body));
    PayloadBuffer out = new PayloadBuffer(64, 1 << 20);
    contract.codec().encode(SampleValues.golden().get("full"), out, Limits.defaults());
    byte[] valid = out.toByteArray();
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "valid body truncated by one byte"),
        Arrays.copyOf(valid, valid.length - 1));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "valid body followed by a stray byte"),
        Arrays.copyOf(valid, valid.length + 1));
    inputs.put(HostileCorpus.fileName(CORRUPT, "empty body"), new byte[0]);
    inputs.put(HostileCorpus.fileName(CORRUPT, "required text missing"), corrupt[0]);
    inputs.put(HostileCorpus.fileName(CORRUPT, "text is not utf-8"), corrupt[1]);
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "a field of type 15, which no protocol has"), corrupt[2]);
    return inputs;
  }

  static Map<String, byte[]> compact() {
    return inputs(
        new CompactSampleContractTest(),
        bytes(0x00),
        bytes(0x18, 0x02, 0xc3, 0x28, 0x00),
        bytes(0x1f, 0x00));
  }

  static Map<String, byte[]> binary() {
    return inputs(
        new BinarySampleContractTest(),
        bytes(0x00),
        bytes(0x0b, 0x00, 0x01, 0x00, 0x00, 0x00, 0x02, 0xc3, 0x28, 0x00),
        bytes(0x0f + 0x10, 0x00, 0x01, 0x00));
  }

  private static void check(String dir, Map<String, byte[]> inputs, ThriftProtocol protocol) {
    Codec<Sample> codec =
        ThriftCodec.newBuilder(Sample.class, Sample::new).protocol(protocol).build();
    HostileCorpus.writeOrVerify(dir, inputs);
    HostileCorpus.check(dir, b -> codec.decode(b, 0, b.length, Limits.defaults()));
  }

  @Test
  void compactInputsFailAsExpectedWithinTheAllocationBound() {
    check("thrift-compact", compact(), ThriftProtocol.COMPACT);
  }

  @Test
  void binaryInputsFailAsExpectedWithinTheAllocationBound() {
    check("thrift-binary", binary(), ThriftProtocol.BINARY);
  }

  /** With {@code -Dcrossgrade.writeFuzzSeeds=true}: the fuzz targets' seed corpora. */
  @AfterAll
  static void writeFuzzSeeds() {
    HostileCorpus.writeFuzzSeeds(
        ThriftCompactFuzzTest.class,
        "compactDecodersThrowOnlyTypedExceptions",
        HostileCorpus.goldenBodies("thrift-compact"),
        "thrift-compact");
    HostileCorpus.writeFuzzSeeds(
        ThriftBinaryFuzzTest.class,
        "binaryDecodersThrowOnlyTypedExceptions",
        HostileCorpus.goldenBodies("thrift-binary"),
        "thrift-binary");
  }
}
