package dev.crossgrade.router.internal.config;

import dev.crossgrade.router.ConfigError;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.RolloutConfig.RuntimeSpec;
import dev.crossgrade.router.RolloutConfig.TransportSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * Whether a new config may replace the one in force while caches use it: the transport section
 * cannot change (the transport was built at start), and a keyspace in use must stay, with the same
 * prefix, runtimes and generations, and a writer format its runtime's registries write. Each error
 * names the file, line, field and fix.
 */
public final class ChangeCheck {
  /**
   * A cache in use.
   *
   * @param keyspace its keyspace
   * @param runtime its runtime
   * @param writer what it can write
   */
  public record Use(String keyspace, String runtime, WriterCheck writer) {}

  /**
   * What a check found.
   *
   * @param errors every error, each once; empty if the change may be applied
   * @param writerRejections per cache, why the writer format asked for was not applied
   */
  public record Outcome(List<ConfigError> errors, Map<Object, String> writerRejections) {
    /** Copies both. */
    public Outcome {
      errors = List.copyOf(errors);
      writerRejections = Map.copyOf(writerRejections);
    }
  }

  private ChangeCheck() {}

  /**
   * The errors of putting {@code next} in force over {@code current} while {@code inUse} caches use
   * it, and the writer rejections to show each cache whose writer format {@code next} asks for but
   * it cannot write.
   *
   * @param current the config in force
   * @param next the config offered
   * @param lines the line of a field of {@code next}
   * @param inUse the caches in use, each with what it uses
   */
  public static Outcome check(
      RolloutConfig current,
      RolloutConfig next,
      ToIntFunction<String> lines,
      Map<Object, Use> inUse) {
    List<ConfigError> errors = new ArrayList<>();
    Map<Object, String> writerRejections = new LinkedHashMap<>();
    String file = next.source();
    transportChanges(current, next, lines, errors);
    boolean prefixReported = false;
    for (Map.Entry<Object, Use> entry : inUse.entrySet()) {
      String keyspace = entry.getValue().keyspace();
      String runtime = entry.getValue().runtime();
      if (!next.prefix().equals(current.prefix())) {
        if (!prefixReported) {
          errors.add(
              new ConfigError(
                  file,
                  lines.applyAsInt("prefix"),
                  1,
                  "prefix",
                  "prefix changed from '%s' to '%s' while caches use it"
                      .formatted(current.prefix(), next.prefix()),
                  "restore prefix '%s'; a new prefix needs a restart of every runtime"
                      .formatted(current.prefix())));
          prefixReported = true;
        }
        continue;
      }
      Optional<KeyspaceSpec> spec = next.keyspace(keyspace);
      if (spec.isEmpty()) {
        errors.add(
            new ConfigError(
                file,
                lines.applyAsInt("keyspaces"),
                1,
                "keyspaces",
                "keyspace '" + keyspace + "' is missing, but runtime '" + runtime + "' uses it",
                "add the keyspace '" + keyspace + "' back to 'keyspaces:'"));
        continue;
      }
      KeyspaceSpec was = current.keyspace(keyspace).orElseThrow();
      KeyspaceSpec now = spec.get();
      if (!Objects.equals(was.from(), now.from())
          || !was.to().equals(now.to())
          || generation(current, was.from()) != generation(next, now.from())
          || generation(current, was.to()) != generation(next, now.to())) {
        errors.add(
            new ConfigError(
                file,
                lines.applyAsInt("keyspaces[" + keyspace + "]"),
                1,
                "keyspaces[" + keyspace + "].from/to",
                ("the runtimes or generations of keyspace '%s' changed while it is in use; "
                        + "invalidations would stop reaching the old generation's keys")
                    .formatted(keyspace),
                "keep from, to and their generations; change them with a restart of every runtime"));
        continue;
      }
      WriterCheck.Problem problem = entry.getValue().writer().check(next);
      if (problem != null) {
        String field = "keyspaces[" + keyspace + "]." + problem.field();
        ConfigError error =
            new ConfigError(
                file, lines.applyAsInt(field), 1, field, problem.message(), problem.fix());
        errors.add(error);
        writerRejections.put(
            entry.getKey(), "writer " + now.writer().format() + " was not applied: " + error);
      }
    }
    return new Outcome(errors.stream().distinct().toList(), writerRejections);
  }

  /** A reload cannot rebuild the transport: any change to its section is an error. */
  private static void transportChanges(
      RolloutConfig current,
      RolloutConfig next,
      ToIntFunction<String> lines,
      List<ConfigError> errors) {
    TransportSpec was = current.transport();
    TransportSpec now = next.transport();
    transportChange(next, lines, "client", was.client(), now.client(), errors);
    transportChange(next, lines, "servers", was.servers(), now.servers(), errors);
    transportChange(next, lines, "timeout", was.timeout(), now.timeout(), errors);
    transportChange(
        next, lines, "connectTimeout", was.connectTimeout(), now.connectTimeout(), errors);
    transportChange(next, lines, "embeddedSize", was.embeddedBytes(), now.embeddedBytes(), errors);
  }

  private static void transportChange(
      RolloutConfig next,
      ToIntFunction<String> lines,
      String field,
      Object was,
      Object now,
      List<ConfigError> errors) {
    if (was.equals(now)) {
      return;
    }
    errors.add(
        new ConfigError(
            next.source(),
            lines.applyAsInt("transport"),
            1,
            "transport." + field,
            ("transport.%s changed from %s to %s, but the transport was built "
                    + "when this process started and a reload cannot rebuild it")
                .formatted(field, show(was), show(now)),
            "restore " + field + ": " + show(was) + ", or restart the process with the new value"));
  }

  private static String show(Object value) {
    if (value instanceof Duration duration) {
      return Durations.format(duration);
    }
    if (value instanceof Enum<?> kind) {
      return kind.name().toLowerCase(Locale.ROOT);
    }
    return String.valueOf(value);
  }

  private static int generation(RolloutConfig config, @Nullable String runtime) {
    if (runtime == null) {
      return -1;
    }
    return config.runtime(runtime).map(RuntimeSpec::generation).orElse(-2);
  }
}
