package dev.crossgrade.rehearsal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A rollout rehearsal: an old and a new runtime whose cache payloads cannot be read by each other
 * as they are (schema v1 in Kryo 4, schema v2 in Kryo 5) share one cache while the new runtime's
 * traffic share goes 0% -> 1% -> 10% -> 50% -> 100% and they unify, once per {@link Strategy}, and
 * once more with a rollback from 50% to 10%. Every value served is checked against the source of
 * truth.
 *
 * <p>{@link Builder#pair} chooses the new runtime's upcaster and downcaster (a lossy pair prices
 * products in currencies schema v1 cannot carry), and {@link Builder#walk} what the steps change:
 * the traffic share, or the writer's cohorts (dev, employees, 1%, 100%).
 *
 * <p>On the embedded cache both runtimes run in this JVM; with {@link Builder#memcached(String)} or
 * {@link Builder#redis(String)} each runs in a worker process of its own (on JDK 17 and JDK 25 when
 * both are installed under {@code /usr/lib/jvm}), started from {@link
 * Builder#workerClassPath(String)}.
 *
 * <pre>{@code
 * RehearsalReport report = Rehearsal.newBuilder()
 *     .duration(Duration.ofSeconds(20)).seed(1)
 *     .progress((done, scenario, step) -> bar.show(done))
 *     .build().run();
 * report.writeText(System.out);
 * }</pre>
 */
public final class Rehearsal {
  /** The steps' time of a run unless set: a default run takes under one minute. */
  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(40);

  static final Duration MINIMUM_STEP = Duration.ofMillis(100);
  private static final Pattern HOST_PORT =
      Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):(\\d{1,5})");

  final Duration duration;
  final long seed;
  final @Nullable String memcached;
  final @Nullable String redis;
  final String workerClassPath;
  final @Nullable Path oldJavaHome;
  final @Nullable Path newJavaHome;
  final RehearsalProgress progress;
  final Workload workload;
  final List<Strategy> strategies;
  final @Nullable Strategy rollback;
  final @Nullable Double maxCpuRegressionPercent;
  final ProductPair pair;
  final Walk walk;

  private Rehearsal(Builder builder, Workload workload) {
    this.duration = builder.duration == null ? DEFAULT_DURATION : builder.duration;
    this.seed = workload.seed();
    this.memcached = builder.memcached;
    this.redis = builder.redis;
    this.workerClassPath =
        builder.workerClassPath == null
            ? System.getProperty("java.class.path", "")
            : builder.workerClassPath;
    this.oldJavaHome = builder.oldJavaHome;
    this.newJavaHome = builder.newJavaHome;
    this.progress = builder.progress == null ? RehearsalProgress.none() : builder.progress;
    this.workload = workload;
    this.strategies = builder.strategies == null ? List.of(Strategy.values()) : builder.strategies;
    this.rollback = builder.rollbackSet ? builder.rollback : Strategy.DUAL_WRITE;
    this.maxCpuRegressionPercent = builder.maxCpuRegressionPercent;
    this.pair = builder.pair == null ? ProductPair.DEFAULT : builder.pair;
    this.walk = builder.walk == null ? Walk.TRAFFIC : builder.walk;
  }

  /** The scenarios this rehearsal runs, in order. */
  List<Plan.ScenarioPlan> plans() {
    return Plan.scenarios(strategies, walk == Walk.COHORTS ? null : rollback, walk);
  }

  /** Starts a rehearsal. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Runs every scenario and returns the figures. Blocks for about the {@link Builder#duration},
   * plus the time to start the runtimes and warm the cache before each scenario.
   *
   * @throws RehearsalException if a worker process cannot be started or fails, or a cache operation
   *     hangs
   */
  public RehearsalReport run() {
    return new Coordinator(this).run();
  }

  @Override
  public String toString() {
    return "Rehearsal{"
        + duration
        + ", seed "
        + seed
        + ", "
        + (memcached != null
            ? "memcached " + memcached
            : redis != null ? "redis " + redis : "embedded")
        + ", pair "
        + pair.label()
        + ", walk "
        + walk.label()
        + "}";
  }

  /**
   * Settings of a {@link Rehearsal}; each may be set once, and {@link #build()} checks the whole.
   */
  public static final class Builder {
    private @Nullable Duration duration;
    private @Nullable Long seed;
    private @Nullable String memcached;
    private @Nullable String redis;
    private @Nullable String workerClassPath;
    private @Nullable Path oldJavaHome;
    private @Nullable Path newJavaHome;
    private @Nullable RehearsalProgress progress;
    private @Nullable Integer keys;
    private @Nullable Integer threadsPerRuntime;
    private @Nullable Integer requestsPerSecond;
    private @Nullable Integer writePercent;
    private @Nullable List<Strategy> strategies;
    private @Nullable Strategy rollback;
    private boolean rollbackSet;
    private @Nullable Double maxCpuRegressionPercent;
    private @Nullable ProductPair pair;
    private @Nullable Walk walk;

    private Builder() {}

    /**
     * The time given to the steps of all scenarios together, split evenly between the steps; 40 s
     * unless set. Each step must get at least 100 ms.
     */
    public Builder duration(Duration duration) {
      once(this.duration, "duration");
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()
          || duration.isZero()
          || duration.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "duration must be over 0 and at most 1 hour, was " + duration);
      }
      this.duration = duration;
      return this;
    }

    /** The seed of key popularity, of every request thread's choices and of the content; 1. */
    public Builder seed(long seed) {
      once(this.seed, "seed");
      this.seed = seed;
      return this;
    }

    /**
     * A real memcached server, as {@code HOST:PORT} ({@code [::1]:11211} for IPv6), instead of the
     * embedded cache; each runtime then runs in a worker process of its own.
     *
     * @throws IllegalArgumentException if the text is not {@code HOST:PORT} with a port 1 to 65535
     */
    public Builder memcached(String hostPort) {
      once(this.memcached, "memcached");
      this.memcached = hostPort("memcached", hostPort, "127.0.0.1:11211");
      return this;
    }

    /**
     * A real Redis server, as {@code HOST:PORT}, through Lettuce ({@code transport.client:
     * lettuce}), instead of the embedded cache; each runtime then runs in a worker process of its
     * own.
     *
     * @throws IllegalArgumentException if the text is not {@code HOST:PORT} with a port 1 to 65535
     */
    public Builder redis(String hostPort) {
      once(this.redis, "redis");
      this.redis = hostPort("redis", hostPort, "127.0.0.1:6379");
      return this;
    }

    private static String hostPort(String what, String hostPort, String example) {
      Objects.requireNonNull(hostPort, "hostPort");
      Matcher m = HOST_PORT.matcher(hostPort);
      if (!m.matches()
          || Integer.parseInt(m.group(2)) < 1
          || Integer.parseInt(m.group(2)) > 65535) {
        throw new IllegalArgumentException(
            "%s must be HOST:PORT with a port 1 to 65535, such as %s; was '%s'"
                .formatted(what, example, hostPort));
      }
      return hostPort;
    }

    /**
     * The class path the worker processes start with (with {@link #memcached} or {@link #redis}): a
     * path holding this module and its dependencies, such as the CLI's shaded jar; this JVM's
     * {@code java.class.path} unless set.
     */
    public Builder workerClassPath(String classPath) {
      once(this.workerClassPath, "workerClassPath");
      Objects.requireNonNull(classPath, "classPath");
      if (classPath.isBlank()) {
        throw new IllegalArgumentException("workerClassPath is empty");
      }
      this.workerClassPath = classPath;
      return this;
    }

    /**
     * The Java homes of the old and the new runtime's worker processes; unless set, JDK 17 and JDK
     * 25 from {@code /usr/lib/jvm} when both are there, else this JVM's home for both.
     */
    public Builder javaHomes(Path oldRuntime, Path newRuntime) {
      once(this.oldJavaHome, "javaHomes");
      this.oldJavaHome = Objects.requireNonNull(oldRuntime, "oldRuntime");
      this.newJavaHome = Objects.requireNonNull(newRuntime, "newRuntime");
      return this;
    }

    /** Told how far the run has come, for a progress bar; nobody unless set. */
    public Builder progress(RehearsalProgress progress) {
      once(this.progress, "progress");
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** The number of keys, 100 to 1,000,000; 10,000 unless set. */
    public Builder keys(int keys) {
      once(this.keys, "keys");
      if (keys < 100 || keys > 1_000_000) {
        throw new IllegalArgumentException("keys must be 100 to 1,000,000, was " + keys);
      }
      this.keys = keys;
      return this;
    }

    /** Request threads of each runtime, 1 to 64; 4 unless set. */
    public Builder threadsPerRuntime(int threads) {
      once(this.threadsPerRuntime, "threadsPerRuntime");
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threadsPerRuntime must be 1 to 64, was " + threads);
      }
      this.threadsPerRuntime = threads;
      return this;
    }

    /**
     * The request rate of both runtimes together, split by the traffic share, 10 to 1,000,000 per
     * second; 4,000 unless set.
     */
    public Builder requestsPerSecond(int rate) {
      once(this.requestsPerSecond, "requestsPerSecond");
      if (rate < 10 || rate > 1_000_000) {
        throw new IllegalArgumentException(
            "requestsPerSecond must be 10 to 1,000,000, was " + rate);
      }
      this.requestsPerSecond = rate;
      return this;
    }

    /**
     * The share of requests that update or delete in the source of truth (one version in 32 is a
     * deletion), 0 to 50 percent; 5 unless set. The rest are reads.
     */
    public Builder writePercent(int percent) {
      once(this.writePercent, "writePercent");
      if (percent < 0 || percent > 50) {
        throw new IllegalArgumentException("writePercent must be 0 to 50, was " + percent);
      }
      this.writePercent = percent;
      return this;
    }

    /** The strategies to compare, in this order; all of them unless set. */
    public Builder strategies(Strategy... strategies) {
      once(this.strategies, "strategies");
      EnumSet<Strategy> seen = EnumSet.noneOf(Strategy.class);
      List<Strategy> list = new ArrayList<>();
      for (Strategy strategy : strategies) {
        if (!seen.add(Objects.requireNonNull(strategy, "strategy"))) {
          throw new IllegalArgumentException("strategy " + strategy + " is listed twice");
        }
        list.add(strategy);
      }
      if (list.isEmpty()) {
        throw new IllegalArgumentException("strategies is empty: list at least one");
      }
      this.strategies = List.copyOf(list);
      return this;
    }

    /**
     * The strategy of the extra run that rolls back from 50% to 10% and forward again, or null for
     * none; {@link Strategy#DUAL_WRITE} unless set.
     */
    public Builder rollback(@Nullable Strategy strategy) {
      if (rollbackSet) {
        throw new IllegalStateException("rollback was already set to " + rollback);
      }
      this.rollback = strategy;
      this.rollbackSet = true;
      return this;
    }

    /**
     * The largest CPU regression per request of the new runtime allowed, in percent (5 for 5%;
     * negative to require an improvement), more than -100 and at most 1,000; none unless set. The
     * report's {@link RehearsalReport.CpuComparison#regressionExceeded()} says whether the new
     * runtime is slower by more than this with 95% confidence.
     */
    public Builder maxCpuRegression(double percent) {
      once(this.maxCpuRegressionPercent, "maxCpuRegression");
      if (!(percent > -100 && percent <= 1000)) {
        throw new IllegalArgumentException(
            "maxCpuRegression must be over -100 and at most 1,000 percent, was " + percent);
      }
      this.maxCpuRegressionPercent = percent;
      return this;
    }

    /**
     * The new runtime's upcaster and downcaster, and with them the currencies of the source of
     * truth; {@link ProductPair#DEFAULT} (lossless) unless set.
     */
    public Builder pair(ProductPair pair) {
      once(this.pair, "pair");
      this.pair = Objects.requireNonNull(pair, "pair");
      return this;
    }

    /**
     * What the steps change: the traffic share ({@link Walk#TRAFFIC}, unless set), or the writer's
     * cohorts ({@link Walk#COHORTS}: one scenario per framework strategy, no rollback run).
     */
    public Builder walk(Walk walk) {
      once(this.walk, "walk");
      this.walk = Objects.requireNonNull(walk, "walk");
      return this;
    }

    /**
     * Checks the settings together and returns the rehearsal.
     *
     * @throws IllegalArgumentException if the duration gives a step less than 100 ms, the cohort
     *     walk is given a rollback or no framework strategy, or both memcached and redis are set
     */
    public Rehearsal build() {
      if (memcached != null && redis != null) {
        throw new IllegalArgumentException(
            "memcached and redis are both set (%s, %s): choose one cache"
                .formatted(memcached, redis));
      }
      Workload workload =
          new Workload(
              keys == null ? 10_000 : keys,
              0.99,
              threadsPerRuntime == null ? 4 : threadsPerRuntime,
              requestsPerSecond == null ? 4_000 : requestsPerSecond,
              (writePercent == null ? 5 : writePercent) / 100.0,
              seed == null ? 1 : seed);
      Rehearsal rehearsal = new Rehearsal(this, workload);
      if (rehearsal.walk == Walk.COHORTS && rollbackSet && rollback != null) {
        throw new IllegalArgumentException(
            "the cohort walk has no rollback run; leave rollback unset or set it to null");
      }
      List<Plan.ScenarioPlan> plans = rehearsal.plans();
      if (plans.isEmpty()) {
        throw new IllegalArgumentException(
            "the cohort walk needs a framework strategy (SPLIT, READ_FALLBACK or DUAL_WRITE);"
                + " NAIVE has no writer");
      }
      int steps = plans.stream().mapToInt(plan -> plan.steps().size()).sum();
      Duration step = rehearsal.duration.dividedBy(steps);
      if (step.compareTo(MINIMUM_STEP) < 0) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "duration %s gives %d steps of %d ms; give at least %d ms (100 ms per step)",
                rehearsal.duration,
                steps,
                step.toMillis(),
                MINIMUM_STEP.toMillis() * steps));
      }
      return rehearsal;
    }

    private static void once(@Nullable Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }
  }
}
