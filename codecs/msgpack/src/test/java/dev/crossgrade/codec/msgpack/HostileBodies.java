package dev.crossgrade.codec.msgpack;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Bodies whose length headers or nesting must fail with the limit exception, fast. */
final class HostileBodies {
  private HostileBodies() {}

  static Map<String, byte[]> all() {
    Map<String, byte[]> hostile = new LinkedHashMap<>();
    hostile.put("array32 0x7fffffff", bytes(0xdd, 0x7f, 0xff, 0xff, 0xff));
    hostile.put("array32 0xffffffff", bytes(0xdd, 0xff, 0xff, 0xff, 0xff));
    hostile.put("map32 0x7fffffff", bytes(0xdf, 0x7f, 0xff, 0xff, 0xff));
    hostile.put("map32 0x40000000", bytes(0xdf, 0x40, 0x00, 0x00, 0x00));
    hostile.put("str32 0x7fffffff", bytes(0xdb, 0x7f, 0xff, 0xff, 0xff, 0x61));
    hostile.put("str32 0xffffffff", bytes(0xdb, 0xff, 0xff, 0xff, 0xff, 0x61));
    hostile.put("bin32 0x7fffffff", bytes(0xc6, 0x7f, 0xff, 0xff, 0xff, 0x00));
    hostile.put("ext32 0x7fffffff", bytes(0xc9, 0x7f, 0xff, 0xff, 0xff, 0x01, 0x00));
    hostile.put("ext32 0xffffffff timestamp", bytes(0xc9, 0xff, 0xff, 0xff, 0xff, 0xff));
    hostile.put("array in array in map, huge", bytes(0x81, 0xa1, 0x61, 0x91, 0xdd, 0x7f, 0, 0, 0));
    hostile.put("arrays nested 101 deep", nested(0x91, 101, 0xc0));
    hostile.put("arrays nested 100,000 deep", nested(0x91, 100_000, 0xc0));
    byte[] maps = new byte[3 * 200 + 1];
    for (int i = 0; i < 200; i++) {
      maps[3 * i] = (byte) 0x81;
      maps[3 * i + 1] = (byte) 0xa1;
      maps[3 * i + 2] = 0x6b;
    }
    maps[maps.length - 1] = (byte) 0xc0;
    hostile.put("maps nested 200 deep", maps);
    return hostile;
  }

  private static byte[] nested(int header, int depth, int leaf) {
    byte[] body = new byte[depth + 1];
    Arrays.fill(body, (byte) header);
    body[depth] = (byte) leaf;
    return body;
  }

  static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }
}
