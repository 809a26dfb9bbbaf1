package dev.crossgrade.codec.jackson;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecProvider;
import java.util.List;

/**
 * Registers this module's generic-model codecs with {@link java.util.ServiceLoader}: {@code json}
 * ({@link JsonCodec#generic()}) and {@code canonical-json} ({@link CanonicalJson#codec()}).
 */
public final class JacksonCodecProvider implements CodecProvider {
  /** Creates the provider; called by {@link java.util.ServiceLoader}. */
  public JacksonCodecProvider() {}

  @Override
  public List<Codec<Object>> genericCodecs() {
    return List.of(JsonCodec.generic(), CanonicalJson.codec());
  }
}
