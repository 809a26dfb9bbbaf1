package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.KeyRouter;
import dev.crossgrade.router.RolloutConfig.Stickiness;
import dev.crossgrade.router.RolloutConfig.WriterSpec;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which keys a cache writes in the rolled-out writer format: those whose caller's cohort the config
 * lists ({@code writer: {cohorts: [dev, employees]}}), then those whose bucket is below the
 * percentage. So a rollout goes dev, employees, 1 % of users, 100 %, each step one line of YAML.
 *
 * <p>The cohort comes from the caller's function (for example the request's user, read from a
 * request-scoped context), from the cohorts the cache declared. A function that returns null, an
 * undeclared name or throws puts the key in no cohort: the percentage decides. Each decision is
 * counted in {@value #SELECTIONS}, tagged with the cohort ({@code none}, {@code undeclared} or
 * {@code error} otherwise) and whether the key was rolled out; the tags are bounded by the declared
 * cohorts. Thread-safe.
 *
 * @param <K> the key type
 */
public final class WriterSelection<K> {
  public static final String SELECTIONS = "crossgrade.cache.writer.selections";
  static final String NO_COHORT = "none";
  static final String UNDECLARED = "undeclared";
  static final String ERROR = "error";

  private static final Logger LOG = LoggerFactory.getLogger(VersionedCache.class);
  private static final long LOG_EVERY_NANOS = 5_000_000_000L;

  private final Set<String> declared;
  private final @Nullable Function<? super K, ? extends @Nullable String> cohortOf;
  private final @Nullable ToIntFunction<? super K> bucketOf;
  private final @Nullable MeterRegistry registry;
  private final String keyspace;
  private final String runtime;
  private final List<String> tags;
  private final Map<String, Integer> index;
  private final AtomicReferenceArray<Counter> counters;
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);

  /**
   * @param declared the cohorts the caller's function may return
   * @param cohortOf the caller's cohort of a key, or null without cohorts
   * @param bucketOf the caller's bucket of a key, for {@code stickiness: bucket}, or null
   * @param registry where decisions are counted, or null for nowhere
   */
  WriterSelection(
      Set<String> declared,
      @Nullable Function<? super K, ? extends @Nullable String> cohortOf,
      @Nullable ToIntFunction<? super K> bucketOf,
      @Nullable MeterRegistry registry,
      String keyspace,
      String runtime) {
    this.declared = Set.copyOf(new TreeSet<>(declared));
    this.cohortOf = cohortOf;
    this.bucketOf = bucketOf;
    this.registry = registry;
    this.keyspace = keyspace;
    this.runtime = runtime;
    List<String> all = new ArrayList<>(new TreeSet<>(declared));
    all.add(NO_COHORT);
    all.add(UNDECLARED);
    all.add(ERROR);
    this.tags = List.copyOf(all);
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      positions.put(all.get(i), i);
    }
    this.index = Map.copyOf(positions);
    this.counters = new AtomicReferenceArray<>(registry == null ? 0 : all.size() * 2);
  }

  /** The cohorts the caller's function may return, sorted. */
  Set<String> declared() {
    return new TreeSet<>(declared);
  }

  /** Whether {@code key}, whose logical key is {@code logical}, is written in the new format. */
  boolean rolledOut(WriterSpec writer, K key, String logical) {
    String cohort = NO_COHORT;
    boolean rolled = false;
    if (!writer.cohorts().isEmpty()) {
      cohort = cohort(key);
      rolled = writer.cohorts().contains(cohort);
    }
    if (!rolled) {
      rolled = bucket(writer, key, logical) < writer.percent();
    }
    count(cohort, rolled);
    return rolled;
  }

  /**
   * The key's cohort: a declared name, or {@link #NO_COHORT}, {@link #UNDECLARED}, {@link #ERROR}.
   */
  String cohort(K key) {
    Function<? super K, ? extends @Nullable String> function = cohortOf;
    if (function == null) {
      return NO_COHORT;
    }
    String cohort;
    try {
      cohort = function.apply(key);
    } catch (RuntimeException e) { // NOPMD: the caller's function must not fail a cache write
      sampledWarning("the cohort function threw {} for a key; it is in no cohort", e.toString());
      return ERROR;
    }
    if (cohort == null) {
      return NO_COHORT;
    }
    if (!declared.contains(cohort)) {
      sampledWarning(
          "the cohort function returned '{}', which the cache did not declare; the key is in no"
              + " cohort",
          cohort.length() > 64 ? cohort.substring(0, 64) + "..." : cohort);
      return UNDECLARED;
    }
    return cohort;
  }

  private int bucket(WriterSpec writer, K key, String logical) {
    ToIntFunction<? super K> buckets = bucketOf;
    return writer.stickiness() == Stickiness.BUCKET && buckets != null
        ? Math.floorMod(buckets.applyAsInt(key), 100)
        : KeyRouter.bucketOf(logical);
  }

  private void count(String cohort, boolean rolled) {
    MeterRegistry meters = registry;
    if (meters == null) {
      return;
    }
    int slot = index.get(cohort) * 2 + (rolled ? 1 : 0);
    Counter counter = counters.get(slot);
    if (counter == null) {
      counter =
          Counter.builder(SELECTIONS)
              .description("Writer-format decisions by cohort: rolled out or not")
              .tag("keyspace", keyspace)
              .tag("runtime", runtime)
              .tag("cohort", tags.get(slot / 2))
              .tag("format", rolled ? "rolled-out" : "other")
              .register(meters);
      counters.set(slot, counter);
    }
    counter.increment();
  }

  private void sampledWarning(String message, String argument) {
    long now = System.nanoTime();
    long last = lastLog.get();
    if (now - last >= LOG_EVERY_NANOS && lastLog.compareAndSet(last, now)) {
      LOG.warn("keyspace " + keyspace + ": " + message, argument);
    }
  }
}
