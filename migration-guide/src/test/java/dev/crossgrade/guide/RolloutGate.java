package dev.crossgrade.guide;

import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** The playbook's metrics: the reasons to stop a rollout step, and a sampled stale-read probe. */
final class RolloutGate {
  private RolloutGate() {}

  // tag::stale-probe[]
  // Reads through the cache and, for one read in `oneIn`, checks the value against the source of
  // truth; a cache cannot know that a value is stale, so the application counts it.
  static <K, V> @Nullable V getOrLoadProbed(
      VersionedCache<K, V> cache,
      K key,
      Function<? super K, ? extends @Nullable V> database,
      int oneIn,
      Counter staleReads) {
    V served = cache.getOrLoad(key, database);
    if (ThreadLocalRandom.current().nextInt(oneIn) == 0
        && !Objects.equals(served, database.apply(key))) {
      staleReads.increment();
    }
    return served;
  }

  // end::stale-probe[]

  // tag::gate[]
  // Reasons to stop the current step, from one runtime's meters and its cache's status. In
  // production, compute the same ratios over a window (say 10 minutes) in your metrics backend.
  static List<String> stopReasons(MeterRegistry meters, VersionedCache.Status status) {
    List<String> stop = new ArrayList<>();
    double reads = calls(meters, "get") + calls(meters, "get_or_load");
    for (String reason : List.of("unknown-codec", "unsupported-schema-version", "upcaster-error")) {
      double failures = requests(meters, "decode_failure", reason);
      if (failures > 0) {
        stop.add(format("%.0f reads met a format this runtime cannot read (%s)", failures, reason));
      }
    }
    double corrupt =
        requests(meters, "decode_failure", "corrupt")
            + requests(meters, "decode_failure", "limit-exceeded");
    if (corrupt > 0.0001 * reads) {
      stop.add(format("%.0f corrupt or oversized values in %.0f reads", corrupt, reads));
    }
    double mismatches = requests(meters, "shadow_mismatch", null);
    double compared = mismatches + requests(meters, "shadow_match", null);
    if (mismatches > 0.0001 * compared) {
      stop.add(format("%.0f shadow mismatches in %.0f comparisons", mismatches, compared));
    }
    Counter stale = meters.find("app.cache.stale_reads").counter();
    if (stale != null && stale.count() > 0) {
      stop.add(format("%.0f stale values served", stale.count()));
    }
    for (String holdBack : status.holdBacks()) {
      if (holdBack.contains("keys are invalidated")) {
        stop.add("a live reader reads nothing this runtime writes: " + holdBack);
      }
    }
    return stop;
  }

  // end::gate[]

  // tag::ratios[]
  // The share of reads served from the cache rather than loaded: hold a step while the new
  // runtime's is more than 10 points below the old one's.
  static double hitRatio(MeterRegistry meters) {
    double calls = calls(meters, "get_or_load");
    return calls == 0 ? 1 : 1 - requests(meters, "loaded", null) / calls;
  }

  // Of the reads that missed their own generation and looked in the old one, the share found
  // there (READ_FALLBACK and later): low while the old generation is cold, then it warms up.
  static double fallbackHitRatio(MeterRegistry meters, int oldGeneration) {
    double found = requests(meters, "fallback_hit", null);
    double missed =
        meters
            .find("crossgrade.cache.requests")
            .tag("outcome", "miss")
            .tag("generation", "g" + oldGeneration)
            .counters()
            .stream()
            .mapToDouble(Counter::count)
            .sum();
    return found + missed == 0 ? 0 : found / (found + missed);
  }

  // end::ratios[]

  // tag::gate[]

  static double requests(MeterRegistry meters, String outcome, @Nullable String reason) {
    var search = meters.find("crossgrade.cache.requests").tag("outcome", outcome);
    if (reason != null) {
      search = search.tag("reason", reason);
    }
    return search.counters().stream().mapToDouble(Counter::count).sum();
  }

  static double calls(MeterRegistry meters, String op) {
    return meters.find("crossgrade.cache.latency").tag("op", op).timers().stream()
        .mapToDouble(Timer::count)
        .sum();
  }

  private static String format(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  // end::gate[]
}
