package dev.crossgrade.router.internal.cache;

import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * The Micrometer meters of one {@link VersionedCache}. Every request is counted once per generation
 * it touched in {@value #REQUESTS}, tagged with keyspace, runtime, op, generation, outcome and
 * reason; latency per operation is in {@value #LATENCY}. Each meter is registered once, on first
 * use, into a slot of an array indexed by op, generation, outcome and reason: a request builds no
 * tags and looks nothing up by name. Without a meter registry nothing is counted at all.
 */
public final class CacheMetrics {
  public static final String REQUESTS = "crossgrade.cache.requests";
  public static final String LATENCY = "crossgrade.cache.latency";
  public static final String TRANSPORT_FAILURES = "crossgrade.cache.transport.failures";
  static final String NONE = "none";

  // Outcomes of crossgrade.cache.requests, as tagged (the names tests and dashboards use).
  public static final String HIT = Outcome.HIT.tag;
  public static final String MISS = Outcome.MISS.tag;
  public static final String FALLBACK_HIT = Outcome.FALLBACK_HIT.tag;
  public static final String UPCAST = Outcome.UPCAST.tag;
  public static final String DECODE_FAILURE = Outcome.DECODE_FAILURE.tag;
  public static final String SHADOW_MATCH = Outcome.SHADOW_MATCH.tag;
  public static final String SHADOW_MISMATCH = Outcome.SHADOW_MISMATCH.tag;
  public static final String HOLD_BACK = Outcome.HOLD_BACK.tag;
  static final String STORED = Outcome.STORED.tag;
  static final String NOT_STORED = Outcome.NOT_STORED.tag;
  static final String DELETED = Outcome.DELETED.tag;
  public static final String FAILED = Outcome.FAILED.tag;
  public static final String BACKFILL_UNDONE = Outcome.BACKFILL_UNDONE.tag;
  public static final String LOADED = Outcome.LOADED.tag;
  static final String SHADOW_READ = Outcome.SHADOW_READ.tag;
  public static final String LOSSY_DOWNCAST = Outcome.LOSSY_DOWNCAST.tag;
  static final String ENCODE_FAILURE = Outcome.ENCODE_FAILURE.tag;

  /** The ops of {@value #REQUESTS}, as the README lists them. */
  public static final List<String> OPS = Arrays.stream(Op.values()).map(op -> op.tag).toList();

  /** The operation a count belongs to. */
  enum Op {
    GET,
    GET_ALL,
    GET_OR_LOAD,
    SET,
    DELETE,
    FILL,
    BACKFILL,
    SHADOW,
    INVALIDATE;

    final String tag = name().toLowerCase(Locale.ROOT);
  }

  /** What happened. */
  public enum Outcome {
    HIT,
    MISS,
    FALLBACK_HIT,
    UPCAST,
    DECODE_FAILURE,
    SHADOW_READ,
    SHADOW_MATCH,
    SHADOW_MISMATCH,
    HOLD_BACK("capability_hold_back"),
    LOSSY_DOWNCAST,
    ENCODE_FAILURE,
    STORED,
    NOT_STORED,
    DELETED,
    FAILED,
    BACKFILL_UNDONE,
    LOADED;

    public final String tag;

    Outcome() {
      this.tag = name().toLowerCase(Locale.ROOT);
    }

    Outcome(String tag) {
      this.tag = tag;
    }
  }

  /** Why, where an outcome has more than one cause. */
  enum Reason {
    NONE,
    LEASE,
    NEWER_FORMAT,
    UNDERIVABLE,
    LOSSY_UPCAST,
    PENDING_INVALIDATION,
    TRANSPORT,
    CAPABILITY,
    INVALIDATION,
    RETRIED,
    PENDING_FULL,
    PROBE,
    LOSSY,
    NOT_READ_BACK,
    CANONICAL_FORM_ERROR,
    UPCASTER_ERROR,
    DOWNCASTER_ERROR,
    UNKNOWN_CODEC,
    UNSUPPORTED_SCHEMA_VERSION,
    CORRUPT,
    LIMIT_EXCEEDED,
    LEGACY_PAYLOAD,
    UNSUPPORTED_ENVELOPE,
    UNENCODABLE_VALUE,
    UNDERIVABLE_VALUE,
    TOO_LARGE;

    final String tag = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The reason of a payload failure, tagged with the failure kind's label. */
    static Reason of(PayloadException.Kind kind) {
      return valueOf(kind.name());
    }
  }

  private static final int OP_COUNT = Op.values().length;
  private static final int OUTCOMES = Outcome.values().length;
  private static final int REASONS = Reason.values().length;
  private static final String[] FAILURE_KINDS = {"error", "timeout", "interrupted", "too_large"};

  private final @Nullable MeterRegistry registry;
  private final String keyspace;
  private final String runtime;
  private final String transport;
  private final int gFrom;
  private final int gTo;
  private final AtomicReferenceArray<Counter> counters;
  private final AtomicReferenceArray<Timer> timers;
  private final AtomicReferenceArray<Counter> failures;

  /**
   * @param registry where meters go, or null for none
   * @param transport the transport's name, a tag of the failure counts
   * @param gFrom the old generation of the keyspace, or -1
   * @param gTo the new generation of the keyspace
   */
  CacheMetrics(
      @Nullable MeterRegistry registry,
      String keyspace,
      String runtime,
      String transport,
      int gFrom,
      int gTo) {
    this.registry = registry;
    this.keyspace = keyspace;
    this.runtime = runtime;
    this.transport = transport;
    this.gFrom = gFrom;
    this.gTo = gTo;
    int slots = registry == null ? 0 : OP_COUNT * 3 * OUTCOMES * REASONS;
    this.counters = new AtomicReferenceArray<>(slots);
    this.timers = new AtomicReferenceArray<>(registry == null ? 0 : OP_COUNT);
    this.failures =
        new AtomicReferenceArray<>(registry == null ? 0 : OP_COUNT * FAILURE_KINDS.length);
  }

  /** Counts one request outcome in one generation ({@code generation} below 0 for none). */
  void count(Op op, int generation, Outcome outcome, Reason reason) {
    if (registry == null) {
      return;
    }
    int g = generation == gTo ? 2 : generation >= 0 && generation == gFrom ? 1 : 0;
    int slot = ((op.ordinal() * 3 + g) * OUTCOMES + outcome.ordinal()) * REASONS + reason.ordinal();
    Counter counter = counters.get(slot);
    if (counter == null) {
      counter =
          Counter.builder(REQUESTS)
              .description("Cache requests by keyspace, generation and outcome")
              .tag("keyspace", keyspace)
              .tag("runtime", runtime)
              .tag("op", op.tag)
              .tag("generation", g == 0 ? NONE : "g" + (g == 2 ? gTo : gFrom))
              .tag("outcome", outcome.tag)
              .tag("reason", reason == Reason.NONE ? NONE : reason.tag)
              .register(registry);
      counters.set(slot, counter);
    }
    counter.increment();
  }

  void count(Op op, int generation, Outcome outcome) {
    count(op, generation, outcome, Reason.NONE);
  }

  /** Records how long one facade operation took. */
  void time(Op op, long nanos) {
    if (registry == null) {
      return;
    }
    Timer timer = timers.get(op.ordinal());
    if (timer == null) {
      timer =
          Timer.builder(LATENCY)
              .description("VersionedCache operation latency, loads included")
              .tag("keyspace", keyspace)
              .tag("runtime", runtime)
              .tag("op", op.tag)
              .register(registry);
      timers.set(op.ordinal(), timer);
    }
    timer.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The outcome of a write's status. */
  static Outcome outcome(GuardedTransport.Status status) {
    return switch (status) {
      case DONE -> Outcome.STORED;
      case REFUSED -> Outcome.NOT_STORED;
      case FAILED, TIMED_OUT -> Outcome.FAILED;
    };
  }

  /** Whether meters are recorded (operations skip taking the time otherwise). */
  boolean on() {
    return registry != null;
  }

  /** Counts a transport operation that failed or timed out (and became a miss). */
  void transportFailure(Op op, String kind) {
    if (registry == null) {
      return;
    }
    int k = 0;
    while (k < FAILURE_KINDS.length - 1 && !FAILURE_KINDS[k].equals(kind)) {
      k++;
    }
    int slot = op.ordinal() * FAILURE_KINDS.length + k;
    Counter counter = failures.get(slot);
    if (counter == null) {
      counter =
          Counter.builder(TRANSPORT_FAILURES)
              .description("Cache operations that failed or timed out and became misses")
              .tag("keyspace", keyspace)
              .tag("transport", transport)
              .tag("op", op.tag)
              .tag("kind", FAILURE_KINDS[k])
              .register(registry);
      failures.set(slot, counter);
    }
    counter.increment();
  }
}
