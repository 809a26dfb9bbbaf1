package dev.crossgrade.codec;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The codec ids assigned by Crossgrade. Ids 1 to 127 are reserved for the project; ids 128 to 255
 * are free for a user's own codecs. An id, once released, is never given to another format.
 */
public final class WellKnownCodecs {
  /** Java serialization, read-only, for entries written before Crossgrade (never enveloped). */
  public static final CodecDescriptor JAVA_SERIALIZATION =
      CodecDescriptor.of(0x01, "java-serialization", "java-serialization", 1);

  /** Kryo 4.x wire format. */
  public static final CodecDescriptor KRYO4 = CodecDescriptor.of(0x10, "kryo4", "kryo", 4);

  /** Kryo 5.x wire format. */
  public static final CodecDescriptor KRYO5 = CodecDescriptor.of(0x11, "kryo5", "kryo", 5);

  /** MessagePack as old-spec readers understand it: no str8, no bin family. */
  public static final CodecDescriptor MSGPACK_OLDSPEC =
      CodecDescriptor.of(0x20, "msgpack-oldspec", "msgpack", 1);

  /** MessagePack, current specification. */
  public static final CodecDescriptor MSGPACK = CodecDescriptor.of(0x21, "msgpack", "msgpack", 2);

  /** Apache Thrift, binary protocol. */
  public static final CodecDescriptor THRIFT_BINARY =
      CodecDescriptor.of(0x30, "thrift-binary", "thrift-binary", 1);

  /** Apache Thrift, compact protocol. */
  public static final CodecDescriptor THRIFT_COMPACT =
      CodecDescriptor.of(0x31, "thrift-compact", "thrift-compact", 1);

  /** JSON as Jackson writes it. */
  public static final CodecDescriptor JSON = CodecDescriptor.of(0x40, "json", "json", 1);

  /** RFC 8785 canonical JSON. */
  public static final CodecDescriptor CANONICAL_JSON =
      CodecDescriptor.of(0x41, "canonical-json", "json", 2);

  private static final List<CodecDescriptor> ALL =
      List.of(
          JAVA_SERIALIZATION,
          KRYO4,
          KRYO5,
          MSGPACK_OLDSPEC,
          MSGPACK,
          THRIFT_BINARY,
          THRIFT_COMPACT,
          JSON,
          CANONICAL_JSON);

  private WellKnownCodecs() {}

  /** Every codec id assigned by the project, in id order. */
  public static List<CodecDescriptor> all() {
    return ALL;
  }

  /** The assigned codec with this id, if any. */
  public static Optional<CodecDescriptor> byId(int id) {
    for (CodecDescriptor descriptor : ALL) {
      if (descriptor.id() == id) {
        return Optional.of(descriptor);
      }
    }
    return Optional.empty();
  }

  /** The assigned codec with this name, if any. */
  public static Optional<CodecDescriptor> byName(String name) {
    for (CodecDescriptor descriptor : ALL) {
      if (descriptor.name().equals(name)) {
        return Optional.of(descriptor);
      }
    }
    return Optional.empty();
  }

  static String describe(int id) {
    return describe(id, byId(id).map(CodecDescriptor::name).orElse("unassigned"));
  }

  static String describe(int id, String name) {
    return name + String.format(Locale.ROOT, " (0x%02x)", id);
  }
}
