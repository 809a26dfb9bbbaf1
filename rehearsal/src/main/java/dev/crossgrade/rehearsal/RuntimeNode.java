package dev.crossgrade.rehearsal;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.Phase;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One runtime of the rehearsal, wherever it runs (in the coordinator's JVM or in a worker process):
 * it deploys its cache for each scenario, and during each step runs its request threads at its
 * share of the traffic, checking every value it is served against the source of truth.
 *
 * @param <V> the runtime's value type
 */
final class RuntimeNode<V> {
  static final String KEYSPACE = "products";
  private static final long MAX_LAG_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Side<V> side;
  private final Workload workload;
  private final VersionStore truth;
  private final Catalog catalog;
  private final Zipf zipf;
  private final String[] keys;
  private final StepCounters.Observer observer;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stop;
  private @Nullable ProductCache<V> cache;
  private volatile @Nullable StepCounters counters;
  private long streams;

  RuntimeNode(Side<V> side, Workload workload, VersionStore truth) {
    this.side = side;
    this.workload = workload;
    this.truth = truth;
    this.catalog = new Catalog(workload.seed(), side.pair());
    this.zipf = new Zipf(workload.keys(), workload.zipfExponent(), workload.seed());
    this.keys = new String[workload.keys()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = Catalog.key(i);
    }
    this.observer = new StepCounters.Observer(new StepCounters(1, 1));
  }

  Side<V> side() {
    return side;
  }

  /**
   * The rollout config of a scenario: both runtimes, one keyspace, in {@code phase}, the new
   * runtime writing the new format for {@code writer}'s cohorts and percentage.
   */
  static String rolloutYaml(String prefix, Phase phase, Plan.Writer writer) {
    return """
        version: 1
        prefix: %s
        capabilities: {ttl: 10s, refresh: 1s}
        leaseTtl: 5s
        transport: {timeout: 1s}
        runtimes:
          - {name: %s, generation: 1}
          - {name: %s, generation: 2}
        keyspaces:
          - name: %s
            from: %s
            to: %s
            phase: %s
            ttl: 10m
            writer: {codec: kryo5, schemaVersion: 2, %spercent: %d, stickiness: key}
        """
        .formatted(
            prefix,
            Side.OLD_RUNTIME,
            Side.NEW_RUNTIME,
            KEYSPACE,
            Side.OLD_RUNTIME,
            Side.NEW_RUNTIME,
            phase.label(),
            writer.cohorts().isEmpty()
                ? ""
                : "cohorts: [" + String.join(", ", writer.cohorts()) + "], ",
            writer.percent());
  }

  /** Deploys this runtime's cache for a scenario, on {@code transport} under {@code prefix}. */
  void beginScenario(Strategy strategy, String prefix, CacheTransport transport) {
    endScenario();
    Phase phase = strategy.phase().orElse(null);
    if (phase == null) {
      cache =
          new NaiveCache<>(
              transport,
              prefix,
              side.codec(),
              bytes -> observedCounters().encoded(side.format() + " raw", bytes));
      return;
    }
    String source = "rehearsal-" + strategy.name();
    RolloutConfig config =
        RolloutConfig.parse(rolloutYaml(prefix, phase, Plan.Writer.EVERY_KEY), source);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    FrameworkCache.LossWatch loss = FrameworkCache.LossWatch.on(meters, KEYSPACE);
    Rollout rollout = Rollout.newBuilder().config(config).meterRegistry(meters).build();
    VersionedCache.Builder<String, V> builder =
        VersionedCache.<String, V>newBuilder()
            .keyspace(KEYSPACE)
            .runtime(side.runtime())
            .registry(side.registry(observer))
            .transport(transport)
            .rollout(rollout)
            .meterRegistry(meters);
    CodecRegistry<V> compatible = side.compatibleRegistry(observer);
    if (compatible != null) {
      builder.compatibleRegistry(compatible);
    }
    if (side.role() == Side.Role.NEW) {
      builder.cohorts(Cohorts.DECLARED, key -> Cohorts.current());
    }
    cache =
        new FrameworkCache<>(
            builder.build(),
            rollout,
            KEYSPACE,
            loss,
            (next, writer) -> RolloutConfig.parse(rolloutYaml(prefix, next, writer), source));
  }

  /** Runs the next scenario on {@code cache}: a cache of the caller's own, such as a broken one. */
  void beginScenario(ProductCache<V> cache) {
    endScenario();
    this.cache = cache;
  }

  private StepCounters observedCounters() {
    StepCounters current = counters;
    return current == null ? new StepCounters(1, 1) : current;
  }

  /**
   * Warms the cache with every key that exists, as a runtime that has served traffic for a while
   * has: one {@code set} per key, from several threads.
   */
  void prefill() {
    ProductCache<V> current = requireCache();
    StepCounters discard = new StepCounters(1, 1);
    observer.use(discard);
    counters = discard;
    int n = Math.max(8, 2 * workload.threadsPerRuntime());
    List<Thread> fillers = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int first = t;
      Thread filler =
          new Thread(
              () -> {
                for (int i = first; i < keys.length; i += n) {
                  V value = load(i);
                  if (value != null) {
                    try {
                      current.set(keys[i], value);
                    } catch (RuntimeException e) {
                      // the prefill only warms the cache; the steps count failures
                    }
                  }
                }
              },
              "rehearsal-" + side.role().label() + "-prefill-" + t);
      filler.setDaemon(true);
      filler.start();
      fillers.add(filler);
    }
    joinAll(fillers);
    counters = null;
  }

  /**
   * Starts this runtime's share of a step: moves its rollout to {@code phase} and {@code writer}
   * (unless the phase is null: naive), and runs its request threads at {@code sharePercent} of the
   * total request rate.
   */
  void startStep(
      @Nullable Phase phase, Plan.Writer writer, double sharePercent, int ticks, long tickNanos) {
    ProductCache<V> current = requireCache();
    if (!threads.isEmpty()) {
      throw new IllegalStateException("the previous step of " + side.runtime() + " still runs");
    }
    if (phase != null) {
      current.rollout(phase, writer);
    }
    StepCounters step = new StepCounters(ticks, tickNanos);
    observer.use(step);
    counters = step;
    stop = false;
    double rate = workload.requestsPerSecond() * sharePercent / 100.0;
    if (rate <= 0) {
      return;
    }
    int n = workload.threadsPerRuntime();
    long interval = Math.max(1, (long) (n * 1e9 / rate));
    long start = System.nanoTime();
    for (int t = 0; t < n; t++) {
      long first = start + interval * t / n;
      SplittableRandom mine =
          new SplittableRandom(mix(workload.seed(), side.role().ordinal(), streams++));
      Thread thread =
          new Thread(
              () -> run(current, step, mine, first, interval),
              "rehearsal-" + side.role().label() + "-" + t);
      thread.setDaemon(true);
      threads.add(thread);
    }
    threads.forEach(Thread::start);
  }

  /** Stops the step's request threads and returns what they counted. */
  StepStats stopStep() {
    stop = true;
    threads.forEach(LockSupport::unpark);
    joinAll(threads);
    threads.clear();
    StepCounters step = counters;
    if (step == null) {
      throw new IllegalStateException("no step was started on " + side.runtime());
    }
    StepStats stats = step.snapshot();
    counters = null;
    observer.use(new StepCounters(1, 1));
    return stats;
  }

  /** Closes the scenario's cache (and rollout); the transport stays open. */
  void endScenario() {
    if (!threads.isEmpty()) {
      stopStep();
    }
    ProductCache<V> current = cache;
    cache = null;
    if (current != null) {
      current.close();
    }
  }

  private ProductCache<V> requireCache() {
    ProductCache<V> current = cache;
    if (current == null) {
      throw new IllegalStateException("no scenario was begun on " + side.runtime());
    }
    return current;
  }

  private void run(
      ProductCache<V> current,
      StepCounters step,
      SplittableRandom random,
      long first,
      long interval) {
    long cpuBefore = cpuTime();
    int tick = step.tick();
    long next = first;
    try {
      while (!stop) {
        long wait = next - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
          continue;
        }
        request(current, step, random);
        int ended = step.tick();
        if (ended != tick) {
          long cpu = cpuTime();
          step.cpu(tick, cpu - cpuBefore);
          cpuBefore = cpu;
          tick = ended;
        }
        next += interval;
        long now = System.nanoTime();
        if (now - next > MAX_LAG_NANOS) {
          next = now;
        }
      }
    } finally {
      step.cpu(tick, cpuTime() - cpuBefore);
    }
  }

  /** A well-mixed seed for request stream {@code stream} of runtime {@code role}. */
  static long mix(long seed, int role, long stream) {
    long z = seed + 0x9E3779B97F4A7C15L * (1 + role + 2 * stream);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long cpuTime() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : 0L;
  }

  private @Nullable V load(int index) {
    return side.valueAt(catalog, index, truth.current(index));
  }

  private void request(ProductCache<V> current, StepCounters step, SplittableRandom random) {
    int index = zipf.next(random);
    String key = keys[index];
    boolean write = random.nextDouble() < workload.writeFraction();
    Cohorts.serve(Cohorts.of(random.nextDouble()));
    long start = System.nanoTime();
    try {
      if (write) {
        write(current, step, index, key);
      } else {
        read(current, step, index, key);
      }
    } finally {
      step.request(step.tick());
      step.latency.record(System.nanoTime() - start);
    }
  }

  private void write(ProductCache<V> current, StepCounters step, int index, String key) {
    boolean[] deleted = {false};
    try {
      truth.update(
          index,
          version -> {
            V value = side.valueAt(catalog, index, version);
            if (value == null) {
              deleted[0] = true;
              current.delete(key);
            } else {
              StepCounters.traceWrite();
              try {
                current.set(key, value);
              } finally {
                Set<String> formats = StepCounters.endTrace();
                if (side.role() == Side.Role.NEW) {
                  step.cohortWrite(Cohorts.current(), formats.contains(side.format()));
                }
              }
            }
          });
    } catch (RuntimeException e) {
      step.error(e instanceof PayloadException, example(e, "could not write " + key + ": " + e));
    }
    (deleted[0] ? step.deletes : step.updates).increment();
  }

  private void read(ProductCache<V> current, StepCounters step, int index, String key) {
    long before = truth.completed(index);
    boolean lossSeen = current.provedLossy();
    boolean[] loaded = {false};
    Function<String, @Nullable V> loader =
        k -> {
          loaded[0] = true;
          return load(index);
        };
    V value;
    StepCounters.traceWrite();
    try {
      value = current.getOrLoad(key, loader);
    } catch (PayloadException e) {
      step.read(false);
      step.error(true, example(e, "could not read " + key + ": " + e.getMessage()));
      return;
    } catch (RuntimeException e) {
      step.read(false);
      step.error(false, example(e, "failed reading " + key + ": " + e));
      return;
    } finally {
      Set<String> formats = StepCounters.endTrace();
      // A fill after a load is a write too, when it ran on this thread (on memcached it may run on
      // the client's I/O thread, unseen here).
      if (loaded[0] && !formats.isEmpty() && side.role() == Side.Role.NEW) {
        step.cohortWrite(Cohorts.current(), formats.contains(side.format()));
      }
    }
    if (loaded[0]) {
      step.loads.increment();
    }
    step.read(!loaded[0] && value != null);
    check(step, index, before, lossSeen, value);
  }

  /**
   * Counts {@code value}, served for key {@code index} by a read that began when version {@code
   * before} was completed and, with {@code lossSeen}, after this runtime had seen its pair lose
   * data. A wrong value's example says which.
   */
  private void check(
      StepCounters step, int index, long before, boolean lossSeen, @Nullable V value) {
    ValueCheck.Violation violation =
        ValueCheck.check(side, catalog, index, before, truth.current(index), value);
    if (violation != null) {
      String when = "";
      boolean beforeLossSeen = false;
      if (!violation.stale() && side.role() == Side.Role.NEW && side.pair().lossy()) {
        beforeLossSeen = !lossSeen;
        when = lossSeen ? " after it saw the pair lose data" : " before it saw the pair lose data";
      }
      step.violation(
          violation.stale(),
          beforeLossSeen,
          "%s in the %s runtime%s: %s"
              .formatted(
                  (violation.stale() ? "stale value" : "wrong value"),
                  side.role().label(),
                  when,
                  violation.message()));
    }
  }

  /** An example of a failure, by kind and runtime: {@code decode error in the new runtime: ...}. */
  private String example(RuntimeException e, String message) {
    return "%s in the %s runtime: %s"
        .formatted(
            (e instanceof PayloadException ? "decode error" : "failure"),
            side.role().label(),
            message);
  }

  private static void joinAll(List<Thread> list) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (Thread thread : list) {
      try {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        thread.join(Math.max(1, left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RehearsalException("interrupted while stopping " + thread.getName(), e);
      }
      if (thread.isAlive()) {
        throw new RehearsalException(
            thread.getName() + " did not stop within 60 s; a cache operation hangs");
      }
    }
  }
}
