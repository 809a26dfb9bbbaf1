package dev.crossgrade.codec.msgpack;

import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * A MessagePack extension value other than a timestamp: an application-defined type code and its
 * data, compared by content. Timestamps (type -1) are {@link java.time.Instant}s instead.
 *
 * @param type the extension type code, -128 to 127 except -1
 * @param data the extension's bytes; the record keeps its own copy
 */
public record MessagePackExtension(byte type, byte[] data) {

  /** Validates the type and copies the data. */
  public MessagePackExtension {
    if (type == -1) {
      throw new IllegalArgumentException(
          "extension type -1 is the MessagePack timestamp: use java.time.Instant");
    }
    data = data.clone();
  }

  /** A copy of the extension's bytes. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The length of the extension's data in bytes. */
  public int length() {
    return data.length;
  }

  byte[] dataUnsafe() {
    return data;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof MessagePackExtension other
        && type == other.type
        && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return 31 * type + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "MessagePackExtension[type="
        + type
        + ", data="
        + (data.length <= 64
            ? HexFormat.of().formatHex(data)
            : HexFormat.of().formatHex(data, 0, 64) + "... (" + data.length + " bytes)")
        + "]";
  }
}
