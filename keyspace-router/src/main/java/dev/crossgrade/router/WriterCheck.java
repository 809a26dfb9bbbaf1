package dev.crossgrade.router;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.RolloutConfig.WriterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Whether a runtime can write the writer format that its keyspace's config asks for. The format
 * named by {@code writer: {codec, schemaVersion}} is rolled out by the keyspace's new runtime (its
 * {@code to}); if neither of that runtime's registries writes it, the config is a mistake, not a
 * request to fall back to some other format. The old runtime keeps writing its own formats, so the
 * writer never concerns it.
 */
final class WriterCheck {
  /**
   * Why the writer cannot be written, and how to fix it.
   *
   * @param message what is wrong, naming the writer and what the runtime writes
   * @param fix how to fix it
   */
  record Problem(String message, String fix) {}

  private final String keyspace;
  private final String runtime;
  private final List<String> writes;

  private WriterCheck(String keyspace, String runtime, List<String> writes) {
    this.keyspace = keyspace;
    this.runtime = runtime;
    this.writes = List.copyOf(writes);
  }

  /** The check of one cache: its keyspace, its runtime and the formats its registries write. */
  static WriterCheck of(
      String keyspace,
      String runtime,
      CodecRegistry<?> registry,
      @Nullable CodecRegistry<?> compatibleRegistry) {
    List<String> writes = new ArrayList<>();
    writes.add(format(registry));
    if (compatibleRegistry != null && !writes.contains(format(compatibleRegistry))) {
      writes.add(format(compatibleRegistry));
    }
    return new WriterCheck(keyspace, runtime, writes);
  }

  /** The format a registry writes, as a config names it: {@code kryo5@v2}. */
  static String format(CodecRegistry<?> registry) {
    return registry.writerCodec().name() + "@v" + registry.writerSchemaVersion();
  }

  /** The problem with {@code config} for this cache, or null if there is none. */
  @Nullable Problem check(RolloutConfig config) {
    KeyspaceSpec spec = config.keyspace(keyspace).orElse(null);
    if (spec == null) {
      return null; // reported as a missing keyspace
    }
    return problem(spec.writer(), spec.to().equals(runtime), runtime, writes);
  }

  /**
   * The decision: whether {@code runtime}, writing {@code writes}, can write {@code writer}.
   *
   * @param writer the writer a keyspace asks for
   * @param rollsOut whether the runtime is the keyspace's {@code to}, the one that rolls it out
   * @param runtime the runtime's name, for the message
   * @param writes the formats the runtime's registries write, as {@code codec@vN}
   * @return null if it can, or what is wrong
   */
  static @Nullable Problem problem(
      WriterSpec writer, boolean rollsOut, String runtime, List<String> writes) {
    if (writer.codec() == null || !rollsOut || writes.contains(writer.format())) {
      return null;
    }
    List<String> options = new ArrayList<>();
    for (String format : writes) {
      int at = format.lastIndexOf("@v");
      options.add(
          format
              + " ({codec: "
              + format.substring(0, at)
              + ", schemaVersion: "
              + format.substring(at + 2)
              + "})");
    }
    return new Problem(
        String.format(
            Locale.ROOT,
            "writer %s cannot be written by runtime '%s', whose registries write %s",
            writer.format(),
            runtime,
            writes.isEmpty() ? "nothing" : String.join(" and ", writes)),
        "set the writer to "
            + (options.isEmpty() ? "a format the runtime writes" : String.join(" or ", options))
            + ", or give runtime '"
            + runtime
            + "' a registry or compatibleRegistry that writes "
            + writer.format());
  }
}
