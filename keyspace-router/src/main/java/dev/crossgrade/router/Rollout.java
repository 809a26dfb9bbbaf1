package dev.crossgrade.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live rollout config of one process, shared by its {@link VersionedCache}s: holds the current
 * {@link RolloutConfig}, changes it at runtime ({@link #setPhase}, {@link #setWriterPercent},
 * {@link #apply}), and optionally reloads it from a file by polling. A config that fails validation
 * is never applied: the last good one stays in force, and the rejection is logged and counted in
 * {@code crossgrade.rollout.reloads{outcome=rejected}}. Thread-safe; close it to stop its thread.
 */
public final class Rollout implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private volatile RolloutConfig config;
  private final @Nullable Path file;
  private final ScheduledExecutorService scheduler;
  private final @Nullable ScheduledFuture<?> poller;
  private final Counter applied;
  private final Counter rejected;
  private final Map<Object, String[]> inUse = new ConcurrentHashMap<>();
  private volatile @Nullable ValidationResult lastRejected;
  private byte @Nullable [] lastSeen;

  private Rollout(Builder builder, RolloutConfig initial, byte @Nullable [] initialBytes) {
    this.config = initial;
    this.file = builder.file;
    this.lastSeen = initialBytes;
    MeterRegistry registry =
        builder.meterRegistry == null ? Metrics.globalRegistry : builder.meterRegistry;
    this.applied = reloads(registry, "applied");
    this.rejected = reloads(registry, "rejected");
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "crossgrade-rollout-" + THREADS.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    if (file != null) {
      long every = builder.pollInterval == null ? 2000 : builder.pollInterval.toMillis();
      this.poller =
          scheduler.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
    } else {
      this.poller = null;
    }
  }

  private static Counter reloads(MeterRegistry registry, String outcome) {
    return Counter.builder("crossgrade.rollout.reloads")
        .description("Rollout config changes applied or rejected")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Starts a rollout. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** A rollout on a fixed starting config, changed only through this object. */
  public static Rollout of(RolloutConfig config) {
    return newBuilder().config(config).build();
  }

  /** The config in force. */
  public RolloutConfig config() {
    return config;
  }

  /**
   * Puts {@code next} in force, after checking it against the caches in use: a keyspace in use must
   * stay, with the same prefix, runtimes and generations.
   *
   * @throws RolloutConfigException if {@code next} would break a cache in use; nothing is applied
   */
  public synchronized void apply(RolloutConfig next) {
    List<ConfigError> errors = checkAgainstInUse(next);
    if (!errors.isEmpty()) {
      rejected.increment();
      RolloutConfigException failure = new RolloutConfigException(errors);
      lastRejected = new ValidationResult(next.source(), errors, null);
      LOG.warn("{}; the previous config stays in force", failure.getMessage());
      throw failure;
    }
    RolloutConfig previous = config;
    config = next;
    applied.increment();
    for (RolloutConfig.KeyspaceSpec keyspace : next.keyspaces()) {
      RolloutConfig.KeyspaceSpec before = previous.keyspace(keyspace.name()).orElse(null);
      if (before == null || !before.equals(keyspace)) {
        LOG.info(
            "keyspace {}: phase {}, writer {} at {}% ({})",
            keyspace.name(),
            keyspace.phase(),
            keyspace.writer().format(),
            keyspace.writer().percent(),
            next.source());
      }
    }
  }

  /**
   * Moves {@code keyspace} to {@code phase}, forward or back.
   *
   * @throws IllegalArgumentException if the keyspace does not exist or cannot be in that phase
   */
  public synchronized void setPhase(String keyspace, Phase phase) {
    apply(config.withPhase(keyspace, phase));
  }

  /**
   * Sets the share of keys of {@code keyspace} written in the rolled-out format, 0 to 100.
   *
   * @throws IllegalArgumentException if the keyspace does not exist or the percent is not 0 to 100
   */
  public synchronized void setWriterPercent(String keyspace, int percent) {
    apply(config.withWriterPercent(keyspace, percent));
  }

  /**
   * Reads the watched file now instead of at the next poll, and applies it if it is valid and
   * changed.
   *
   * @return the validation of the file as read
   * @throws IllegalStateException if this rollout does not watch a file
   */
  public ValidationResult reloadNow() {
    if (file == null) {
      throw new IllegalStateException("this rollout does not watch a file (Rollout.Builder.watch)");
    }
    return poll(true);
  }

  /** The last config file or change that was rejected, with its errors. */
  public Optional<ValidationResult> lastRejected() {
    return Optional.ofNullable(lastRejected);
  }

  /** Stops polling and the background refreshes of the caches. */
  @Override
  public void close() {
    if (poller != null) {
      poller.cancel(false);
    }
    scheduler.shutdownNow();
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  void register(Object cache, String keyspace, String runtime) {
    inUse.put(cache, new String[] {keyspace, runtime});
  }

  void unregister(Object cache) {
    inUse.remove(cache);
  }

  private void pollQuietly() {
    try {
      poll(false);
    } catch (RuntimeException e) {
      LOG.warn("rollout config poll of {} failed: {}", file, e.toString());
    }
  }

  private synchronized ValidationResult poll(boolean always) {
    Path path = Objects.requireNonNull(file);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      bytes = null;
    }
    boolean changed = !Arrays.equals(bytes, lastSeen);
    if (!always && !changed) {
      return new ValidationResult(path.toString(), List.of(), config);
    }
    lastSeen = bytes;
    ValidationResult result = RolloutConfig.validate(path);
    if (!result.valid()) {
      if (changed || always) {
        rejected.increment();
        lastRejected = result;
        LOG.error(
            "rollout config {} rejected, the last good config ({}) stays in force:\n{}",
            path,
            config.source(),
            result.errorReport());
      }
      return result;
    }
    RolloutConfig next = result.config().orElseThrow();
    try {
      apply(next);
    } catch (RolloutConfigException e) {
      return new ValidationResult(path.toString(), e.errors(), null);
    }
    return result;
  }

  private List<ConfigError> checkAgainstInUse(RolloutConfig next) {
    List<ConfigError> errors = new ArrayList<>();
    RolloutConfig current = config;
    String file = next.source();
    for (String[] use : inUse.values()) {
      String keyspace = use[0];
      String runtime = use[1];
      if (!next.prefix().equals(current.prefix())) {
        errors.add(
            new ConfigError(
                file,
                next.line("prefix"),
                1,
                "prefix",
                "prefix changed from '"
                    + current.prefix()
                    + "' to '"
                    + next.prefix()
                    + "' while caches use it",
                "restore prefix '"
                    + current.prefix()
                    + "'; a new prefix needs a restart of every runtime"));
        break;
      }
      Optional<RolloutConfig.KeyspaceSpec> spec = next.keyspace(keyspace);
      if (spec.isEmpty()) {
        errors.add(
            new ConfigError(
                file,
                next.line("keyspaces"),
                1,
                "keyspaces",
                "keyspace '" + keyspace + "' is missing, but runtime '" + runtime + "' uses it",
                "add the keyspace '" + keyspace + "' back to 'keyspaces:'"));
        continue;
      }
      RolloutConfig.KeyspaceSpec was = current.keyspace(keyspace).orElseThrow();
      RolloutConfig.KeyspaceSpec now = spec.get();
      if (!Objects.equals(was.from(), now.from())
          || !was.to().equals(now.to())
          || generation(current, was.from()) != generation(next, now.from())
          || generation(current, was.to()) != generation(next, now.to())) {
        errors.add(
            new ConfigError(
                file,
                next.line("keyspaces[" + keyspace + "]"),
                1,
                "keyspaces[" + keyspace + "].from/to",
                "the runtimes or generations of keyspace '"
                    + keyspace
                    + "' changed while it is in use; "
                    + "invalidations would stop reaching the old generation's keys",
                "keep from, to and their generations; change them with a restart of every runtime"));
      }
    }
    return errors.stream().distinct().toList();
  }

  private static int generation(RolloutConfig config, @Nullable String runtime) {
    if (runtime == null) {
      return -1;
    }
    return config.runtime(runtime).map(RolloutConfig.RuntimeSpec::generation).orElse(-2);
  }

  @Override
  public String toString() {
    return "Rollout{" + config.source() + (file == null ? "" : ", watching " + file) + "}";
  }

  /** Settings of a {@link Rollout}; each may be set once. */
  public static final class Builder {
    private @Nullable RolloutConfig config;
    private @Nullable Path file;
    private @Nullable Duration pollInterval;
    private @Nullable MeterRegistry meterRegistry;

    private Builder() {}

    /** A fixed starting config; exclusive with {@link #watch(Path)}. */
    public Builder config(RolloutConfig config) {
      requireUnset(this.config != null || file != null, "config or watch");
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** A config file, read now and polled for changes; exclusive with {@link #config}. */
    public Builder watch(Path file) {
      requireUnset(this.config != null || this.file != null, "config or watch");
      this.file = Objects.requireNonNull(file, "file");
      return this;
    }

    /** How often the watched file is polled; default 2 s. */
    public Builder pollInterval(Duration interval) {
      requireUnset(pollInterval != null, "pollInterval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("pollInterval must be positive, was " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /** Where reload counts go; default Micrometer's global registry. */
    public Builder meterRegistry(MeterRegistry registry) {
      requireUnset(meterRegistry != null, "meterRegistry");
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Starts the rollout.
     *
     * @throws RolloutConfigException if the watched file is not valid
     * @throws IllegalStateException if neither config nor watch was set
     */
    public Rollout build() {
      if (file != null) {
        byte[] bytes;
        try {
          bytes = Files.readAllBytes(file);
        } catch (IOException e) {
          bytes = null;
        }
        return new Rollout(this, RolloutConfig.load(file), bytes);
      }
      if (config == null) {
        throw new IllegalStateException("no config: call config(RolloutConfig) or watch(Path)");
      }
      return new Rollout(this, config, null);
    }

    private static void requireUnset(boolean set, String name) {
      if (set) {
        throw new IllegalStateException(name + " was already set");
      }
    }
  }
}
