package dev.crossgrade.codec.msgpack;

import static dev.crossgrade.codec.PayloadException.Kind.CORRUPT;
import static dev.crossgrade.codec.PayloadException.Kind.LIMIT_EXCEEDED;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.HostileCorpus;
import dev.crossgrade.codec.Limits;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The committed hostile MessagePack bodies under {@code hostile/msgpack/}, {@code
 * hostile/msgpack-oldspec/} and {@code hostile/msgpack-customer/}: each fails with the kind its
 * file name states while allocating at most max(4 x its size, 64 KiB).
 */
class MsgpackHostileCorpusTest {
  private static byte[] bytes(int... values) {
    return HostileBodies.bytes(values);
  }

  /** Inputs every reader refuses, whatever the spec generation and the target type. */
  private static Map<String, byte[]> common() {
    Map<String, byte[]> inputs = new LinkedHashMap<>();
    HostileBodies.all()
        .forEach((what, body) -> inputs.put(HostileCorpus.fileName(LIMIT_EXCEEDED, what), body));
    inputs.put(HostileCorpus.fileName(CORRUPT, "the never-used byte 0xc1"), bytes(0xc1));
    inputs.put(HostileCorpus.fileName(CORRUPT, "empty body"), new byte[0]);
    inputs.put(HostileCorpus.fileName(CORRUPT, "fixarray of 3 holding 2"), bytes(0x93, 0x01, 0x02));
    inputs.put(HostileCorpus.fileName(CORRUPT, "a value then a stray byte"), bytes(0x01, 0x02));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "str32 claiming 1000 bytes holding 3"),
        bytes(0xdb, 0x00, 0x00, 0x03, 0xe8, 0x61, 0x62, 0x63));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "map with a duplicate key"),
        bytes(0x82, 0xa1, 0x6b, 0x01, 0xa1, 0x6b, 0x02));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "map keyed by an array"), bytes(0x81, 0x91, 0x01, 0x02));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "float64 cut after 3 bytes"),
        bytes(0xcb, 0x40, 0x09, 0x21));
    return inputs;
  }

  static Map<String, byte[]> current() {
    Map<String, byte[]> inputs = common();
    inputs.put(HostileCorpus.fileName(CORRUPT, "str that is not UTF-8"), bytes(0xa2, 0xc3, 0x28));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "timestamp extension of 5 bytes"),
        bytes(0xc7, 0x05, 0xff, 0, 0, 0, 0, 0));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "timestamp96 with 2^30 nanoseconds"),
        bytes(0xc7, 0x0c, 0xff, 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    return inputs;
  }

  static Map<String, byte[]> customer() {
    Map<String, byte[]> inputs = common();
    inputs.put(HostileCorpus.fileName(CORRUPT, "a string, not a record map"), bytes(0xa1, 0x61));
    inputs.put(HostileCorpus.fileName(CORRUPT, "nil, not a record map"), bytes(0xc0));
    inputs.put(
        HostileCorpus.fileName(CORRUPT, "component id holds a string"),
        bytes(0x81, 0xa2, 0x69, 0x64, 0xa1, 0x78));
    return inputs;
  }

  private static void check(String dir, Map<String, byte[]> inputs, Codec<?> codec) {
    HostileCorpus.writeOrVerify(dir, inputs);
    HostileCorpus.check(dir, b -> codec.decode(b, 0, b.length, Limits.defaults()));
  }

  @Test
  void currentSpecInputsFailAsExpectedWithinTheAllocationBound() {
    check("msgpack", current(), MessagePackCodec.generic());
  }

  @Test
  void oldSpecInputsFailAsExpectedWithinTheAllocationBound() {
    check("msgpack-oldspec", common(), MessagePackCodec.genericOldSpec());
  }

  @Test
  void recordInputsFailAsExpectedWithinTheAllocationBound() {
    check("msgpack-customer", customer(), CustomerCodecTest.CODEC);
  }

  /** With {@code -Dcrossgrade.writeFuzzSeeds=true}: the fuzz targets' seed corpora. */
  @AfterAll
  static void writeFuzzSeeds() {
    HostileCorpus.writeFuzzSeeds(
        MsgpackFuzzTest.class,
        "currentSpecReadersThrowOnlyTypedExceptions",
        HostileCorpus.goldenBodies("msgpack"),
        "msgpack",
        "msgpack-customer");
    HostileCorpus.writeFuzzSeeds(
        MsgpackOldSpecFuzzTest.class,
        "oldSpecReadersThrowOnlyTypedExceptions",
        HostileCorpus.goldenBodies("msgpack-oldspec"),
        "msgpack-oldspec",
        "msgpack-customer");
  }
}
