package dev.crossgrade.router.internal.config;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.RolloutConfig.WriterSpec;
import dev.crossgrade.router.VersionedCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Whether a runtime can write the writer format that its keyspace's config asks for. The format
 * named by {@code writer: {codec, schemaVersion}} is rolled out by the keyspace's new runtime (its
 * {@code to}); if neither of that runtime's registries writes it, the config is a mistake, not a
 * request to fall back to some other format. The old runtime keeps writing its own formats, so the
 * writer never concerns it. Likewise a cohort the writer lists must be one the rolling-out cache
 * declared ({@link VersionedCache.Builder#cohorts}): a misspelt cohort would silently roll out to
 * nobody.
 */
public final class WriterCheck {
  /**
   * Why the writer cannot be written, and how to fix it.
   *
   * @param field the field at fault, below the keyspace's: {@code writer} or {@code writer.cohorts}
   * @param message what is wrong, naming the writer and what the runtime writes
   * @param fix how to fix it
   */
  public record Problem(String field, String message, String fix) {}

  private final String keyspace;
  private final String runtime;
  private final List<String> writes;
  private final Set<String> cohorts;

  WriterCheck(String keyspace, String runtime, List<String> writes, Set<String> cohorts) {
    this.keyspace = keyspace;
    this.runtime = runtime;
    this.writes = List.copyOf(writes);
    this.cohorts = Set.copyOf(cohorts);
  }

  /**
   * The check of one cache: its keyspace, its runtime, the formats its registries write and the
   * cohorts it declared.
   */
  public static WriterCheck of(
      String keyspace,
      String runtime,
      CodecRegistry<?> registry,
      @Nullable CodecRegistry<?> compatibleRegistry,
      Set<String> cohorts) {
    List<String> writes = new ArrayList<>();
    writes.add(format(registry));
    if (compatibleRegistry != null && !writes.contains(format(compatibleRegistry))) {
      writes.add(format(compatibleRegistry));
    }
    return new WriterCheck(keyspace, runtime, writes, cohorts);
  }

  /** The format a registry writes, as a config names it: {@code kryo5@v2}. */
  static String format(CodecRegistry<?> registry) {
    return registry.writerCodec().name() + "@v" + registry.writerSchemaVersion();
  }

  /** The problem with {@code config} for this cache, or null if there is none. */
  public @Nullable Problem check(RolloutConfig config) {
    KeyspaceSpec spec = config.keyspace(keyspace).orElse(null);
    if (spec == null) {
      return null; // reported as a missing keyspace
    }
    boolean rollsOut = spec.to().equals(runtime);
    Problem format = problem(spec.writer(), rollsOut, runtime, writes);
    return format != null ? format : cohortProblem(spec.writer(), rollsOut, runtime, cohorts);
  }

  /**
   * The decision on cohorts: whether every cohort {@code writer} lists is one {@code runtime}
   * declared.
   *
   * @return null if so (or if the runtime does not roll the writer out), or what is wrong
   */
  public static @Nullable Problem cohortProblem(
      WriterSpec writer, boolean rollsOut, String runtime, Set<String> declared) {
    if (!rollsOut || declared.containsAll(writer.cohorts())) {
      return null;
    }
    List<String> unknown = new ArrayList<>(writer.cohorts());
    unknown.removeAll(declared);
    String first = unknown.get(0);
    if (declared.isEmpty()) {
      return new Problem(
          "writer.cohorts",
          "writer cohorts %s need a cohort function, and runtime '%s' declares no cohorts"
              .formatted(unknown, runtime),
          "declare them on the cache with VersionedCache.Builder.cohorts(Set.of(...), key ->"
              + " cohort), or remove 'cohorts' from the writer");
    }
    String closest = ConfigReader.suggestion(first, declared);
    return new Problem(
        "writer.cohorts",
        "unknown cohort"
            + (unknown.size() == 1 ? " '" + first + "'" : "s " + unknown)
            + ": runtime '"
            + runtime
            + "' declares "
            + new TreeSet<>(declared)
            + closest,
        "list only declared cohorts, or declare the new one with"
            + " VersionedCache.Builder.cohorts(...)");
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
          "%s ({codec: %s, schemaVersion: %s})"
              .formatted(format, format.substring(0, at), format.substring(at + 2)));
    }
    return new Problem(
        "writer",
        String.format(
            Locale.ROOT,
            "writer %s cannot be written by runtime '%s', whose registries write %s",
            writer.format(),
            runtime,
            writes.isEmpty() ? "nothing" : String.join(" and ", writes)),
        ("set the writer to %s, or give runtime '%s' a "
                + "registry or compatibleRegistry that writes %s")
            .formatted(
                (options.isEmpty() ? "a format the runtime writes" : String.join(" or ", options)),
                runtime,
                writer.format()));
  }
}
