package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.tck.CodecContract;
import java.util.Map;
import net.jqwik.api.Arbitrary;

/** The codec contract for the current-spec generic codec, {@code msgpack}. */
class GenericMessagePackCodecTest implements CodecContract<Object> {

  @Override
  public Codec<Object> codec() {
    return MessagePackCodec.generic();
  }

  @Override
  public Arbitrary<Object> values() {
    return GenericValues.values(MessagePackSpec.CURRENT);
  }

  @Override
  public Map<String, byte[]> hostileBodies() {
    return HostileBodies.all();
  }

  @Override
  public Map<String, Object> goldenValues() {
    return GenericValues.golden(MessagePackSpec.CURRENT);
  }

  @Override
  public boolean equivalent(Object expected, Object actual) {
    return Equivalence.current(expected, actual);
  }
}
