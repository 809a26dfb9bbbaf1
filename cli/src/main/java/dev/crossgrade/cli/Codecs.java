package dev.crossgrade.cli;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecProvider;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Looks up generic-model codecs for the commands. */
final class Codecs {
  private Codecs() {}

  /** The codec with this name, or null after printing the available names. */
  static @Nullable Codec<Object> find(String name, PrintWriter err) {
    Optional<Codec<Object>> codec = CodecProvider.find(name.equals("kryo") ? "kryo5" : name);
    if (codec.isEmpty()) {
      String available =
          CodecProvider.all().stream()
              .map(c -> c.descriptor().name())
              .collect(Collectors.joining(", "));
      err.println("crossgrade: no codec named '%s'; available: %s".formatted(name, available));
      return null;
    }
    return codec.get();
  }

  /** The codec with this envelope id, if a provider offers one. */
  static Optional<Codec<Object>> byId(int id) {
    return CodecProvider.all().stream().filter(c -> c.descriptor().id() == id).findFirst();
  }
}
