package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecProvider;
import java.util.List;

/**
 * Offers the Kryo codecs of the generic value model to {@link java.util.ServiceLoader}: {@code
 * kryo5} ({@link Kryo5Codec#generic()}) and {@code kryo4} ({@link Kryo4Codec#generic()}).
 */
public final class KryoCodecProvider implements CodecProvider {
  private final List<Codec<Object>> codecs;

  /** Creates the provider and its codecs; {@link java.util.ServiceLoader} calls this. */
  public KryoCodecProvider() {
    this.codecs = List.of(Kryo5Codec.generic(), Kryo4Codec.generic());
  }

  @Override
  public List<Codec<Object>> genericCodecs() {
    return codecs;
  }
}
