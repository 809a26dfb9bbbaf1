package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecProvider;
import java.util.List;

/**
 * Offers the Kryo codecs of the generic value model to {@link java.util.ServiceLoader}: {@code
 * kryo5} ({@link KryoCodec#generic()}) and {@code kryo4} ({@link Kryo4Codec#generic()}).
 */
public final class KryoCodecProvider implements CodecProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public KryoCodecProvider() {}

  @Override
  public List<Codec<Object>> genericCodecs() {
    return List.of(KryoCodec.generic(), Kryo4Codec.generic());
  }
}
