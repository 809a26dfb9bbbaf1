package dev.crossgrade.router.internal.config;

import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.RolloutConfig.CodecSpec;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.RolloutConfig.RuntimeSpec;
import dev.crossgrade.router.RolloutConfig.TransportSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@link ConfigReader} read from a valid file, before it becomes a {@link RolloutConfig}: the
 * API value is made by the function {@link RolloutConfig} hands the reader, so that the reader
 * needs no access to its constructor.
 *
 * @param source the file or name it was read from
 * @param prefix the key prefix
 * @param capabilityTtl how long a capability record lives
 * @param capabilityRefresh how often it is rewritten
 * @param leaseTtl how long a loader holds a key
 * @param transport the cache transport
 * @param codecs the user codecs
 * @param runtimes the runtimes, in file order
 * @param keyspaces the keyspaces, in file order
 * @param lines the line of each top-level field and keyspace ({@code keyspaces[users]})
 */
public record ConfigParts(
    String source,
    String prefix,
    Duration capabilityTtl,
    Duration capabilityRefresh,
    Duration leaseTtl,
    TransportSpec transport,
    List<CodecSpec> codecs,
    List<RuntimeSpec> runtimes,
    List<KeyspaceSpec> keyspaces,
    Map<String, Integer> lines) {
  /** Copies the lists and the map. */
  public ConfigParts {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(prefix, "prefix");
    codecs = List.copyOf(codecs);
    runtimes = List.copyOf(runtimes);
    keyspaces = List.copyOf(keyspaces);
    lines = Map.copyOf(lines);
  }

  /** These parts with each keyspace replaced by the one of the same name, if given. */
  public ConfigParts withKeyspace(KeyspaceSpec replacement) {
    List<KeyspaceSpec> list =
        keyspaces.stream()
            .map(spec -> spec.name().equals(replacement.name()) ? replacement : spec)
            .toList();
    return new ConfigParts(
        source,
        prefix,
        capabilityTtl,
        capabilityRefresh,
        leaseTtl,
        transport,
        codecs,
        runtimes,
        list,
        lines);
  }

  /** The line where a field ({@code prefix}, {@code keyspaces}, {@code keyspaces[users]}) was. */
  public int line(String field) {
    return lines.getOrDefault(field, lines.getOrDefault("keyspaces", 1));
  }

  /** How the reader turns parts into the API value: {@code RolloutConfig}'s constructor. */
  public interface Assembler extends Function<ConfigParts, RolloutConfig> {}
}
