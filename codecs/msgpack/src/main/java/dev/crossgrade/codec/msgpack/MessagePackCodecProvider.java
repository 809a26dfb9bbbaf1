package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecProvider;
import java.util.List;

/**
 * Registers the generic MessagePack codecs, {@code msgpack} and {@code msgpack-oldspec}, with
 * {@link java.util.ServiceLoader}.
 */
public final class MessagePackCodecProvider implements CodecProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public MessagePackCodecProvider() {}

  @Override
  public List<Codec<Object>> genericCodecs() {
    return List.of(MessagePackCodec.generic(), MessagePackCodec.genericOldSpec());
  }
}
