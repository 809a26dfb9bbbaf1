package dev.crossgrade.router;

import dev.crossgrade.router.internal.config.ConfigFile;
import dev.crossgrade.router.internal.config.ConfigParts;
import dev.crossgrade.router.internal.config.ConfigReader;
import dev.crossgrade.router.internal.config.Durations;
import dev.crossgrade.router.internal.config.RegistryManifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A validated rollout config: key prefix, runtimes with their generations, user codecs, the cache
 * transport, and per keyspace the old and new runtime, the phase and the writer-format rollout.
 * Immutable; read from YAML by {@link #load(Path)} or {@link #parse(String, String)}, and changed
 * at runtime through {@link Rollout}.
 *
 * <p>The file format, with every field:
 *
 * <pre>{@code
 * version: 1                    # required
 * prefix: shop                  # required; every memcached key starts with "shop:"
 * capabilities: {ttl: 60s, refresh: 15s}   # reader-capability records
 * leaseTtl: 10s                 # how long a loader holds a key it is filling
 * transport:                    # default: embedded
 *   client: spymemcached        # embedded, or a transport module's: spymemcached, xmemcached, lettuce
 *   servers: [127.0.0.1:11211]
 *   timeout: 250ms
 *   connectTimeout: 1s
 * codecs:                       # user codecs, ids 0x80 to 0xff; well-known ones need no entry
 *   - {name: orders-v1, id: 0x80}
 * runtimes:
 *   - {name: shop-v1, generation: 1}
 *   - {name: shop-v2, generation: 2}
 * keyspaces:
 *   - name: users
 *     from: shop-v1             # omit once the old runtime is gone
 *     to: shop-v2
 *     phase: READ_FALLBACK      # SPLIT | READ_FALLBACK | DUAL_WRITE | SHADOW | UNIFIED
 *     ttl: 10m
 *     writer: {codec: kryo5, schemaVersion: 2, percent: 25, stickiness: key}
 * }</pre>
 *
 * <p>Over 500 lines, on purpose: the value and its spec records are the API a config is read into,
 * documented field by field; reading it is {@link ConfigReader}.
 */
public final class RolloutConfig {
  /** How a key is assigned to its writer-format rollout bucket. */
  public enum Stickiness {
    /** By a stable hash of the logical key. */
    KEY,
    /** By the caller's bucket function, such as one per tenant. */
    BUCKET
  }

  /**
   * A user codec declared in the file.
   *
   * @param name the codec's name
   * @param id its envelope id, 0x80 to 0xff
   */
  public record CodecSpec(String name, int id) {
    /** Validates the id range. */
    public CodecSpec {
      Objects.requireNonNull(name, "name");
      if (id < 0x80 || id > 0xFF) {
        throw new IllegalArgumentException("user codec id must be 0x80 to 0xff, was " + id);
      }
    }
  }

  /**
   * A runtime: one deployed version of the application, owning one generation of every keyspace.
   *
   * @param name its name, as given to {@link VersionedCache.Builder#runtime(String)}
   * @param generation the generation in its keys ({@code g7}), 1 to 65535
   */
  public record RuntimeSpec(String name, int generation) {
    /** Validates name and generation. */
    public RuntimeSpec {
      KeyRouter.requireName(name, "runtime name");
      if (generation < 1 || generation > KeyRouter.MAX_GENERATION) {
        throw new IllegalArgumentException("generation must be 1 to 65535, was " + generation);
      }
    }
  }

  /**
   * The writer-format rollout of a keyspace: a key is written in the rolled-out format if its
   * caller's cohort is listed (a staged rollout: {@code dev}, then {@code employees}), or else if
   * its bucket is below the percentage.
   *
   * @param codec the codec being rolled out, or null to roll out each runtime's primary format
   * @param schemaVersion the schema version being rolled out
   * @param percent the share of keys (by bucket) written in that format, 0 to 100
   * @param stickiness how keys are assigned to buckets
   * @param cohorts the cohorts written in that format whatever the percentage, sorted; each must be
   *     declared by the rolling-out cache ({@link VersionedCache.Builder#cohorts})
   */
  public record WriterSpec(
      @Nullable String codec,
      int schemaVersion,
      int percent,
      Stickiness stickiness,
      List<String> cohorts) {
    /** Validates the ranges and the cohort names; sorts the cohorts. */
    public WriterSpec {
      if (percent < 0 || percent > 100) {
        throw new IllegalArgumentException("writer percent must be 0 to 100, was " + percent);
      }
      if (schemaVersion < 0 || schemaVersion > 65_535) {
        throw new IllegalArgumentException(
            "schemaVersion must be 0 to 65535, was " + schemaVersion);
      }
      Objects.requireNonNull(stickiness, "stickiness");
      TreeSet<String> sorted = new TreeSet<>();
      for (String cohort : cohorts) {
        KeyRouter.requireName(cohort, "cohort name");
        if (!sorted.add(cohort)) {
          throw new IllegalArgumentException("cohort '" + cohort + "' is listed twice");
        }
      }
      cohorts = List.copyOf(sorted);
    }

    /** A writer without cohorts. */
    public WriterSpec(
        @Nullable String codec, int schemaVersion, int percent, Stickiness stickiness) {
      this(codec, schemaVersion, percent, stickiness, List.of());
    }

    /** The format as {@code codec@vN}, or {@code primary} when no codec is named. */
    public String format() {
      return codec == null ? "primary" : codec + "@v" + schemaVersion;
    }

    /** This writer at another percentage. */
    public WriterSpec withPercent(int percent) {
      return new WriterSpec(codec, schemaVersion, percent, stickiness, cohorts);
    }

    /** This writer with other cohorts. */
    public WriterSpec withCohorts(List<String> cohorts) {
      return new WriterSpec(codec, schemaVersion, percent, stickiness, cohorts);
    }
  }

  /**
   * One keyspace's rollout.
   *
   * @param name the keyspace, as given to {@link VersionedCache.Builder#keyspace(String)}
   * @param from the old runtime, or null when there is only one generation
   * @param to the new runtime
   * @param phase the rollout phase
   * @param ttl how long values live in the cache
   * @param writer the writer-format rollout
   */
  public record KeyspaceSpec(
      String name, @Nullable String from, String to, Phase phase, Duration ttl, WriterSpec writer) {
    /** Validates the name and the ttl. */
    public KeyspaceSpec {
      KeyRouter.requireName(name, "keyspace name");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(phase, "phase");
      Objects.requireNonNull(writer, "writer");
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl must be positive, was " + ttl);
      }
    }
  }

  /**
   * The cache transport.
   *
   * @param client the client's name: {@code embedded}, or the name of a {@link
   *     CacheTransportProvider} (such as {@code spymemcached}, {@code xmemcached}, {@code lettuce})
   * @param servers {@code host:port} of each server; empty for embedded
   * @param timeout how long one cache operation may take before it counts as a miss
   * @param connectTimeout how long connecting may take
   * @param embeddedBytes the size bound of the embedded store
   */
  public record TransportSpec(
      String client,
      List<String> servers,
      Duration timeout,
      Duration connectTimeout,
      long embeddedBytes) {
    /** Copies the server list. */
    public TransportSpec {
      Objects.requireNonNull(client, "client");
      servers = List.copyOf(servers);
    }
  }

  private final ConfigParts parts;
  private final Map<String, RuntimeSpec> runtimes;
  private final Map<String, KeyspaceSpec> keyspaces;

  private RolloutConfig(ConfigParts parts) {
    this.parts = parts;
    Map<String, RuntimeSpec> runtimeMap = new LinkedHashMap<>();
    parts.runtimes().forEach(runtime -> runtimeMap.put(runtime.name(), runtime));
    this.runtimes = Collections.unmodifiableMap(runtimeMap);
    Map<String, KeyspaceSpec> keyspaceMap = new LinkedHashMap<>();
    parts.keyspaces().forEach(keyspace -> keyspaceMap.put(keyspace.name(), keyspace));
    this.keyspaces = Collections.unmodifiableMap(keyspaceMap);
  }

  /**
   * Validates a config file, collecting every error with file, line, field and fix. This is what
   * {@code crossgrade rollout validate FILE} runs: print {@link ValidationResult#errorReport()} and
   * exit 2, or {@link ValidationResult#summary()} and exit 0. Only a regular file of at most 1 MiB
   * is read; anything else (a device, a FIFO, a directory, a larger file) is an error, found
   * without opening it.
   */
  public static ValidationResult validate(Path file) {
    ConfigFile.Text read = ConfigFile.readText(file, ConfigFile.DEFAULT_MAX_BYTES);
    return read.text() == null
        ? new ValidationResult(file.toString(), List.of(Objects.requireNonNull(read.error())), null)
        : validate(read.text(), file.toString());
  }

  /**
   * Validates a config file against a registry manifest too: each keyspace's writer must be a
   * format that the manifest says its new runtime's registries write. The manifest is YAML:
   *
   * <pre>{@code
   * version: 1
   * runtimes:
   *   - name: shop-v2
   *     keyspaces:
   *       - {name: users, writes: [kryo5@v2, kryo4@v1]}   # registry, then compatibleRegistry
   * }</pre>
   */
  public static ValidationResult validate(Path file, Path manifest) {
    ValidationResult result = validate(file);
    RegistryManifest.Loaded loaded = RegistryManifest.load(manifest);
    List<ConfigError> errors = new ArrayList<>(result.errors());
    errors.addAll(loaded.errors());
    if (result.valid() && loaded.manifest() != null) {
      RolloutConfig config = result.config().orElseThrow();
      errors.addAll(loaded.manifest().check(config, config::line));
    }
    return errors.isEmpty() ? result : new ValidationResult(file.toString(), errors, null);
  }

  /** Validates the bytes of a config file: UTF-8 YAML. */
  static ValidationResult validate(byte[] bytes, String name) {
    ConfigFile.Text read = ConfigFile.utf8(bytes, name);
    return read.text() == null
        ? new ValidationResult(name, List.of(Objects.requireNonNull(read.error())), null)
        : validate(read.text(), name);
  }

  /** Validates YAML text; {@code sourceName} names it in errors. */
  public static ValidationResult validate(String yaml, String sourceName) {
    return new ConfigReader(sourceName, RolloutConfig::new).read(yaml);
  }

  /**
   * Reads and validates a config file.
   *
   * @throws RolloutConfigException with every error, if it is not valid
   */
  public static RolloutConfig load(Path file) {
    return orThrow(validate(file));
  }

  /**
   * Reads and validates YAML text.
   *
   * @throws RolloutConfigException with every error, if it is not valid
   */
  public static RolloutConfig parse(String yaml, String sourceName) {
    return orThrow(validate(yaml, sourceName));
  }

  private static RolloutConfig orThrow(ValidationResult result) {
    if (!result.valid()) {
      throw new RolloutConfigException(result.errors());
    }
    return result.config().orElseThrow();
  }

  /** The file or name this config was read from. */
  public String source() {
    return parts.source();
  }

  /** The prefix of every key. */
  public String prefix() {
    return parts.prefix();
  }

  /** How long a runtime's capability record lives without a refresh. */
  public Duration capabilityTtl() {
    return parts.capabilityTtl();
  }

  /** How often capability records are republished and re-read. */
  public Duration capabilityRefresh() {
    return parts.capabilityRefresh();
  }

  /** How long a loader holds a key it is filling from the source of truth. */
  public Duration leaseTtl() {
    return parts.leaseTtl();
  }

  /** The cache transport. */
  public TransportSpec transport() {
    return parts.transport();
  }

  /** The user codecs declared in the file. */
  public List<CodecSpec> codecs() {
    return parts.codecs();
  }

  /** Every runtime, in file order. */
  public List<RuntimeSpec> runtimes() {
    return List.copyOf(runtimes.values());
  }

  /** Every keyspace, in file order. */
  public List<KeyspaceSpec> keyspaces() {
    return List.copyOf(keyspaces.values());
  }

  /** The runtime named {@code name}. */
  public Optional<RuntimeSpec> runtime(String name) {
    return Optional.ofNullable(runtimes.get(name));
  }

  /** The keyspace named {@code name}. */
  public Optional<KeyspaceSpec> keyspace(String name) {
    return Optional.ofNullable(keyspaces.get(name));
  }

  /**
   * This config with {@code keyspace} in {@code phase}.
   *
   * @throws IllegalArgumentException if there is no such keyspace, or the phase needs an old
   *     runtime that the keyspace does not have
   */
  public RolloutConfig withPhase(String keyspace, Phase phase) {
    KeyspaceSpec current = requireKeyspace(keyspace);
    if (current.from() == null && phase != Phase.SPLIT && phase != Phase.UNIFIED) {
      throw new IllegalArgumentException(
          "keyspace '" + keyspace + "' has no 'from' runtime, so it cannot be in " + phase);
    }
    return withKeyspace(
        new KeyspaceSpec(
            current.name(), current.from(), current.to(), phase, current.ttl(), current.writer()));
  }

  /**
   * This config with the writer-format rollout of {@code keyspace} at {@code percent}.
   *
   * @throws IllegalArgumentException if there is no such keyspace or the percent is not 0 to 100
   */
  public RolloutConfig withWriterPercent(String keyspace, int percent) {
    KeyspaceSpec current = requireKeyspace(keyspace);
    WriterSpec writer = current.writer();
    return withKeyspace(
        new KeyspaceSpec(
            current.name(),
            current.from(),
            current.to(),
            current.phase(),
            current.ttl(),
            writer.withPercent(percent)));
  }

  private KeyspaceSpec requireKeyspace(String name) {
    KeyspaceSpec spec = keyspaces.get(name);
    if (spec == null) {
      throw new IllegalArgumentException(
          "no keyspace '" + name + "' in " + parts.source() + "; it has " + keyspaces.keySet());
    }
    return spec;
  }

  private RolloutConfig withKeyspace(KeyspaceSpec replacement) {
    return new RolloutConfig(parts.withKeyspace(replacement));
  }

  /** The line where a field ({@code prefix}, {@code keyspaces}, {@code keyspaces[users]}) was. */
  int line(String field) {
    return parts.line(field);
  }

  /** A one-screen description: runtimes, transport, and one line per keyspace. */
  public String summary() {
    StringBuilder out = new StringBuilder();
    out.append(parts.source())
        .append(": valid rollout config, prefix '")
        .append(parts.prefix())
        .append("', ")
        .append(runtimes.size())
        .append(runtimes.size() == 1 ? " runtime, " : " runtimes, ")
        .append(keyspaces.size())
        .append(keyspaces.size() == 1 ? " keyspace\n" : " keyspaces\n");
    out.append("runtimes:  ");
    for (RuntimeSpec runtime : runtimes.values()) {
      out.append(' ').append(runtime.name()).append(" (g").append(runtime.generation()).append(')');
    }
    out.append('\n');
    out.append("transport:  ").append(parts.transport().client());
    if (!parts.transport().servers().isEmpty()) {
      out.append(' ').append(String.join(",", parts.transport().servers()));
    }
    out.append(", timeout ").append(Durations.format(parts.transport().timeout()));
    out.append("; capability records live ")
        .append(Durations.format(parts.capabilityTtl()))
        .append(", refreshed every ")
        .append(Durations.format(parts.capabilityRefresh()))
        .append('\n');
    String format = "%-20s %-26s %-14s %-22s %7s  %-10s %s%n";
    out.append(
        String.format(
            Locale.ROOT,
            format,
            "KEYSPACE",
            "FROM -> TO",
            "PHASE",
            "WRITER",
            "PERCENT",
            "STICKY",
            "TTL"));
    for (KeyspaceSpec keyspace : keyspaces.values()) {
      String route =
          "%s -> %s g%s"
              .formatted(
                  (keyspace.from() == null
                      ? "-"
                      : keyspace.from() + " g" + generation(keyspace.from())),
                  keyspace.to(),
                  generation(keyspace.to()));
      out.append(
          String.format(
              Locale.ROOT,
              format,
              keyspace.name(),
              route,
              keyspace.phase().label(),
              keyspace.writer().format(),
              keyspace.writer().cohorts().stream().map(c -> c + "+").collect(Collectors.joining())
                  + keyspace.writer().percent()
                  + "%",
              keyspace.writer().stickiness().name().toLowerCase(Locale.ROOT),
              Durations.format(keyspace.ttl())));
    }
    return out.toString();
  }

  private String generation(String runtime) {
    RuntimeSpec spec = runtimes.get(runtime);
    return spec == null ? "?" : Integer.toString(spec.generation());
  }

  @Override
  public String toString() {
    return "RolloutConfig{%s, prefix %s, keyspaces %s}"
        .formatted(parts.source(), parts.prefix(), keyspaces.values());
  }
}
