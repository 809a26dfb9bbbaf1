package dev.crossgrade.spring;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.ConfigError;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The health of Crossgrade in this process, whatever Spring Boot's health API: DOWN when the last
 * change of the rollout config was rejected (the config in force is not the file's, which has an
 * error to fix), or when the transport does not answer a read of a probe key within twice its
 * timeout; UP otherwise. The details name the rollout file, the runtime, the transport and, per
 * cache, its phase.
 */
final class RolloutHealth {
  private static final Duration MIN_WAIT = Duration.ofMillis(500);
  private static final Duration MAX_WAIT = Duration.ofSeconds(5);

  /**
   * The outcome of a check.
   *
   * @param up whether Crossgrade is healthy
   * @param details what was checked, for the health endpoint
   */
  record Verdict(boolean up, Map<String, Object> details) {}

  private final Rollout rollout;
  private final CacheTransport transport;
  private final CrossgradeCacheManager manager;

  RolloutHealth(Rollout rollout, CacheTransport transport, CrossgradeCacheManager manager) {
    this.rollout = rollout;
    this.transport = transport;
    this.manager = manager;
  }

  Verdict check() {
    RolloutConfig config = rollout.config();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("rolloutFile", config.source());
    details.put("runtime", manager.runtime());
    details.put("transport", transport.name());
    boolean up = true;
    if (rollout.lastChangeRejected()) {
      up = false;
      details.put(
          "rejected",
          rollout
              .lastRejected()
              .map(result -> result.errors().stream().map(ConfigError::toString).toList())
              .orElse(List.of("the last change was rejected")));
      details.put("inForce", "the last good config, as read from " + config.source());
    }
    String problem = probe(config);
    if (problem != null) {
      up = false;
      details.put("transportError", problem);
    }
    Map<String, String> phases = new LinkedHashMap<>();
    manager.statuses().forEach((name, status) -> phases.put(name, status.phase().name()));
    details.put("caches", phases);
    return new Verdict(up, details);
  }

  /** Reads the probe key; null when the transport answered (a miss is an answer). */
  private @Nullable String probe(RolloutConfig config) {
    Duration timeout = config.transport().timeout().multipliedBy(2);
    Duration wait =
        timeout.compareTo(MIN_WAIT) < 0
            ? MIN_WAIT
            : timeout.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : timeout;
    CompletableFuture<?> read;
    try {
      read = transport.get(config.prefix() + ":_cg:health");
    } catch (RuntimeException e) {
      return transport.name() + " refused the probe read: " + e;
    }
    try {
      read.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return null;
    } catch (TimeoutException e) {
      read.cancel(false);
      return transport.name() + " did not answer a read within " + wait.toMillis() + " ms";
    } catch (ExecutionException e) {
      return transport.name() + " failed a read: " + (e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while probing " + transport.name();
    }
  }
}
