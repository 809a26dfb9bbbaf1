package dev.crossgrade.codec.thrift;

import static dev.crossgrade.codec.thrift.SampleCodecContract.bytes;
import static dev.crossgrade.codec.thrift.SampleCodecContract.repeated;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The codec contract for {@code thrift-compact}. Compact field headers are {@code delta << 4 |
 * type} (types: 6 i64, 8 binary, 9 list, 10 set, 11 map, 12 struct); lengths are varints.
 */
class CompactSampleContractTest extends SampleCodecContract {
  private static final int[] VARINT_2_POW_31 = {0x80, 0x80, 0x80, 0x80, 0x08};

  @Override
  ThriftProtocol protocol() {
    return ThriftProtocol.COMPACT;
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    // field 9 names: list, header 0xf8 = size in a varint, elements binary
    hostile.put("list claiming 2^31 elements", concat(bytes(0x99, 0xf8), VARINT_2_POW_31));
    hostile.put("list claiming 2^31 - 1 elements", bytes(0x99, 0xf8, 0xff, 0xff, 0xff, 0xff, 0x07));
    // field 1 text: string of 2^31 - 1 bytes
    hostile.put("string claiming 2^31 - 1 bytes", bytes(0x18, 0xff, 0xff, 0xff, 0xff, 0x07));
    hostile.put("string claiming 2^31 bytes", concat(bytes(0x18), VARINT_2_POW_31));
    // field 8 blob
    hostile.put("binary claiming 2^31 - 1 bytes", bytes(0x88, 0xff, 0xff, 0xff, 0xff, 0x07));
    // field 10 ids: set of i64
    hostile.put("set claiming 2^31 - 1 elements", bytes(0xaa, 0xf6, 0xff, 0xff, 0xff, 0xff, 0x07));
    // field 11 counts: map string -> i32 (key and value types 0x85)
    hostile.put("map claiming 2^31 - 1 entries", bytes(0xbb, 0xff, 0xff, 0xff, 0xff, 0x07, 0x85));
    hostile.put("map claiming 2^31 entries", concat(bytes(0xbb), VARINT_2_POW_31, bytes(0x85)));
    // field 15 tree, then Node.children (field 2, list of one struct) nested 100,000 deep
    hostile.put("tree nested 100,000 deep", repeated(bytes(0xfc), bytes(0x29, 0x1c), 100_000));
    // unknown field 99 (long form: type, zigzag varint id 0xc6 0x01), skipped by the reader
    hostile.put(
        "unknown struct field nested 100,000 deep",
        repeated(bytes(0x0c, 0xc6, 0x01), bytes(0x1c), 100_000));
    hostile.put(
        "unknown list field claiming 2^31 - 1 elements",
        bytes(0x09, 0xc6, 0x01, 0xf5, 0xff, 0xff, 0xff, 0xff, 0x07));
    return hostile;
  }

  private static byte[] concat(byte[] head, int[] middle, byte[]... tail) {
    byte[] result = repeated(head, bytes(middle), 1);
    for (byte[] part : tail) {
      result = repeated(result, part, 1);
    }
    return result;
  }
}
