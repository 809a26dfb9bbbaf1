package dev.crossgrade.spring;

import dev.crossgrade.router.ConfigError;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The Actuator endpoint {@code crossgrade}: the rollout file in force, whether its last change was
 * rejected (and why), and per keyspace what this runtime does now ({@code VersionedCache.status()}
 * for the caches in use: phase, generations read, written and invalidated, formats written and
 * hold-backs). {@code /actuator/crossgrade/{keyspace}} shows one keyspace. Expose it like any
 * endpoint ({@code management.endpoints.web.exposure.include=health,crossgrade}).
 */
@Endpoint(id = "crossgrade")
public final class CrossgradeEndpoint {
  private final CrossgradeCacheManager manager;
  private final String transport;

  CrossgradeEndpoint(CrossgradeCacheManager manager, String transport) {
    this.manager = manager;
    this.transport = transport;
  }

  /**
   * The whole report.
   *
   * @param rolloutFile the file the config in force was read from
   * @param runtime this runtime
   * @param transport the cache transport's name
   * @param lastChangeRejected whether the last change of the config was rejected
   * @param rejected the errors of the last rejected change, when it is the last change
   * @param keyspaces every keyspace of the config in force
   */
  public record Report(
      String rolloutFile,
      String runtime,
      String transport,
      boolean lastChangeRejected,
      List<String> rejected,
      List<Keyspace> keyspaces)
      implements OperationResponseBody {}

  /**
   * One keyspace as this runtime sees it.
   *
   * @param name the keyspace, which is the cache name
   * @param from the old runtime, or null
   * @param to the new runtime
   * @param phase the phase in force
   * @param inUse whether this process has built a cache for it; the fields below are null if not
   * @param readGeneration the generation read first
   * @param writeGenerations the generations written
   * @param liveGenerations the generations a delete reaches, in order
   * @param writerPercent the share of keys written in the rolled-out format
   * @param writerCohorts the cohorts written in the rolled-out format
   * @param writerFormats per written generation ({@code g2}), the formats written
   * @param holdBacks why a format is held back; empty when none
   * @param otherRuntimeLive whether the other runtime has a live capability record
   */
  public record Keyspace(
      String name,
      @Nullable String from,
      String to,
      String phase,
      boolean inUse,
      @Nullable Integer readGeneration,
      @Nullable List<Integer> writeGenerations,
      @Nullable List<Integer> liveGenerations,
      @Nullable Integer writerPercent,
      @Nullable List<String> writerCohorts,
      @Nullable Map<String, String> writerFormats,
      @Nullable List<String> holdBacks,
      @Nullable Boolean otherRuntimeLive)
      implements OperationResponseBody {}

  /** The whole report. */
  @ReadOperation
  public Report report() {
    Rollout rollout = manager.rollout();
    RolloutConfig config = rollout.config();
    boolean rejected = rollout.lastChangeRejected();
    List<String> errors =
        rejected
            ? rollout
                .lastRejected()
                .map(r -> r.errors().stream().map(ConfigError::toString).toList())
                .orElse(List.of())
            : List.of();
    List<Keyspace> keyspaces = new ArrayList<>();
    for (RolloutConfig.KeyspaceSpec spec : config.keyspaces()) {
      keyspaces.add(keyspace(spec, manager.status(spec.name())));
    }
    return new Report(
        config.source(), manager.runtime(), transport, rejected, errors, List.copyOf(keyspaces));
  }

  /** One keyspace; none (404) if the config has no such keyspace. */
  @ReadOperation
  public @Nullable Keyspace keyspace(@Selector String name) {
    return manager
        .rollout()
        .config()
        .keyspace(name)
        .map(spec -> keyspace(spec, manager.status(name)))
        .orElse(null);
  }

  private static Keyspace keyspace(
      RolloutConfig.KeyspaceSpec spec, Optional<VersionedCache.Status> found) {
    if (found.isEmpty()) {
      return new Keyspace(
          spec.name(),
          spec.from(),
          spec.to(),
          spec.phase().name(),
          false,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);
    }
    VersionedCache.Status status = found.get();
    Map<String, String> formats = new LinkedHashMap<>();
    status.writerFormats().forEach((generation, format) -> formats.put("g" + generation, format));
    return new Keyspace(
        spec.name(),
        spec.from(),
        spec.to(),
        status.phase().name(),
        true,
        status.readGeneration(),
        status.writeGenerations(),
        status.liveGenerations(),
        status.writerPercent(),
        status.writerCohorts(),
        formats,
        status.holdBacks(),
        status.otherRuntimeLive());
  }
}
