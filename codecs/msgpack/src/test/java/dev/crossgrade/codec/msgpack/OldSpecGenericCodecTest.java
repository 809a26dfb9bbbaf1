package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.tck.CodecContract;
import java.util.Map;
import net.jqwik.api.Arbitrary;

/**
 * The codec contract for the old-spec generic codec, {@code msgpack-oldspec}. Its round trip
 * declares the one documented loss: binary that is UTF-8 reads back as a string ({@link
 * Equivalence#oldSpec}). Timestamps and extensions are outside its domain.
 */
class OldSpecGenericCodecTest implements CodecContract<Object> {

  @Override
  public Codec<Object> codec() {
    return MessagePackCodec.genericOldSpec();
  }

  @Override
  public Arbitrary<Object> values() {
    return GenericValues.values(MessagePackSpec.OLD);
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    return HostileBodies.all();
  }

  @Override
  public Map<String, Object> goldenValues() {
    return GenericValues.golden(MessagePackSpec.OLD);
  }

  @Override
  public boolean equivalent(Object expected, Object actual) {
    return Equivalence.oldSpec(expected, actual);
  }
}
