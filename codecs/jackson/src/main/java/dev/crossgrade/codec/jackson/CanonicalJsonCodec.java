package dev.crossgrade.codec.jackson;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.WellKnownCodecs;

/**
 * RFC 8785 canonical JSON for the generic value model. It writes the canonical form; it reads any
 * JSON that RFC 8785 can canonicalize, with integer tokens as {@link Long} or {@link
 * java.math.BigInteger} and other numbers as {@link Double}. Canonical JSON does not keep the
 * difference between 56 and 56.0, so a {@link Double} with an integral value comes back as a {@link
 * Long}.
 */
final class CanonicalJsonCodec implements Codec<Object> {
  static final CanonicalJsonCodec INSTANCE = new CanonicalJsonCodec();

  private CanonicalJsonCodec() {}

  @Override
  public CodecDescriptor descriptor() {
    return WellKnownCodecs.CANONICAL_JSON;
  }

  @Override
  public Class<Object> valueType() {
    return Object.class;
  }

  @Override
  public void encode(Object value, PayloadBuffer out, Limits limits) {
    CanonicalWriter.write(value, out, limits);
  }

  @Override
  public Object decode(byte[] bytes, int offset, int length, Limits limits) {
    Object value = GenericValueBuilder.parse(bytes, offset, length, limits);
    if (value == null) {
      throw JacksonFailures.nullBody(null);
    }
    return value;
  }

  @Override
  public String toString() {
    return "CanonicalJsonCodec[" + descriptor() + "]";
  }
}
