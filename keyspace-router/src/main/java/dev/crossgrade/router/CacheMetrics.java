package dev.crossgrade.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Micrometer meters of one {@link VersionedCache}. Every request is counted once per generation
 * it touched in {@value #REQUESTS}, tagged with keyspace, runtime, op, generation, outcome and
 * reason; latency per operation is in {@value #LATENCY}.
 */
final class CacheMetrics {
  static final String REQUESTS = "crossgrade.cache.requests";
  static final String LATENCY = "crossgrade.cache.latency";
  static final String TRANSPORT_FAILURES = "crossgrade.cache.transport.failures";
  static final String NONE = "none";

  // Outcomes of crossgrade.cache.requests.
  static final String HIT = "hit";
  static final String MISS = "miss";
  static final String FALLBACK_HIT = "fallback_hit";
  static final String UPCAST = "upcast";
  static final String DECODE_FAILURE = "decode_failure";
  static final String SHADOW_MATCH = "shadow_match";
  static final String SHADOW_MISMATCH = "shadow_mismatch";
  static final String HOLD_BACK = "capability_hold_back";
  static final String STORED = "stored";
  static final String NOT_STORED = "not_stored";
  static final String DELETED = "deleted";
  static final String FAILED = "failed";
  static final String BACKFILL_UNDONE = "backfill_undone";
  static final String LOADED = "loaded";
  static final String SHADOW_READ = "shadow_read";
  static final String LOSSY_DOWNCAST = "lossy_downcast";

  private final MeterRegistry registry;
  private final String keyspace;
  private final String runtime;
  private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

  CacheMetrics(MeterRegistry registry, String keyspace, String runtime) {
    this.registry = registry;
    this.keyspace = keyspace;
    this.runtime = runtime;
  }

  MeterRegistry registry() {
    return registry;
  }

  /** Counts one request outcome in one generation ({@code generation} below 0 for none). */
  void count(String op, int generation, String outcome, String reason) {
    String id = op + '/' + generation + '/' + outcome + '/' + reason;
    counters
        .computeIfAbsent(
            id,
            unused ->
                Counter.builder(REQUESTS)
                    .description("Cache requests by keyspace, generation and outcome")
                    .tag("keyspace", keyspace)
                    .tag("runtime", runtime)
                    .tag("op", op)
                    .tag("generation", generation < 0 ? NONE : "g" + generation)
                    .tag("outcome", outcome)
                    .tag("reason", reason)
                    .register(registry))
        .increment();
  }

  void count(String op, int generation, String outcome) {
    count(op, generation, outcome, NONE);
  }

  /** Records how long one facade operation took. */
  void time(String op, long nanos) {
    timers
        .computeIfAbsent(
            op,
            unused ->
                Timer.builder(LATENCY)
                    .description("VersionedCache operation latency, loads included")
                    .tag("keyspace", keyspace)
                    .tag("runtime", runtime)
                    .tag("op", op)
                    .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts a transport operation that failed or timed out (and became a miss). */
  void transportFailure(String transport, String op, String kind) {
    String id = "transport/" + transport + '/' + op + '/' + kind;
    counters
        .computeIfAbsent(
            id,
            unused ->
                Counter.builder(TRANSPORT_FAILURES)
                    .description("Cache operations that failed or timed out and became misses")
                    .tag("keyspace", keyspace)
                    .tag("transport", transport)
                    .tag("op", op)
                    .tag("kind", kind)
                    .register(registry))
        .increment();
  }
}
