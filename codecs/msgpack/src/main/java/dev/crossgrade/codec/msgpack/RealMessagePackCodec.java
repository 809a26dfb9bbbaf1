package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.util.Objects;

/**
 * The {@link MessagePackCodec} of one record type, configured by its builder: immutable and
 * thread-safe.
 *
 * @param <T> the record type
 */
final class RealMessagePackCodec<T> implements Codec<T> {
  private final Class<T> valueType;
  private final MessagePackSpec spec;
  private final TypeMapping.RecordMapping mapping;

  RealMessagePackCodec(Class<T> valueType, MessagePackSpec spec, TypeMapping.RecordMapping root) {
    this.valueType = valueType;
    this.spec = spec;
    this.mapping = root;
  }

  @Override
  public CodecDescriptor descriptor() {
    return spec.descriptor();
  }

  @Override
  public Class<T> valueType() {
    return valueType;
  }

  /** The specification generation this codec writes; it reads both. */
  public MessagePackSpec spec() {
    return spec;
  }

  @Override
  public void encode(T value, PayloadBuffer out, Limits limits) {
    Object generic = mapping.toGeneric(value, new Path(), limits, 0);
    ValueWriter.write(generic, out, limits, spec);
  }

  @Override
  public T decode(byte[] bytes, int offset, int length, Limits limits) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    Object generic = ValueReader.read(bytes, offset, length, limits, spec == MessagePackSpec.OLD);
    Object value = mapping.fromGeneric(generic, new Path());
    if (value == null) {
      throw new CorruptPayloadException("body is nil, not a map for record " + valueType.getName());
    }
    return valueType.cast(value);
  }

  @Override
  public String toString() {
    return "MessagePackCodec[" + valueType.getName() + ", " + spec + "]";
  }
}
