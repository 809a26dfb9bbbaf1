package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/**
 * Writes one value of the generic value model as a body, to the current or the old specification.
 * It refuses what its readers would refuse: strings with unpaired surrogates, values over the
 * {@link Limits}, non-scalar map keys, and (old spec) timestamps and extensions.
 */
final class ValueWriter {
  private static final BigInteger UINT64_MAX =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final MessagePack.PackerConfig CURRENT =
      new MessagePack.PackerConfig().withBufferSize(4096);
  private static final MessagePack.PackerConfig OLD =
      new MessagePack.PackerConfig().withBufferSize(4096).withStr8FormatSupport(false);

  private final MessagePacker packer;
  private final MessagePackSpec spec;
  private final Limits limits;
  private final Path path = new Path();

  private ValueWriter(PayloadBuffer out, MessagePackSpec spec, Limits limits) {
    this.packer = (spec == MessagePackSpec.CURRENT ? CURRENT : OLD).newPacker(out);
    this.spec = spec;
    this.limits = limits;
  }

  /** Writes {@code value} at the end of {@code out}. */
  static void write(
      @Nullable Object value, PayloadBuffer out, Limits limits, MessagePackSpec spec) {
    ValueWriter writer = new ValueWriter(out, spec, limits);
    try {
      writer.writeValue(value, 0);
      writer.packer.flush();
    } catch (IOException e) {
      throw new UnencodableValueException(
          "could not write the value at " + writer.path.render() + ": " + e,
          spec.descriptor().id(),
          -1,
          e);
    }
  }

  private void writeValue(@Nullable Object value, int depth) throws IOException {
    if (value == null) {
      packer.packNil();
    } else if (value instanceof String s) {
      writeString(s);
    } else if (value instanceof Long || value instanceof Integer) {
      packer.packLong(((Number) value).longValue());
    } else if (value instanceof Boolean b) {
      packer.packBoolean(b);
    } else if (value instanceof Double d) {
      packer.packDouble(d);
    } else if (value instanceof Float f) {
      packer.packFloat(f);
    } else if (value instanceof Map<?, ?> map) {
      writeMap(map, depth + 1);
    } else if (value instanceof List<?> list) {
      writeArray(list, depth + 1);
    } else if (value instanceof byte[] bytes) {
      writeBinary(bytes);
    } else if (value instanceof BigInteger big) {
      writeBigInteger(big);
    } else if (value instanceof Short || value instanceof Byte) {
      packer.packLong(((Number) value).longValue());
    } else if (value instanceof Instant instant) {
      requireCurrentSpec("a timestamp (java.time.Instant)");
      packer.packTimestamp(instant);
    } else if (value instanceof MessagePackExtension extension) {
      requireCurrentSpec("an extension (type " + extension.type() + ")");
      BytesLimit.check(limits, "extension data", extension.length(), path);
      packer.packExtensionTypeHeader(extension.type(), extension.length());
      packer.writePayload(extension.dataUnsafe());
    } else {
      throw new UnencodableValueException(
          """
          value at %s is a %s, which is not in the generic value model (Map, List, String, \
          Boolean, Long, BigInteger, Double, Float, byte[], Instant, MessagePackExtension or null)"""
              .formatted(path.render(), value.getClass().getName()));
    }
  }

  private void requireCurrentSpec(String what) {
    if (spec == MessagePackSpec.OLD) {
      throw new UnencodableValueException(
          """
          value at %s is %s, which the old MessagePack specification cannot represent and old \
          readers reject; write it with MessagePackSpec.CURRENT (codec msgpack)"""
              .formatted(path.render(), what));
    }
  }

  private void writeString(String s) throws IOException {
    int unpaired = Utf8.firstUnpairedSurrogate(s);
    if (unpaired >= 0) {
      throw new UnencodableValueException(
          String.format(
              Locale.ROOT,
              "string at %s has an unpaired surrogate U+%04X at index %d, which UTF-8 cannot"
                  + " represent",
              path.render(),
              (int) s.charAt(unpaired),
              unpaired));
    }
    byte[] bytes = Utf8.encodeValid(s);
    if (bytes.length > limits.maxStringLength()) {
      limits.checkStringLength(bytes.length, path.render());
    }
    packer.packRawStringHeader(bytes.length);
    packer.writePayload(bytes);
  }

  private void writeBinary(byte[] bytes) throws IOException {
    BytesLimit.check(limits, "binary", bytes.length, path);
    if (spec == MessagePackSpec.CURRENT) {
      packer.packBinaryHeader(bytes.length);
    } else {
      packer.packRawStringHeader(bytes.length);
    }
    packer.writePayload(bytes);
  }

  private void writeBigInteger(BigInteger big) throws IOException {
    if (big.bitLength() < Long.SIZE) {
      packer.packLong(big.longValue());
    } else if (big.signum() > 0 && big.compareTo(UINT64_MAX) <= 0) {
      packer.packBigInteger(big);
    } else {
      throw new UnencodableValueException(
          "integer %s at %s is outside MessagePack's range, -2^63 to 2^64 - 1"
              .formatted(big, path.render()));
    }
  }

  private void enter(int depth, int size) {
    if (depth > limits.maxDepth()) {
      limits.checkDepth(depth, path.render());
    }
    if (size > limits.maxCollectionSize()) {
      limits.checkCollectionSize(size, path.render());
    }
  }

  private void writeArray(List<?> list, int depth) throws IOException {
    int size = list.size();
    enter(depth, size);
    packer.packArrayHeader(size);
    path.push();
    int i = 0;
    for (Object element : list) {
      if (i == size) {
        break;
      }
      path.index(i++);
      writeValue(element, depth);
    }
    path.pop();
    if (i != size) {
      throw changedWhileWriting(size, i);
    }
  }

  private void writeMap(Map<?, ?> map, int depth) throws IOException {
    int size = map.size();
    enter(depth, size);
    packer.packMapHeader(size);
    path.push();
    int i = 0;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (i == size) {
        break;
      }
      path.key(i++);
      Object key = entry.getKey();
      if (key instanceof Map || key instanceof List || key instanceof byte[]) {
        throw new UnencodableValueException(
            """
            map key at %s is a %s: the generic value model takes only nil, boolean, integer, \
            float, string, timestamp and extension keys, which compare by value"""
                .formatted(path.render(), key.getClass().getName()));
      }
      writeValue(key, depth);
      path.value(key);
      writeValue(entry.getValue(), depth);
    }
    path.pop();
    if (i != size) {
      throw changedWhileWriting(size, i);
    }
  }

  private UnencodableValueException changedWhileWriting(int size, int written) {
    return new UnencodableValueException(
        """
        collection at %s reported %s elements but yielded %s (modified while it was being \
        written?)"""
            .formatted(path.render(), size, written));
  }
}
