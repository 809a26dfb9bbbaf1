package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.util.Objects;

/** The generic-value-model codec of one specification generation; see {@link MessagePackCodec}. */
final class GenericMessagePackCodec implements Codec<Object> {
  static final GenericMessagePackCodec CURRENT =
      new GenericMessagePackCodec(MessagePackSpec.CURRENT);
  static final GenericMessagePackCodec OLD = new GenericMessagePackCodec(MessagePackSpec.OLD);

  private final MessagePackSpec spec;

  private GenericMessagePackCodec(MessagePackSpec spec) {
    this.spec = spec;
  }

  @Override
  public CodecDescriptor descriptor() {
    return spec.descriptor();
  }

  @Override
  public Class<Object> valueType() {
    return Object.class;
  }

  @Override
  public void encode(Object value, PayloadBuffer out, Limits limits) {
    ValueWriter.write(value, out, limits, spec);
  }

  @Override
  public Object decode(byte[] bytes, int offset, int length, Limits limits) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return ValueReader.read(bytes, offset, length, limits, spec == MessagePackSpec.OLD);
  }

  @Override
  public String toString() {
    return "MessagePackCodec.generic(" + spec + ")";
  }
}
