package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Reads one body into the generic value model, strictly: every length header is checked against the
 * {@link Limits} and the bytes that remain before anything is allocated for it, nesting is bounded,
 * strings must be well-formed UTF-8, and the body must hold exactly one value.
 *
 * <p>Both specification generations are read: str8 and the bin family as well as raw16/raw32. In
 * {@linkplain #read raw mode} (the old-spec codec) a str-family value whose bytes are not UTF-8 is
 * binary rather than corrupt, because the old specification had one raw type for both.
 */
final class ValueReader {
  private final MessageUnpacker unpacker;
  private final int length;
  private final Limits limits;
  private final boolean rawMode;
  private final Path path = new Path();

  private ValueReader(byte[] bytes, int offset, int length, Limits limits, boolean rawMode) {
    this.unpacker = MessagePack.newDefaultUnpacker(bytes, offset, length);
    this.length = length;
    this.limits = limits;
    this.rawMode = rawMode;
  }

  /**
   * Reads the body at {@code bytes[offset, offset + length)}.
   *
   * @param rawMode whether a str-family value that is not UTF-8 reads as {@code byte[]} (old spec)
   *     instead of failing as corrupt (current spec)
   */
  static @Nullable Object read(
      byte[] bytes, int offset, int length, Limits limits, boolean rawMode) {
    ValueReader reader = new ValueReader(bytes, offset, length, limits, rawMode);
    try {
      return reader.readBody();
    } catch (PayloadException e) {
      throw e;
    } catch (MessageSizeException e) {
      throw new LimitExceededException(
          """
          a length header near byte %s at %s claims %s bytes or elements, over 2^31 - 1 and so \
          over Limits.maxStringLength and Limits.maxCollectionSize"""
              .formatted(reader.position(), reader.path.render(), e.getSize()),
          0,
          -1,
          e);
    } catch (MessageInsufficientBufferException e) {
      throw reader.truncated(e);
    } catch (MessagePackException | IOException e) {
      throw new CorruptPayloadException(
          "malformed MessagePack near byte %s at %s: %s"
              .formatted(reader.position(), reader.path.render(), e),
          0,
          -1,
          e);
    } catch (StackOverflowError e) {
      throw new LimitExceededException(
          "value at %s is nested too deep for this thread's stack; lower Limits.maxDepth (now %s)"
              .formatted(reader.path.render(), limits.maxDepth()),
          0,
          -1,
          null);
    }
  }

  private @Nullable Object readBody() throws IOException {
    if (length == 0) {
      throw new CorruptPayloadException(
          "body is empty: a MessagePack body holds exactly one value");
    }
    Object value = readValue(0);
    long consumed = unpacker.getTotalReadBytes();
    if (consumed != length) {
      throw new CorruptPayloadException(
          "%s bytes follow the value, from byte %s of %s (a body holds exactly one value)"
              .formatted((length - consumed), consumed, length));
    }
    return value;
  }

  private long position() {
    return unpacker.getTotalReadBytes();
  }

  private long remaining() {
    return length - unpacker.getTotalReadBytes();
  }

  private CorruptPayloadException truncated(Exception cause) {
    return new CorruptPayloadException(
        "body of %s bytes ends inside the value at %s (truncated or malformed length header)"
            .formatted(length, path.render()),
        0,
        -1,
        cause);
  }

  private @Nullable Object readValue(int depth) throws IOException {
    if (!unpacker.hasNext()) {
      throw truncated(new MessageInsufficientBufferException());
    }
    MessageFormat format = unpacker.getNextFormat();
    switch (format) {
      case NIL:
        unpacker.unpackNil();
        return null;
      case BOOLEAN:
        return unpacker.unpackBoolean();
      case UINT64:
        BigInteger big = unpacker.unpackBigInteger();
        return big.bitLength() < Long.SIZE ? (Object) big.longValue() : big;
      case POSFIXINT, NEGFIXINT, UINT8, UINT16, UINT32, INT8, INT16, INT32, INT64:
        return unpacker.unpackLong();
      case FLOAT32:
        return unpacker.unpackFloat();
      case FLOAT64:
        return unpacker.unpackDouble();
      case FIXSTR, STR8, STR16, STR32:
        return readString();
      case BIN8, BIN16, BIN32:
        return readBinary();
      case FIXARRAY, ARRAY16, ARRAY32:
        return readArray(depth + 1);
      case FIXMAP, MAP16, MAP32:
        return readMap(depth + 1);
      case FIXEXT1, FIXEXT2, FIXEXT4, FIXEXT8, FIXEXT16, EXT8, EXT16, EXT32:
        return readExtension();
      case NEVER_USED:
      default:
        throw new CorruptPayloadException(
            "byte c1 at byte %s (%s) is never used in MessagePack: not a format code"
                .formatted(position(), path.render()));
    }
  }

  private Object readString() throws IOException {
    long at = position();
    int size = unpacker.unpackRawStringHeader();
    long remaining = remaining();
    if (size > limits.maxStringLength() || size > remaining) {
      limits.checkClaimedBytes(size, remaining, path.render());
    }
    byte[] bytes = unpacker.readPayload(size);
    int invalid = Utf8.firstInvalid(bytes);
    if (invalid < 0) {
      return Utf8.decodeValid(bytes);
    }
    if (rawMode) {
      return bytes;
    }
    throw new CorruptPayloadException(
        String.format(
            Locale.ROOT,
            "string at %s (header at byte %d) is not valid UTF-8: byte %02x at offset %d of its %d"
                + " bytes starts an ill-formed sequence",
            path.render(),
            at,
            bytes[invalid] & 0xff,
            invalid,
            size));
  }

  private byte[] readBinary() throws IOException {
    int size = unpacker.unpackBinaryHeader();
    checkClaimedBytes("binary", size);
    return unpacker.readPayload(size);
  }

  private void checkClaimedBytes(String what, int size) {
    BytesLimit.check(limits, what, size, path);
    long remaining = remaining();
    if (size > remaining) {
      throw new CorruptPayloadException(
          "%s at %s claims %s bytes but only %s remain (truncated or malformed length header)"
              .formatted(what, path.render(), size, remaining));
    }
  }

  private void checkDepth(int depth) {
    if (depth > limits.maxDepth()) {
      limits.checkDepth(depth, path.render());
    }
  }

  private void checkClaimedElements(int claimed, int minBytesPerElement) {
    long remaining = remaining();
    if (claimed > limits.maxCollectionSize() || claimed > remaining / minBytesPerElement) {
      limits.checkClaimedElements(claimed, remaining, minBytesPerElement, path.render());
    }
  }

  private List<@Nullable Object> readArray(int depth) throws IOException {
    int size = unpacker.unpackArrayHeader();
    checkClaimedElements(size, 1);
    checkDepth(depth);
    List<@Nullable Object> list = new ArrayList<>(size);
    path.push();
    for (int i = 0; i < size; i++) {
      path.index(i);
      list.add(readValue(depth));
    }
    path.pop();
    return list;
  }

  private Map<@Nullable Object, @Nullable Object> readMap(int depth) throws IOException {
    int size = unpacker.unpackMapHeader();
    checkClaimedElements(size, 2);
    checkDepth(depth);
    Map<@Nullable Object, @Nullable Object> map = new LinkedHashMap<>(capacity(size));
    path.push();
    for (int i = 0; i < size; i++) {
      path.key(i);
      if (unpacker.hasNext()) {
        ValueType keyType = unpacker.getNextFormat().getValueType();
        if (keyType == ValueType.ARRAY || keyType == ValueType.MAP || keyType == ValueType.BINARY) {
          throw unsupportedKey(keyType.name().toLowerCase(Locale.ROOT));
        }
      }
      Object key = readValue(depth);
      if (key instanceof byte[]) {
        throw unsupportedKey("raw value that is not UTF-8, which reads as binary");
      }
      if (map.containsKey(key)) {
        throw new CorruptPayloadException(
            """
            map at %s has the key %s twice (entry %s); readers disagree on which value wins, so a \
            duplicate key is refused"""
                .formatted(renderParent(), describe(key), i));
      }
      path.value(key);
      map.put(key, readValue(depth));
    }
    path.pop();
    return map;
  }

  private String renderParent() {
    String rendered = path.render();
    int brace = rendered.lastIndexOf('{');
    return brace > 0 ? rendered.substring(0, brace) : rendered;
  }

  private CorruptPayloadException unsupportedKey(String kind) {
    return new CorruptPayloadException(
        """
        map key at %s is a %s: the generic value model takes only nil, boolean, integer, float, \
        string, timestamp and extension keys, which compare by value"""
            .formatted(path.render(), kind));
  }

  private static String describe(@Nullable Object key) {
    if (key instanceof String s) {
      return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
    }
    return String.valueOf(key);
  }

  private static int capacity(int size) {
    return size < 3 ? size + 1 : (int) Math.min(1 << 30, (long) size * 4 / 3 + 1);
  }

  private Object readExtension() throws IOException {
    long at = position();
    ExtensionTypeHeader header = unpacker.unpackExtensionTypeHeader();
    int size = header.getLength();
    checkClaimedBytes("extension", size);
    byte[] data = unpacker.readPayload(size);
    if (header.getType() != -1) {
      return new MessagePackExtension(header.getType(), data);
    }
    return timestamp(data, at);
  }

  private Instant timestamp(byte[] data, long at) {
    long seconds;
    long nanos;
    switch (data.length) {
      case 4 -> {
        seconds = readUnsigned(data, 0, 4);
        nanos = 0;
      }
      case 8 -> {
        long both = readUnsigned(data, 0, 8);
        nanos = both >>> 34;
        seconds = both & 0x3_ffff_ffffL;
      }
      case 12 -> {
        nanos = readUnsigned(data, 0, 4);
        seconds = readUnsigned(data, 4, 8);
      }
      default ->
          throw new CorruptPayloadException(
              """
              timestamp (extension -1) at %s, byte %s, has %s bytes of data; the specification \
              allows 4, 8 or 12"""
                  .formatted(path.render(), at, data.length));
    }
    if (nanos > 999_999_999L) {
      throw new CorruptPayloadException(
          "timestamp at " + path.render() + ", byte " + at + ", has " + nanos + " nanoseconds");
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new CorruptPayloadException(
          """
          timestamp at %s, byte %s, is %s seconds from the epoch, outside java.time.Instant's \
          range"""
              .formatted(path.render(), at, seconds),
          0,
          -1,
          e);
    }
  }

  private static long readUnsigned(byte[] data, int from, int count) {
    long value = 0;
    for (int i = from; i < from + count; i++) {
      value = (value << 8) | (data[i] & 0xff);
    }
    return value;
  }
}
