package dev.crossgrade.router;

import dev.crossgrade.codec.BuilderChecks;
import dev.crossgrade.router.internal.cache.RolloutLink;
import dev.crossgrade.router.internal.config.ChangeCheck;
import dev.crossgrade.router.internal.config.ConfigFile;
import dev.crossgrade.router.internal.config.ConfigFile.Observation;
import dev.crossgrade.router.internal.config.ConfigReader;
import dev.crossgrade.router.internal.config.ReloadGate;
import dev.crossgrade.router.internal.config.WatchedFileReads;
import dev.crossgrade.router.internal.config.WriterCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live rollout config of one process, shared by its {@link VersionedCache}s: holds the current
 * {@link RolloutConfig}, changes it at runtime ({@link #setPhase}, {@link #setWriterPercent},
 * {@link #apply}), and optionally reloads it from a file by polling. A config that fails validation
 * is never applied: the last good one stays in force, and the rejection is logged and counted in
 * {@code crossgrade.rollout.reloads{outcome=rejected}}. Thread-safe; close it to stop its threads.
 *
 * <p>A watched file is applied only once it is complete: it must be a regular file (a symbolic link
 * to one is fine) of at most {@link Builder#maxFileSize 1 MiB}, and its content must have stood
 * still for one poll interval, so a file rewritten in place is not applied half-written (writing a
 * new file and renaming it over the old one is still the safe way to change it). The file is read
 * on a thread of its own, never under the lock that {@link #setPhase} takes, and apart from the
 * thread that runs the caches' capability refreshes and invalidation retries. Nothing the file
 * holds can stop the polling.
 *
 * <p>Over 500 lines, on purpose: the locking that orders every change of the config (code, file,
 * reload), the polling and the builder; the file's parsing is in {@link ConfigFile} and {@link
 * ConfigReader}, its bounded reads in {@link WatchedFileReads}, the poll gate in {@link
 * ReloadGate}, the checks of a change in {@link ChangeCheck}.
 */
public final class Rollout implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

  /** Reads the watched file; {@link ConfigFile#read} but for tests. */
  interface FileSource extends WatchedFileReads.Source {}

  private volatile RolloutConfig config;
  private final @Nullable Path file;
  private final Duration pollInterval;
  private final ScheduledExecutorService scheduler;
  private final @Nullable ScheduledExecutorService poller;
  private final Counter applied;
  private final Counter rejected;
  private final Map<Object, ChangeCheck.Use> inUse = new ConcurrentHashMap<>();
  private final Map<Object, String> writerRejections = new ConcurrentHashMap<>();
  private volatile @Nullable ValidationResult lastRejected;
  private volatile boolean lastChangeRejected;
  private volatile boolean closed;

  // The reload state below is guarded by reloadLock, which file I/O may hold; the config is not.
  private final ReentrantLock reloadLock = new ReentrantLock();
  private final @Nullable ReloadGate gate;
  private @Nullable String lastProblem;
  private final WatchedFileReads reads;
  private final RolloutLink link = new Link();

  private Rollout(Builder builder, RolloutConfig initial, byte @Nullable [] initialBytes) {
    this.config = initial;
    this.file = builder.file;
    this.pollInterval = builder.pollInterval == null ? DEFAULT_POLL_INTERVAL : builder.pollInterval;
    this.reads =
        new WatchedFileReads(
            builder.source,
            builder.maxFileSize,
            builder.readTimeout == null ? DEFAULT_READ_TIMEOUT : builder.readTimeout,
            daemon("crossgrade-rollout-read-"));
    // Without a registry of the caller's, meters go nowhere (never to Micrometer's global one).
    MeterRegistry registry =
        builder.meterRegistry == null ? new CompositeMeterRegistry() : builder.meterRegistry;
    this.applied = reloads(registry, "applied");
    this.rejected = reloads(registry, "rejected");
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("crossgrade-rollout-"));
    if (file != null) {
      this.gate = new ReloadGate(pollInterval, initialBytes);
      this.poller = Executors.newSingleThreadScheduledExecutor(daemon("crossgrade-rollout-poll-"));
      schedulePoll(pollInterval);
    } else {
      this.gate = null;
      this.poller = null;
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String prefix) {
    return task -> {
      Thread thread = new Thread(task, prefix + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
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
   * Puts {@code next} in force, after checking it against this process: the transport section
   * cannot change (the transport was built at start), and a keyspace in use must stay, with the
   * same prefix, runtimes and generations, and a writer format that its runtime's registries write.
   *
   * @throws RolloutConfigException if {@code next} would break a cache in use or change something a
   *     reload cannot change; nothing is applied
   */
  public synchronized void apply(RolloutConfig next) {
    ChangeCheck.Outcome outcome = ChangeCheck.check(config, next, next::line, inUse);
    writerRejections.putAll(outcome.writerRejections());
    List<ConfigError> errors = outcome.errors();
    if (!errors.isEmpty()) {
      RolloutConfigException failure = new RolloutConfigException(errors);
      reject(new ValidationResult(next.source(), errors, null), failure.getMessage());
      throw failure;
    }
    RolloutConfig previous = config;
    applied.increment(); // before the config is visible: whoever sees it sees it counted
    writerRejections.clear();
    config = next;
    lastChangeRejected = false;
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
   * Moves {@code keyspace} to {@code phase}, forward or back. Never waits for the watched file.
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
   * Reads the watched file now instead of at the next poll, and applies it if it is valid, without
   * waiting for it to stand still: call it once the file is complete. Whatever the file is (a
   * device, a FIFO, too large, unreadable), this returns a result and never throws for it; a read
   * that does not finish within 5 s is given up.
   *
   * @return the validation of the file as read
   * @throws IllegalStateException if this rollout does not watch a file
   */
  public ValidationResult reloadNow() {
    Path path = file;
    if (path == null) {
      throw new IllegalStateException("this rollout does not watch a file (Rollout.Builder.watch)");
    }
    reloadLock.lock();
    try {
      Observation read = reads.read(path);
      if (read.kind() == ConfigFile.Kind.CHANGING) {
        read =
            Observation.problem(
                path.toString(),
                "the file changed while it was read",
                "write the new config to another file in the same directory and rename it over"
                    + " this one (an atomic rename), then reload");
      }
      if (read.kind() == ConfigFile.Kind.PROBLEM) {
        ConfigError problem = Objects.requireNonNull(read.problem());
        Objects.requireNonNull(gate).forget();
        lastProblem = problem.message();
        return rejectFile(path, new ValidationResult(path.toString(), List.of(problem), null));
      }
      Objects.requireNonNull(gate).handled(read.content());
      lastProblem = null;
      return process(path, read.content());
    } catch (Throwable e) { // NOPMD: an Error while reading or parsing must not reach the caller
      return failed(path, e);
    } finally {
      reloadLock.unlock();
    }
  }

  /** The last config file or change that was rejected, with its errors. */
  public Optional<ValidationResult> lastRejected() {
    return Optional.ofNullable(lastRejected);
  }

  /**
   * Whether the last change offered (a read of the watched file, or {@link #apply}) was rejected,
   * so the config in force is not the latest one asked for; false again once a change is applied.
   */
  public boolean lastChangeRejected() {
    return lastChangeRejected;
  }

  /** Stops polling and the background refreshes of the caches. */
  @Override
  public void close() {
    closed = true;
    if (poller != null) {
      poller.shutdownNow();
    }
    scheduler.shutdownNow();
    reads.close();
  }

  /** What a cache built over this rollout may use of it. */
  RolloutLink link() {
    return link;
  }

  /** The thread of the caches' capability refreshes and invalidation retries; no file I/O on it. */
  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * Registers a cache, after checking that its runtime can write the writer format its keyspace
   * asks for; later changes are checked against it too.
   *
   * @throws IllegalStateException if the config in force asks for a writer it cannot write
   */
  synchronized void register(Object cache, String keyspace, String runtime, WriterCheck writer) {
    WriterCheck.Problem problem = writer.check(config);
    if (problem != null) {
      throw new IllegalStateException(
          "keyspace '%s' in %s: %s (fix: %s)"
              .formatted(keyspace, config.source(), problem.message(), problem.fix()));
    }
    inUse.put(cache, new ChangeCheck.Use(keyspace, runtime, writer));
  }

  void unregister(Object cache) {
    inUse.remove(cache);
    writerRejections.remove(cache);
  }

  /**
   * {@code holdBacks} of a cache, plus the last change rejected because this cache cannot write its
   * writer format, until a later change is applied.
   */
  List<String> holdBacks(Object cache, List<String> holdBacks) {
    String rejection = writerRejections.get(cache);
    if (rejection == null) {
      return holdBacks;
    }
    List<String> all = new ArrayList<>(holdBacks);
    all.add(rejection);
    return List.copyOf(all);
  }

  // --- polling ---------------------------------------------------------------------------------

  private void schedulePoll(Duration delay) {
    ScheduledExecutorService executor = Objects.requireNonNull(poller);
    if (closed) {
      return;
    }
    try {
      executor.schedule(this::pollTask, Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // Closed meanwhile.
    }
  }

  /** One poll; whatever happens, the next one is scheduled (a task that throws is never rerun). */
  private void pollTask() {
    Duration next = pollInterval;
    try {
      next = poll(Objects.requireNonNull(file));
    } catch (Throwable e) { // NOPMD: even an OutOfMemoryError must not end the polling
      LOG.warn("rollout config poll of {} failed: {}", file, e.toString());
    } finally {
      schedulePoll(next);
    }
  }

  /** Reads the file, applies it if it is new and settled; returns when to look again. */
  private Duration poll(Path path) {
    reloadLock.lock();
    try {
      ReloadGate files = Objects.requireNonNull(gate);
      Observation read = reads.read(path);
      if (closed) {
        return pollInterval; // interrupted by close(): nothing to report
      }
      switch (read.kind()) {
        case CHANGING:
          return pollInterval;
        case PROBLEM:
          ConfigError problem = Objects.requireNonNull(read.problem());
          files.forget();
          if (!problem.message().equals(lastProblem)) {
            lastProblem = problem.message();
            rejectFile(path, new ValidationResult(path.toString(), List.of(problem), null));
          }
          return pollInterval;
        default:
          lastProblem = null;
      }
      ReloadGate.Decision decision =
          files.offer(
              read.content(),
              Objects.requireNonNull(read.modified()),
              Instant.now(),
              System.nanoTime());
      switch (decision.verdict()) {
        case WAIT:
          Duration wait = decision.lookAgainIn().plusMillis(1);
          return wait.compareTo(pollInterval) < 0 ? wait : pollInterval;
        case APPLY:
          process(path, read.content());
          return pollInterval;
        default:
          return pollInterval;
      }
    } finally {
      reloadLock.unlock();
    }
  }

  /** Validates and applies one content of the file; the Rollout lock is taken for the swap only. */
  private ValidationResult process(Path path, byte[] content) {
    ValidationResult result = RolloutConfig.validate(content, path.toString());
    if (!result.valid()) {
      return rejectFile(path, result);
    }
    try {
      apply(result.config().orElseThrow());
    } catch (RolloutConfigException e) {
      return new ValidationResult(path.toString(), e.errors(), null);
    }
    return result;
  }

  private ValidationResult rejectFile(Path path, ValidationResult result) {
    reject(
        result,
        "rollout config %s rejected, the last good config (%s) stays in force:\n%s"
            .formatted(path, config.source(), result.errorReport()));
    return result;
  }

  private void reject(ValidationResult result, String message) {
    rejected.increment();
    lastRejected = result;
    lastChangeRejected = true;
    LOG.error(message);
  }

  private ValidationResult failed(Path path, Throwable e) {
    ValidationResult result =
        new ValidationResult(
            path.toString(),
            List.of(
                new ConfigError(
                    path.toString(),
                    0,
                    0,
                    "(file)",
                    "reading or validating the file failed: " + e,
                    "make it a small, regular YAML file")),
            null);
    try {
      reject(result, result.errorReport());
    } catch (Throwable again) { // NOPMD: out of memory even for the log line: keep the result
      // Nothing more can be done here.
    }
    return result;
  }

  @Override
  public String toString() {
    return "Rollout{" + config.source() + (file == null ? "" : ", watching " + file) + "}";
  }

  /** This rollout as its caches see it. */
  private final class Link implements RolloutLink {
    @Override
    public RolloutConfig config() {
      return Rollout.this.config();
    }

    @Override
    public ScheduledExecutorService scheduler() {
      return Rollout.this.scheduler();
    }

    @Override
    public void register(Object cache, String keyspace, String runtime, WriterCheck writer) {
      Rollout.this.register(cache, keyspace, runtime, writer);
    }

    @Override
    public void unregister(Object cache) {
      Rollout.this.unregister(cache);
    }

    @Override
    public List<String> holdBacks(Object cache, List<String> holdBacks) {
      return Rollout.this.holdBacks(cache, holdBacks);
    }

    @Override
    public String toString() {
      return Rollout.this.toString();
    }
  }

  /** Settings of a {@link Rollout}; each may be set once. */
  public static final class Builder {
    private @Nullable RolloutConfig config;
    private @Nullable Path file;
    private @Nullable Duration pollInterval;
    private @Nullable MeterRegistry meterRegistry;
    private long maxFileSize = ConfigFile.DEFAULT_MAX_BYTES;
    private boolean maxFileSizeSet;
    private @Nullable Duration readTimeout;
    private FileSource source = ConfigFile::read;

    private Builder() {}

    /** A fixed starting config; exclusive with {@link #watch(Path)}. */
    public Builder config(RolloutConfig config) {
      BuilderChecks.requireUnset(this.config != null || file != null, "config or watch");
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * A config file, read now and polled for changes; exclusive with {@link #config}. Replace it by
     * an atomic rename (write a new file in the same directory, then move it over this one); a file
     * written in place is applied only after it has stood still for one poll interval.
     */
    public Builder watch(Path file) {
      BuilderChecks.requireUnset(this.config != null || this.file != null, "config or watch");
      this.file = Objects.requireNonNull(file, "file");
      return this;
    }

    /**
     * How often the watched file is polled, and how long new content must stand still before it is
     * applied; default 2 s.
     */
    public Builder pollInterval(Duration interval) {
      BuilderChecks.requireUnset(pollInterval != null, "pollInterval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("pollInterval must be positive, was " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /**
     * The largest watched file read, 1 KiB to 64 MiB; default 1 MiB. A larger file is refused
     * before it is opened.
     */
    public Builder maxFileSize(long bytes) {
      BuilderChecks.requireUnset(maxFileSizeSet, "maxFileSize");
      if (bytes < 1024 || bytes > (64L << 20)) {
        throw new IllegalArgumentException("maxFileSize must be 1 KiB to 64 MiB, was " + bytes);
      }
      this.maxFileSize = bytes;
      this.maxFileSizeSet = true;
      return this;
    }

    /** Where reload counts go; default none (nothing is counted). */
    public Builder meterRegistry(MeterRegistry registry) {
      BuilderChecks.requireUnset(meterRegistry != null, "meterRegistry");
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** How long one read of the file may take before it is given up; default 5 s (tests). */
    Builder readTimeout(Duration timeout) {
      this.readTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** How the file is read after start (tests). */
    Builder fileSource(FileSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Starts the rollout.
     *
     * @throws RolloutConfigException if the watched file is not valid, or not a regular file of at
     *     most {@link #maxFileSize}
     * @throws IllegalStateException if neither config nor watch was set
     */
    public Rollout build() {
      Path watched = file;
      if (watched != null) {
        Observation read = ConfigFile.read(watched, maxFileSize);
        for (int retry = 0; read.kind() == ConfigFile.Kind.CHANGING && retry < 5; retry++) {
          sleep(50);
          read = ConfigFile.read(watched, maxFileSize);
        }
        if (read.kind() == ConfigFile.Kind.CHANGING) {
          read =
              Observation.problem(
                  watched.toString(),
                  "the file kept changing while it was read",
                  "write it to another file and rename it over this one (an atomic rename)");
        }
        if (read.kind() == ConfigFile.Kind.PROBLEM) {
          throw new RolloutConfigException(List.of(Objects.requireNonNull(read.problem())));
        }
        ValidationResult result = RolloutConfig.validate(read.content(), watched.toString());
        if (!result.valid()) {
          throw new RolloutConfigException(result.errors());
        }
        return new Rollout(this, result.config().orElseThrow(), read.content());
      }
      if (config == null) {
        throw new IllegalStateException("no config: call config(RolloutConfig) or watch(Path)");
      }
      return new Rollout(this, config, null);
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
