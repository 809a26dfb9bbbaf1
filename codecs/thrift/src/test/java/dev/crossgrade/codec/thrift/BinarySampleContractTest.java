package dev.crossgrade.codec.thrift;

import static dev.crossgrade.codec.thrift.SampleCodecContract.bytes;
import static dev.crossgrade.codec.thrift.SampleCodecContract.repeated;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The codec contract for {@code thrift-binary}. Binary field headers are a type byte (8 i32, 10
 * i64, 11 string, 12 struct, 13 map, 14 set, 15 list) and a big-endian i16 id; lengths are
 * big-endian i32.
 */
class BinarySampleContractTest extends SampleCodecContract {
  @Override
  ThriftProtocol protocol() {
    return ThriftProtocol.BINARY;
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    // field 9 names: list of strings
    hostile.put("list claiming 2^31 elements", bytes(0x0f, 0, 9, 0x0b, 0x80, 0, 0, 0));
    hostile.put("list claiming 2^31 - 1 elements", bytes(0x0f, 0, 9, 0x0b, 0x7f, 0xff, 0xff, 0xff));
    hostile.put("string claiming 2^31 - 1 bytes", bytes(0x0b, 0, 1, 0x7f, 0xff, 0xff, 0xff));
    hostile.put("string claiming 2^31 bytes", bytes(0x0b, 0, 1, 0x80, 0, 0, 0));
    hostile.put("binary claiming 2^31 - 1 bytes", bytes(0x0b, 0, 8, 0x7f, 0xff, 0xff, 0xff));
    hostile.put("set claiming 2^31 - 1 elements", bytes(0x0e, 0, 10, 0x0a, 0x7f, 0xff, 0xff, 0xff));
    hostile.put(
        "map claiming 2^31 - 1 entries", bytes(0x0d, 0, 11, 0x0b, 0x08, 0x7f, 0xff, 0xff, 0xff));
    hostile.put("map claiming 2^31 entries", bytes(0x0d, 0, 11, 0x0b, 0x08, 0x80, 0, 0, 0));
    // field 15 tree, then Node.children (field 2: list of one struct) nested 100,000 deep
    hostile.put(
        "tree nested 100,000 deep",
        repeated(bytes(0x0c, 0, 15), bytes(0x0f, 0, 2, 0x0c, 0, 0, 0, 1), 100_000));
    // unknown field 99, skipped by the reader
    hostile.put(
        "unknown struct field nested 100,000 deep",
        repeated(bytes(0x0c, 0, 99), bytes(0x0c, 0, 1), 100_000));
    hostile.put(
        "unknown list field claiming 2^31 - 1 elements",
        bytes(0x0f, 0, 99, 0x08, 0x7f, 0xff, 0xff, 0xff));
    return hostile;
  }
}
