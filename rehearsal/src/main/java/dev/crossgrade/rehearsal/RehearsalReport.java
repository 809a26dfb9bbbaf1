package dev.crossgrade.rehearsal;

import dev.crossgrade.router.Phase;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a {@link Rehearsal}: per scenario (a strategy, and the rollback run) and per step
 * of the rollout, the requests, hit ratio, loads, decode errors, wrong and stale values served and
 * latency; per runtime, CPU time per request and bytes per cached value; the new runtime's CPU per
 * request against the old one's with a confidence interval; and a timeline for charts. Immutable;
 * written as a text table, JSON or an HTML page with charts.
 */
public final class RehearsalReport {
  private final Settings settings;
  private final List<Scenario> scenarios;
  private final Duration elapsed;
  private final CpuComparison cpu;

  RehearsalReport(
      Settings settings, List<Scenario> scenarios, Duration elapsed, CpuComparison cpu) {
    this.settings = settings;
    this.scenarios = List.copyOf(scenarios);
    this.elapsed = elapsed;
    this.cpu = cpu;
  }

  /**
   * What was rehearsed.
   *
   * @param duration the time given to the steps of all scenarios together
   * @param seed the seed of the workload
   * @param keys the number of keys
   * @param zipfExponent the exponent of the Zipf popularity of keys
   * @param threadsPerRuntime request threads of each runtime
   * @param requestsPerSecond the request rate of both runtimes together
   * @param writeFraction the share of requests that update or delete
   * @param pair the new runtime's upcaster and downcaster, and the source's currencies
   * @param walk what the steps changed: the traffic share or the writer's cohorts
   * @param cache the cache: {@code embedded}, {@code memcached HOST:PORT} or {@code redis
   *     HOST:PORT}
   * @param oldRuntime the old runtime
   * @param newRuntime the new runtime
   */
  public record Settings(
      Duration duration,
      long seed,
      int keys,
      double zipfExponent,
      int threadsPerRuntime,
      int requestsPerSecond,
      double writeFraction,
      ProductPair pair,
      Walk walk,
      String cache,
      RuntimeInfo oldRuntime,
      RuntimeInfo newRuntime) {
    /** Checks for nulls. */
    public Settings {
      Objects.requireNonNull(duration, "duration");
      Objects.requireNonNull(pair, "pair");
      Objects.requireNonNull(walk, "walk");
      Objects.requireNonNull(cache, "cache");
      Objects.requireNonNull(oldRuntime, "oldRuntime");
      Objects.requireNonNull(newRuntime, "newRuntime");
    }
  }

  /**
   * One of the two runtimes.
   *
   * @param name its name in the rollout config, such as {@code shop-v1}
   * @param role {@code old} or {@code new}
   * @param schema the value type and schema version it works with
   * @param format the codec and schema version it writes, such as {@code kryo5@v2}
   * @param reads what it can read
   * @param javaVersion the Java version it ran on
   * @param where {@code this JVM}, or the Java home of its worker process
   */
  public record RuntimeInfo(
      String name,
      String role,
      String schema,
      String format,
      String reads,
      String javaVersion,
      String where) {}

  /**
   * Counts over some requests.
   *
   * @param requests reads, updates and deletes
   * @param reads getOrLoad calls
   * @param hits reads served from the cache, without calling the loader
   * @param loads reads that loaded from the source of truth
   * @param updates updates of the source of truth
   * @param deletes deletions from the source of truth
   * @param decodeErrors reads whose caller got a decode error
   * @param otherFailures requests whose caller got any other exception
   * @param wrongValues reads served a value that the key never had at that version
   * @param staleValues reads served a version older than one whose write had completed
   * @param wrongBeforeLossSeen of the wrong values, those served by reads of the new runtime that
   *     began before it had seen its upcaster and downcaster lose data (a downcast that read back
   *     as another value), after which it serves no upcast value: the window in which an upcaster's
   *     guess looks like data
   * @param absorbedDecodeFailures payloads that the framework could not read and treated as a miss
   * @param p50 the median request latency
   * @param p99 the 99th percentile request latency
   * @param cpuMicrosPerRequest CPU time of the request threads per request, in microseconds; 0 when
   *     there were no requests
   * @param writesByCohort per cohort of the request, the new runtime's writes ({@code set} after
   *     the source changed) that wrote the new format in some generation, and those that did not
   */
  public record Figures(
      long requests,
      long reads,
      long hits,
      long loads,
      long updates,
      long deletes,
      long decodeErrors,
      long otherFailures,
      long wrongValues,
      long staleValues,
      long wrongBeforeLossSeen,
      long absorbedDecodeFailures,
      Duration p50,
      Duration p99,
      double cpuMicrosPerRequest,
      Map<String, CohortWrites> writesByCohort) {

    /** Copies the map, sorted by cohort. */
    public Figures {
      writesByCohort = Collections.unmodifiableMap(new TreeMap<>(writesByCohort));
    }

    /** The share of reads served from the cache, 0 to 1; 0 when there were no reads. */
    public double hitRatio() {
      return reads == 0 ? 0 : (double) hits / reads;
    }

    /** Wrong and stale values served. */
    public long wrongOrStaleValues() {
      return wrongValues + staleValues;
    }

    /** Everything a caller got that it should not have: errors, wrong and stale values. */
    public long faultsServed() {
      return decodeErrors + otherFailures + wrongValues + staleValues;
    }

    static Figures of(StepStats stats) {
      return new Figures(
          stats.requests(),
          stats.reads(),
          stats.hits(),
          stats.loads(),
          stats.updates(),
          stats.deletes(),
          stats.decodeErrors(),
          stats.otherFailures(),
          stats.wrongValues(),
          stats.staleValues(),
          stats.wrongBeforeLossSeen(),
          stats.absorbedDecodeFailures(),
          Duration.ofNanos(LatencyHistogram.quantile(stats.latency(), 0.50)),
          Duration.ofNanos(LatencyHistogram.quantile(stats.latency(), 0.99)),
          stats.requests() == 0 ? 0 : stats.cpuNanos() / 1000.0 / stats.requests(),
          cohortWrites(stats.cohortWrites()));
    }

    private static Map<String, CohortWrites> cohortWrites(Map<String, long[]> selections) {
      Map<String, CohortWrites> out = new TreeMap<>();
      selections.forEach(
          (cohort, counts) -> out.put(cohort, new CohortWrites(counts[0], counts[1])));
      return out;
    }
  }

  /**
   * The writes of one cohort in a step: those that wrote the new format (in some generation), and
   * the others, as the new runtime's codec registries encoded them.
   *
   * @param newFormat writes that wrote the new format
   * @param other writes that did not
   */
  public record CohortWrites(long newFormat, long other) {
    /** All writes. */
    public long writes() {
      return newFormat + other;
    }

    /** The share written in the new format, 0 to 1; 0 without writes. */
    public double newFormatShare() {
      return writes() == 0 ? 0 : (double) newFormat / writes();
    }
  }

  /**
   * One step of a rollout: a traffic share of the new runtime in a phase.
   *
   * @param label such as {@code 10%}, {@code rollback to 10%} or {@code unified}
   * @param phase the rollout phase, or null for {@link Strategy#NAIVE}
   * @param newSharePercent the new runtime's share of the traffic
   * @param writerCohorts the cohorts whose keys the new runtime wrote in the new format
   * @param writerPercent the share of the other keys it wrote in the new format
   * @param duration how long the step ran
   * @param all both runtimes together
   * @param oldRuntime the old runtime alone
   * @param newRuntime the new runtime alone
   */
  public record Step(
      String label,
      @Nullable Phase phase,
      int newSharePercent,
      List<String> writerCohorts,
      int writerPercent,
      Duration duration,
      Figures all,
      Figures oldRuntime,
      Figures newRuntime) {
    /** Copies the list. */
    public Step {
      writerCohorts = List.copyOf(writerCohorts);
    }

    /** Whether both runtimes served traffic in this step. */
    public boolean bothLive() {
      return newSharePercent > 0 && newSharePercent < 100;
    }
  }

  /**
   * What one runtime cost in one scenario.
   *
   * @param runtime the runtime's name
   * @param role {@code old} or {@code new}
   * @param javaVersion the Java version it ran on
   * @param requests the requests it served
   * @param cpuMicrosPerRequest CPU time of its request threads per request, in microseconds
   * @param bytesPerValue per format written ({@code kryo5@v2}, or {@code kryo5@v2 raw} without the
   *     framework's envelope), the mean size of a cached value in bytes
   */
  public record RuntimeFigures(
      String runtime,
      String role,
      String javaVersion,
      long requests,
      double cpuMicrosPerRequest,
      Map<String, Double> bytesPerValue) {
    /** Copies the map. */
    public RuntimeFigures {
      bytesPerValue = Map.copyOf(new TreeMap<>(bytesPerValue));
    }
  }

  /**
   * CPU time per request of the new runtime against the old one's, with 95% confidence intervals:
   * thread CPU time of each runtime's request threads (per runtime, keyspace and codec), measured
   * per tick of the steps of the framework strategies in which both serve half the traffic (the
   * same time, rate and phase), paired by tick, in windows where each served at least {@value
   * CpuVerdict#MIN_REQUESTS} requests; {@link Strategy#NAIVE} is left out, its errors being cheaper
   * than reads.
   *
   * @param keyspace the keyspace measured
   * @param oldRuntime the old runtime's name
   * @param oldCodec the format the old runtime writes, such as {@code kryo4@v1}
   * @param oldJava the Java version the old runtime ran on
   * @param newRuntime the new runtime's name
   * @param newCodec the format the new runtime writes
   * @param newJava the Java version the new runtime ran on
   * @param steps the number of paired measurements, windows (n)
   * @param oldMicros the old runtime's mean CPU microseconds per request over those windows
   * @param oldHalfWidth half the width of its 95% interval; NaN when n is under 2
   * @param newMicros the new runtime's mean CPU microseconds per request
   * @param newHalfWidth half the width of its 95% interval
   * @param changePercent the new runtime's CPU per request against the old one's, in percent
   *     (negative: cheaper), from the ratio of the means
   * @param changeHalfWidthPercent half the width of its 95% interval, in percentage points
   * @param scenarios the change in each scenario alone
   * @param maxRegressionPercent the largest regression allowed, or null when none was set
   * @param instructions whether hardware instruction counts were taken, and if not, why
   */
  public record CpuComparison(
      String keyspace,
      String oldRuntime,
      String oldCodec,
      String oldJava,
      String newRuntime,
      String newCodec,
      String newJava,
      int steps,
      double oldMicros,
      double oldHalfWidth,
      double newMicros,
      double newHalfWidth,
      double changePercent,
      double changeHalfWidthPercent,
      List<ScenarioCpu> scenarios,
      @Nullable Double maxRegressionPercent,
      String instructions) {
    /** Copies the list. */
    public CpuComparison {
      scenarios = List.copyOf(scenarios);
    }

    /** Whether there were enough windows (2 or more) for an interval. */
    public boolean hasInterval() {
      return steps >= 2 && !Double.isNaN(changeHalfWidthPercent);
    }

    /**
     * Whether the new runtime is slower than the old by more than {@link #maxRegressionPercent}
     * with 95% confidence: the interval's lower end is above it.
     */
    public boolean regressionExceeded() {
      return maxRegressionPercent != null
          && hasInterval()
          && changePercent - changeHalfWidthPercent > maxRegressionPercent;
    }

    /** The verdict, such as {@code new runtime: −12 % ± 3 % CPU per request (95 % CI, n = 10)}. */
    public String line() {
      return CpuVerdict.line(this);
    }

    /** What the threshold says, or empty when none was set. */
    public String thresholdLine() {
      return CpuVerdict.thresholdLine(this);
    }
  }

  /**
   * The new runtime's CPU per request against the old one's in one scenario alone.
   *
   * @param scenario the scenario's name
   * @param windows the paired measurements in it
   * @param changePercent the change in percent, NaN when not measured
   * @param changeHalfWidthPercent half the width of its 95% interval; NaN under 2 windows
   */
  public record ScenarioCpu(
      String scenario, int windows, double changePercent, double changeHalfWidthPercent) {}

  /**
   * One point of the timeline of a scenario.
   *
   * @param at the time since the scenario's first step began
   * @param step the label of the step
   * @param reads the reads in this interval
   * @param hitRatio the share of those reads served from the cache, 0 to 1
   * @param errors decode errors and other failures that reached a caller in this interval
   * @param wrongOrStale wrong and stale values served in this interval
   */
  public record Sample(
      Duration at, String step, long reads, double hitRatio, long errors, long wrongOrStale) {}

  /**
   * One rehearsed rollout with one strategy.
   *
   * @param name the strategy's name, with {@code with rollback} for the rollback run
   * @param strategy the strategy
   * @param rollback whether this run rolls back from 50% to 10%
   * @param steps the steps in order
   * @param transition every step in which both runtimes served traffic, together
   * @param total every step together
   * @param runtimes the cost of each runtime
   * @param timeline counts per interval, for charts
   * @param examples up to a few descriptions of errors, wrong or stale values served
   */
  public record Scenario(
      String name,
      Strategy strategy,
      boolean rollback,
      List<Step> steps,
      Figures transition,
      Figures total,
      List<RuntimeFigures> runtimes,
      List<Sample> timeline,
      List<String> examples) {
    /** Copies the lists. */
    public Scenario {
      steps = List.copyOf(steps);
      runtimes = List.copyOf(runtimes);
      timeline = List.copyOf(timeline);
      examples = List.copyOf(examples);
    }

    /** The step labelled {@code label}, the first if there are several. */
    public Optional<Step> step(String label) {
      return steps.stream().filter(step -> step.label().equals(label)).findFirst();
    }
  }

  /** What was rehearsed. */
  public Settings settings() {
    return settings;
  }

  /** Every scenario, in the order they ran. */
  public List<Scenario> scenarios() {
    return scenarios;
  }

  /**
   * The run of {@code strategy} without rollback.
   *
   * @throws IllegalArgumentException if the strategy was not rehearsed
   */
  public Scenario scenario(Strategy strategy) {
    return scenarios.stream()
        .filter(scenario -> scenario.strategy() == strategy && !scenario.rollback())
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException(strategy + " was not rehearsed in this run"));
  }

  /** The run that rolls back from 50% to 10%, if there was one. */
  public Optional<Scenario> rollbackScenario() {
    return scenarios.stream().filter(Scenario::rollback).findFirst();
  }

  /** The new runtime's CPU per request against the old one's, with confidence intervals. */
  public CpuComparison cpu() {
    return cpu;
  }

  /** How long the whole rehearsal took, starting the runtimes and warming the caches included. */
  public Duration elapsed() {
    return elapsed;
  }

  /** Writes the text tables: one row per strategy and step, then the runtimes' costs. */
  public void writeText(Appendable out) throws IOException {
    TextReport.write(this, out);
  }

  /** Writes every figure as one JSON object. */
  public void writeJson(Appendable out) throws IOException {
    JsonReport.write(this, out);
  }

  /**
   * Writes a self-contained HTML page: the tables, and charts of the hit ratio and of the errors
   * over time per strategy as inline SVG, without scripts or external resources.
   */
  public void writeHtml(Appendable out) throws IOException {
    HtmlReport.write(this, out);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    try {
      writeText(out);
    } catch (IOException e) {
      throw new AssertionError("a StringBuilder does not throw", e);
    }
    return out.toString();
  }
}
