package dev.crossgrade.router;

import dev.crossgrade.codec.BuilderChecks;
import dev.crossgrade.router.internal.cache.RolloutLink;
import dev.crossgrade.router.internal.config.ConfigFile;
import dev.crossgrade.router.internal.config.ConfigFile.Observation;
import dev.crossgrade.router.internal.config.ConfigReader;
import dev.crossgrade.router.internal.config.Durations;
import dev.crossgrade.router.internal.config.ReloadGate;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * reload), the file watcher's completeness rules and the builder; the file's parsing is in {@link
 * ConfigFile} and {@link ConfigReader}, the poll gate in {@link ReloadGate}.
 */
public final class Rollout implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Rollout.class);
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_STUCK_READS = 2;

  /** Reads the watched file; {@link ConfigFile#read} but for tests. */
  interface FileSource {
    Observation read(Path file, long maxBytes);
  }

  /** A cache in use: its keyspace and runtime, and what it can write. */
  private record Use(String keyspace, String runtime, WriterCheck writer) {}

  private volatile RolloutConfig config;
  private final @Nullable Path file;
  private final long maxFileSize;
  private final Duration pollInterval;
  private final Duration readTimeout;
  private final FileSource source;
  private final ScheduledExecutorService scheduler;
  private final @Nullable ScheduledExecutorService poller;
  private final Counter applied;
  private final Counter rejected;
  private final Map<Object, Use> inUse = new ConcurrentHashMap<>();
  private final Map<Object, String> writerRejections = new ConcurrentHashMap<>();
  private volatile @Nullable ValidationResult lastRejected;
  private volatile boolean lastChangeRejected;
  private volatile boolean closed;

  // The reload state below is guarded by reloadLock, which file I/O may hold; the config is not.
  private final ReentrantLock reloadLock = new ReentrantLock();
  private final @Nullable ReloadGate gate;
  private @Nullable String lastProblem;
  private volatile @Nullable ExecutorService reader;
  private final AtomicInteger stuckReads = new AtomicInteger();
  private final RolloutLink link = new Link();

  private Rollout(Builder builder, RolloutConfig initial, byte @Nullable [] initialBytes) {
    this.config = initial;
    this.file = builder.file;
    this.maxFileSize = builder.maxFileSize;
    this.pollInterval = builder.pollInterval == null ? DEFAULT_POLL_INTERVAL : builder.pollInterval;
    this.readTimeout = builder.readTimeout == null ? DEFAULT_READ_TIMEOUT : builder.readTimeout;
    this.source = builder.source;
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
    List<ConfigError> errors = checkChange(next);
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
      Observation read = readFile(path);
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
    ExecutorService executor = reader;
    if (executor != null) {
      executor.shutdownNow();
    }
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
          "keyspace '"
              + keyspace
              + "' in "
              + config.source()
              + ": "
              + problem.message()
              + " (fix: "
              + problem.fix()
              + ")");
    }
    inUse.put(cache, new Use(keyspace, runtime, writer));
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
      Observation read = readFile(path);
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

  /**
   * Reads the file on the reader thread, waiting at most the read timeout. A read that does not
   * return (a file swapped for a FIFO between the type check and the open) is abandoned with its
   * thread; at most two such reads are left before reading is given up until one returns.
   */
  private Observation readFile(Path path) {
    String name = path.toString();
    if (stuckReads.get() >= MAX_STUCK_READS) {
      return Observation.problem(
          name,
          "earlier reads of the file have not returned; not reading it again until they do",
          "make the path a regular file; a FIFO or a hung network file system blocks readers");
    }
    ExecutorService executor = reader;
    if (executor == null) {
      executor = Executors.newSingleThreadExecutor(daemon("crossgrade-rollout-read-"));
      reader = executor;
    }
    // 0 running, 1 returned, 2 abandoned: whoever moves it from 0 decides who counts.
    AtomicInteger state = new AtomicInteger();
    Future<Observation> future;
    try {
      future =
          executor.submit(
              () -> {
                try {
                  return source.read(path, maxFileSize);
                } finally {
                  if (!state.compareAndSet(0, 1)) {
                    stuckReads.decrementAndGet();
                  }
                }
              });
    } catch (RejectedExecutionException e) {
      return Observation.problem(name, "the rollout is closed", "use an open rollout");
    }
    try {
      return future.get(readTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (state.compareAndSet(0, 2)) {
        stuckReads.incrementAndGet();
        executor.shutdownNow();
        reader = null;
        return Observation.problem(
            name,
            "reading the file did not finish within " + Durations.format(readTimeout),
            "make the path a regular file on a local file system");
      }
      return getNow(future, name);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Observation.problem(
          name, "cannot read the file: " + cause, "check the path and the permissions");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Observation.problem(name, "interrupted while reading the file", "reload again");
    }
  }

  private static Observation getNow(Future<Observation> done, String name) {
    try {
      return done.get();
    } catch (ExecutionException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Observation.problem(name, "cannot read the file: " + e, "reload again");
    }
  }

  private ValidationResult rejectFile(Path path, ValidationResult result) {
    reject(
        result,
        "rollout config "
            + path
            + " rejected, the last good config ("
            + config.source()
            + ") stays in force:\n"
            + result.errorReport());
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

  // --- checks of a change ----------------------------------------------------------------------

  private List<ConfigError> checkChange(RolloutConfig next) {
    List<ConfigError> errors = new ArrayList<>();
    RolloutConfig current = config;
    String file = next.source();
    transportChanges(current, next, errors);
    boolean prefixReported = false;
    for (Map.Entry<Object, Use> entry : inUse.entrySet()) {
      String keyspace = entry.getValue().keyspace();
      String runtime = entry.getValue().runtime();
      if (!next.prefix().equals(current.prefix())) {
        if (!prefixReported) {
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
          prefixReported = true;
        }
        continue;
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
        continue;
      }
      WriterCheck.Problem problem = entry.getValue().writer().check(next);
      if (problem != null) {
        String field = "keyspaces[" + keyspace + "]." + problem.field();
        ConfigError error =
            new ConfigError(file, next.line(field), 1, field, problem.message(), problem.fix());
        errors.add(error);
        writerRejections.put(
            entry.getKey(), "writer " + now.writer().format() + " was not applied: " + error);
      }
    }
    return errors.stream().distinct().toList();
  }

  /** A reload cannot rebuild the transport: any change to its section is an error. */
  private static void transportChanges(
      RolloutConfig current, RolloutConfig next, List<ConfigError> errors) {
    RolloutConfig.TransportSpec was = current.transport();
    RolloutConfig.TransportSpec now = next.transport();
    transportChange(next, "client", was.client(), now.client(), errors);
    transportChange(next, "servers", was.servers(), now.servers(), errors);
    transportChange(next, "timeout", was.timeout(), now.timeout(), errors);
    transportChange(next, "connectTimeout", was.connectTimeout(), now.connectTimeout(), errors);
    transportChange(next, "embeddedSize", was.embeddedBytes(), now.embeddedBytes(), errors);
  }

  private static void transportChange(
      RolloutConfig next, String field, Object was, Object now, List<ConfigError> errors) {
    if (was.equals(now)) {
      return;
    }
    errors.add(
        new ConfigError(
            next.source(),
            next.line("transport"),
            1,
            "transport." + field,
            "transport."
                + field
                + " changed from "
                + show(was)
                + " to "
                + show(now)
                + ", but the transport was built when this process started and a reload cannot"
                + " rebuild it",
            "restore " + field + ": " + show(was) + ", or restart the process with the new value"));
  }

  private static String show(Object value) {
    if (value instanceof Duration duration) {
      return Durations.format(duration);
    }
    if (value instanceof Enum<?> kind) {
      return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
    return String.valueOf(value);
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
