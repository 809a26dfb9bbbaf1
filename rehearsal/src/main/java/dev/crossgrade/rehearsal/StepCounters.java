package dev.crossgrade.rehearsal;

import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.PayloadObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** The live counters of one runtime during one step, written by its request threads. */
final class StepCounters {
  final LongAdder requests = new LongAdder();
  final LongAdder reads = new LongAdder();
  final LongAdder hits = new LongAdder();
  final LongAdder loads = new LongAdder();
  final LongAdder updates = new LongAdder();
  final LongAdder deletes = new LongAdder();
  final LongAdder decodeErrors = new LongAdder();
  final LongAdder otherFailures = new LongAdder();
  final LongAdder wrongValues = new LongAdder();
  final LongAdder staleValues = new LongAdder();
  final LongAdder wrongBeforeLossSeen = new LongAdder();
  final LongAdder absorbed = new LongAdder();
  final LongAdder cpuNanos = new LongAdder();
  final LatencyHistogram latency = new LatencyHistogram();
  private final Map<String, LongAdder[]> encoded = new ConcurrentHashMap<>();
  private final Map<String, LongAdder[]> cohortWrites = new ConcurrentHashMap<>();

  /** The formats that the calling thread's current write encoded, while one is traced. */
  private static final ThreadLocal<Set<String>> TRACE = new ThreadLocal<>();

  private final AtomicLongArray tickReads;
  private final AtomicLongArray tickHits;
  private final AtomicLongArray tickErrors;
  private final AtomicLongArray tickViolations;
  private final AtomicLongArray tickCpuNanos;
  private final AtomicLongArray tickRequests;
  private final List<String> examples = new ArrayList<>();
  private final long start;
  private final long tickNanos;
  private final int ticks;

  StepCounters(int ticks, long tickNanos) {
    this.ticks = ticks;
    this.tickNanos = Math.max(1, tickNanos);
    this.start = System.nanoTime();
    this.tickReads = new AtomicLongArray(ticks);
    this.tickHits = new AtomicLongArray(ticks);
    this.tickErrors = new AtomicLongArray(ticks);
    this.tickViolations = new AtomicLongArray(ticks);
    this.tickCpuNanos = new AtomicLongArray(ticks);
    this.tickRequests = new AtomicLongArray(ticks);
  }

  int tick() {
    long index = (System.nanoTime() - start) / tickNanos;
    return (int) Math.max(0, Math.min(ticks - 1, index));
  }

  void read(boolean hit) {
    reads.increment();
    int tick = tick();
    tickReads.incrementAndGet(tick);
    if (hit) {
      hits.increment();
      tickHits.incrementAndGet(tick);
    }
  }

  /** Counts a request that ended in {@code tick}. */
  void request(int tick) {
    requests.increment();
    tickRequests.incrementAndGet(tick);
  }

  /** Adds CPU time a request thread used during {@code tick}. */
  void cpu(int tick, long nanos) {
    cpuNanos.add(nanos);
    tickCpuNanos.addAndGet(tick, nanos);
  }

  void error(boolean decode, String example) {
    (decode ? decodeErrors : otherFailures).increment();
    tickErrors.incrementAndGet(tick());
    example(example);
  }

  /**
   * Counts a wrong or stale value; {@code beforeLossSeen} for a wrong one served by a read that
   * began before the new runtime had seen its pair lose data.
   */
  void violation(boolean stale, boolean beforeLossSeen, String example) {
    (stale ? staleValues : wrongValues).increment();
    if (!stale && beforeLossSeen) {
      wrongBeforeLossSeen.increment();
    }
    tickViolations.incrementAndGet(tick());
    example(example);
  }

  void encoded(String format, int bytes) {
    LongAdder[] sums =
        encoded.computeIfAbsent(format, f -> new LongAdder[] {new LongAdder(), new LongAdder()});
    sums[0].increment();
    sums[1].add(bytes);
  }

  /**
   * Counts a write (a {@code set}) of a request of {@code cohort}, and whether it wrote the new
   * format anywhere.
   */
  void cohortWrite(String cohort, boolean newFormat) {
    LongAdder[] counts =
        cohortWrites.computeIfAbsent(
            cohort, c -> new LongAdder[] {new LongAdder(), new LongAdder()});
    counts[newFormat ? 0 : 1].increment();
  }

  /** Starts noting the formats this thread encodes, for one write. */
  static void traceWrite() {
    TRACE.set(new TreeSet<>());
  }

  /**
   * Stops noting, and returns the formats (as {@code codec@vN}) encoded since {@link #traceWrite}.
   */
  static Set<String> endTrace() {
    Set<String> formats = TRACE.get();
    TRACE.remove();
    return formats == null ? Set.of() : formats;
  }

  /** Keeps the first example of each kind (the text up to the first colon). */
  private void example(String text) {
    synchronized (examples) {
      if (examples.size() < StepStats.MAX_EXAMPLES
          && examples.stream().noneMatch(e -> StepStats.sameKind(e, text))) {
        examples.add(text);
      }
    }
  }

  /** What the step counted so far. */
  StepStats snapshot() {
    Map<String, long[]> formats = new TreeMap<>();
    encoded.forEach(
        (format, sums) -> formats.put(format, new long[] {sums[0].sum(), sums[1].sum()}));
    List<String> texts;
    synchronized (examples) {
      texts = List.copyOf(examples);
    }
    return new StepStats(
        requests.sum(),
        reads.sum(),
        hits.sum(),
        loads.sum(),
        updates.sum(),
        deletes.sum(),
        decodeErrors.sum(),
        otherFailures.sum(),
        wrongValues.sum(),
        staleValues.sum(),
        wrongBeforeLossSeen.sum(),
        absorbed.sum(),
        cpuNanos.sum(),
        formats,
        latency.snapshot(),
        copy(tickReads),
        copy(tickHits),
        copy(tickErrors),
        copy(tickViolations),
        copy(tickCpuNanos),
        copy(tickRequests),
        texts,
        sums(cohortWrites));
  }

  private static Map<String, long[]> sums(Map<String, LongAdder[]> counters) {
    Map<String, long[]> out = new TreeMap<>();
    counters.forEach((name, pair) -> out.put(name, new long[] {pair[0].sum(), pair[1].sum()}));
    return out;
  }

  private static long[] copy(AtomicLongArray array) {
    long[] out = new long[array.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i);
    }
    return out;
  }

  /** Forwards a registry's events to whichever counters are current. */
  static final class Observer implements PayloadObserver {
    private volatile StepCounters current;

    Observer(StepCounters initial) {
      this.current = initial;
    }

    void use(StepCounters counters) {
      this.current = counters;
    }

    @Override
    public void encoded(CodecDescriptor codec, int schemaVersion, int payloadBytes, long nanos) {
      String format = codec.name() + "@v" + schemaVersion;
      current.encoded(format, payloadBytes);
      Set<String> trace = TRACE.get();
      if (trace != null) {
        trace.add(format);
      }
    }

    @Override
    public void decodeFailed(PayloadException failure, int payloadBytes) {
      current.absorbed.increment();
    }
  }
}
