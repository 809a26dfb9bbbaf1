package dev.crossgrade.codec;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A codec module's entry for {@link ServiceLoader}: the codecs it offers for the generic value
 * model, which tools such as the {@code crossgrade} command use to encode and decode JSON-like
 * values by codec name.
 *
 * <p>The generic value model is the JSON data model in Java types: {@code Map<String, Object>}
 * (insertion-ordered), {@code List<Object>}, {@code String}, {@code Boolean}, {@code Long} for
 * integers that fit, {@code java.math.BigInteger} for larger ones (such as a MessagePack uint64
 * above 2^63 - 1), {@code Double}, and {@code null} inside containers. Formats that have them may
 * also produce and accept {@code byte[]} (binary) and {@code java.time.Instant} (timestamps).
 */
public interface CodecProvider {

  /** The generic-model codecs of this module. */
  List<Codec<Object>> genericCodecs();

  /** Finds a generic-model codec by {@link CodecDescriptor#name()} among all providers. */
  static Optional<Codec<Object>> find(String name) {
    for (CodecProvider provider : ServiceLoader.load(CodecProvider.class)) {
      for (Codec<Object> codec : provider.genericCodecs()) {
        if (codec.descriptor().name().equals(name)) {
          return Optional.of(codec);
        }
      }
    }
    return Optional.empty();
  }

  /** Every generic-model codec of every provider on the class path. */
  static List<Codec<Object>> all() {
    return ServiceLoader.load(CodecProvider.class).stream()
        .flatMap(provider -> provider.get().genericCodecs().stream())
        .toList();
  }
}
