package dev.crossgrade.router.internal.cache;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The checked settings of one {@link VersionedCache}, as its builder hands them to the engine.
 *
 * @param keyspace the keyspace
 * @param runtime this runtime
 * @param registry the registry it writes with and reads with first
 * @param compatibleRegistry the registry of the older format, or null
 * @param transport the cache transport
 * @param rollout the rollout the cache follows
 * @param meterRegistry where the metrics go, or null for none
 * @param keyFunction the logical key of a key
 * @param bucketFunction the caller's bucket of a key, or null
 * @param cohorts the cohorts this cache declares
 * @param cohortFunction the cohort of a key, or null
 * @param canonicalForm what two values are compared as in SHADOW
 * @param clock nanoseconds, for capability expiry and invalidation retries
 * @param executor where futures complete, or null for the transport's I/O thread
 * @param <K> the logical key type
 * @param <V> the value type
 */
public record CacheSettings<K, V>(
    String keyspace,
    String runtime,
    CodecRegistry<V> registry,
    @Nullable CodecRegistry<V> compatibleRegistry,
    CacheTransport transport,
    RolloutLink rollout,
    @Nullable MeterRegistry meterRegistry,
    Function<? super K, String> keyFunction,
    @Nullable ToIntFunction<? super K> bucketFunction,
    Set<String> cohorts,
    @Nullable Function<? super K, ? extends @Nullable String> cohortFunction,
    Function<? super V, ?> canonicalForm,
    LongSupplier clock,
    @Nullable Executor executor) {
  /** Checks the required settings; copies the cohorts. */
  public CacheSettings {
    Objects.requireNonNull(keyspace, "keyspace");
    Objects.requireNonNull(runtime, "runtime");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(rollout, "rollout");
    Objects.requireNonNull(keyFunction, "keyFunction");
    Objects.requireNonNull(canonicalForm, "canonicalForm");
    Objects.requireNonNull(clock, "clock");
    cohorts = Set.copyOf(cohorts);
  }
}
