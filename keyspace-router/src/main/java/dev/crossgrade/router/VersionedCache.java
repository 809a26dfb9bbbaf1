package dev.crossgrade.router;

import dev.crossgrade.codec.BuilderChecks;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.internal.cache.CacheSettings;
import dev.crossgrade.router.internal.cache.RealVersionedCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A typed cache for one keyspace, as seen by one runtime: it combines the runtime's {@link
 * CodecRegistry}, the {@link KeyRouter} and the keyspace's {@link Rollout} phase, so the caller
 * never sees bytes, generations or formats.
 *
 * <p>No operation throws because of the cache: an unreachable, slow or restarting server, an entry
 * that this runtime cannot decode, or a failed write is a miss (or a skipped write) and a metric.
 * Only the caller's own loader can throw from {@link #getOrLoad}. In every phase, {@link #set} and
 * {@link #delete} reach every live generation, so neither runtime can serve a value that was
 * replaced or deleted through the other.
 *
 * @param <K> the logical key type
 * @param <V> the value type, at this runtime's current schema version
 */
public interface VersionedCache<K, V> extends AutoCloseable {

  /** Starts a cache. */
  static <K, V> Builder<K, V> newBuilder() {
    return new Builder<>();
  }

  /** The value cached under {@code key}, or empty on a miss. */
  Optional<V> get(K key);

  /**
   * {@link #get} without blocking. Like every asynchronous operation here, the future never
   * completes exceptionally because of the cache, and completes on the thread that completed the
   * transport's answer (its I/O thread: do not block in what you chain on it), or on the cache's
   * {@link Builder#executor executor} if it has one.
   */
  CompletableFuture<Optional<V>> getAsync(K key);

  /** The values cached under {@code keys}; keys that miss are absent. */
  Map<K, V> getAll(Collection<? extends K> keys);

  /** {@link #getAll} without blocking: one multi-get per generation read. */
  CompletableFuture<Map<K, V>> getAllAsync(Collection<? extends K> keys);

  /**
   * Caches {@code value}, in the generations and formats the phase and the readers allow, and
   * invalidates {@code key} in every other live generation. Call it after the source of truth has
   * the value.
   *
   * @return true when the value was stored in every generation the phase writes and the key was
   *     invalidated in the others; false whenever a generation did not get the value: a server did
   *     not answer, the value is over the codec's payload limit or the server's item size, it could
   *     not be encoded, or a live reader of that generation reads no format this runtime writes. A
   *     generation that did not get the value has the key deleted (in the background if the server
   *     did not answer), and this cache does not serve the key until that delete has landed
   */
  boolean set(K key, V value);

  /** {@link #set} with a time to live of its own instead of the keyspace's. */
  boolean set(K key, V value, Duration ttl);

  /**
   * {@link #set} without blocking. The writes and invalidations of every generation go out together
   * (one round trip where the client keeps a connection's order), with one timeout.
   */
  CompletableFuture<Boolean> setAsync(K key, V value);

  /** {@link #setAsync(Object, Object)} with a time to live of its own. */
  CompletableFuture<Boolean> setAsync(K key, V value, Duration ttl);

  /** Caches every value; true when every one of them was confirmed (see {@link #set}). */
  boolean setAll(Map<? extends K, ? extends V> values);

  /** {@link #setAll} without blocking: every key's writes at once. */
  CompletableFuture<Boolean> setAllAsync(Map<? extends K, ? extends V> values);

  /**
   * Deletes {@code key} in every live generation, oldest first.
   *
   * @return true when every generation confirmed; false when a server did not answer, in which case
   *     the delete is retried in the background and this cache does not serve the key meanwhile
   */
  boolean delete(K key);

  /** {@link #delete} without blocking: every generation's delete at once. */
  CompletableFuture<Boolean> deleteAsync(K key);

  /** Deletes every key; true when every delete was confirmed. */
  boolean deleteAll(Collection<? extends K> keys);

  /** {@link #deleteAll} without blocking. */
  CompletableFuture<Boolean> deleteAllAsync(Collection<? extends K> keys);

  /**
   * The cached value, or else {@code loader}'s value, which is then cached unless the key was set
   * or deleted while it loaded (a lease guards the fill). A null from the loader is returned and
   * not cached.
   */
  @Nullable V getOrLoad(K key, Function<? super K, ? extends @Nullable V> loader);

  /**
   * {@link #getOrLoad} with an asynchronous loader. The loader runs on the thread that completed
   * the cache's read (the transport's I/O thread), or on the cache's executor if it has one: a
   * loader that blocks needs an executor. The future completes exceptionally only when the loader
   * does; a null value is returned and not cached.
   */
  CompletableFuture<@Nullable V> getOrLoadAsync(
      K key, Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader);

  /** What this cache does now: phase, generations, writer formats and any hold-back. */
  Status status();

  /** Stops background work; the transport and the rollout stay open (their owner closes them). */
  @Override
  void close();

  /**
   * A snapshot of what a cache does in its current phase.
   *
   * @param keyspace the keyspace
   * @param runtime this runtime
   * @param phase the phase in force
   * @param readGeneration the generation read first
   * @param writeGenerations the generations written by {@link #set}
   * @param liveGenerations the generations {@link #delete} reaches, in order
   * @param writerPercent the share of keys written in the rolled-out format
   * @param writerCohorts the cohorts written in the rolled-out format whatever the percentage
   * @param writerFormats per written generation, the formats written for rolled-out and other keys
   * @param holdBacks why a format is held back, one line per reason; empty when none
   * @param otherRuntimeLive whether the other runtime of the keyspace has a live capability record
   */
  record Status(
      String keyspace,
      String runtime,
      Phase phase,
      int readGeneration,
      List<Integer> writeGenerations,
      List<Integer> liveGenerations,
      int writerPercent,
      List<String> writerCohorts,
      Map<Integer, String> writerFormats,
      List<String> holdBacks,
      boolean otherRuntimeLive) {}

  /**
   * Settings of a {@link VersionedCache}; each may be set once, and {@link #build()} checks the
   * whole.
   *
   * @param <K> the logical key type
   * @param <V> the value type
   */
  final class Builder<K, V> {
    private @Nullable String keyspace;
    private @Nullable String runtime;
    private @Nullable CodecRegistry<V> registry;
    private @Nullable CodecRegistry<V> compatibleRegistry;
    private @Nullable CacheTransport transport;
    private @Nullable Rollout rollout;
    private @Nullable MeterRegistry meterRegistry;
    private @Nullable Function<? super K, String> keyFunction;
    private @Nullable ToIntFunction<? super K> bucketFunction;
    private Set<String> cohorts = Set.of();
    private @Nullable Function<? super K, ? extends @Nullable String> cohortFunction;
    private @Nullable Function<? super V, ?> canonicalForm;
    private @Nullable LongSupplier clock;
    private @Nullable Executor executor;

    private Builder() {}

    /**
     * Where the futures of the asynchronous operations complete, and where asynchronous loaders
     * run; default none: they complete on the transport's I/O thread, without a hop.
     */
    public Builder<K, V> executor(Executor executor) {
      BuilderChecks.requireUnset(this.executor != null, "executor");
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The clock of capability expiry and invalidation retries, in nanoseconds (tests). */
    Builder<K, V> clock(LongSupplier nanoTime) {
      BuilderChecks.requireUnset(this.clock != null, "clock");
      this.clock = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /** The keyspace, as named in the rollout config; required. */
    public Builder<K, V> keyspace(String keyspace) {
      BuilderChecks.requireUnset(this.keyspace != null, "keyspace");
      KeyRouter.requireName(keyspace, "keyspace");
      this.keyspace = keyspace;
      return this;
    }

    /** This runtime, as named in the rollout config; required. */
    public Builder<K, V> runtime(String runtime) {
      BuilderChecks.requireUnset(this.runtime != null, "runtime");
      KeyRouter.requireName(runtime, "runtime");
      this.runtime = runtime;
      return this;
    }

    /**
     * The registry that reads every format this runtime can read and writes its newest format;
     * required.
     */
    public Builder<K, V> registry(CodecRegistry<V> registry) {
      BuilderChecks.requireUnset(this.registry != null, "registry");
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * A registry that writes a format older runtimes read (such as an older codec, or a downcaster
     * to an older schema): used for keys outside the writer-format rollout percentage, and wherever
     * a live reader cannot read the newest format. Optional.
     */
    public Builder<K, V> compatibleRegistry(CodecRegistry<V> registry) {
      BuilderChecks.requireUnset(this.compatibleRegistry != null, "compatibleRegistry");
      this.compatibleRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Where bytes are stored; required. It may be shared, and is not closed by the cache. */
    public Builder<K, V> transport(CacheTransport transport) {
      BuilderChecks.requireUnset(this.transport != null, "transport");
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /** The rollout config holder of this process; required. */
    public Builder<K, V> rollout(Rollout rollout) {
      BuilderChecks.requireUnset(this.rollout != null, "rollout");
      this.rollout = Objects.requireNonNull(rollout, "rollout");
      return this;
    }

    /** Where metrics go; default none (nothing is counted). */
    public Builder<K, V> meterRegistry(MeterRegistry registry) {
      BuilderChecks.requireUnset(this.meterRegistry != null, "meterRegistry");
      this.meterRegistry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /** Turns a key into its logical key text; default {@code String.valueOf}. */
    public Builder<K, V> keyFunction(Function<? super K, String> function) {
      BuilderChecks.requireUnset(this.keyFunction != null, "keyFunction");
      this.keyFunction = Objects.requireNonNull(function, "function");
      return this;
    }

    /**
     * The caller's rollout bucket of a key (taken modulo 100), used when the config says {@code
     * stickiness: bucket}; for example one bucket per tenant.
     */
    public Builder<K, V> bucketFunction(ToIntFunction<? super K> function) {
      BuilderChecks.requireUnset(this.bucketFunction != null, "bucketFunction");
      this.bucketFunction = Objects.requireNonNull(function, "function");
      return this;
    }

    /**
     * The cohorts of a staged rollout, and the caller's cohort of a key: keys of a cohort the
     * config lists ({@code writer: {cohorts: [dev, employees], percent: 1}}) are written in the
     * rolled-out format whatever the percentage. The function typically reads the request's user
     * from a request-scoped context; it runs on the thread that calls a set or get-or-load method
     * (the asynchronous ones too, before they return), must be fast and should not throw (a throw,
     * a null or an undeclared name puts the key in no cohort). A config that lists a cohort not
     * declared here is rejected, naming the file, line and field.
     *
     * @param cohorts the names the function may return, e.g. {@code Set.of("dev", "employees")}
     * @param function the cohort of a key, or null for none
     * @throws IllegalArgumentException if a name is not 1 to 64 letters, digits, '_', '.' or '-'
     */
    public Builder<K, V> cohorts(
        Set<String> cohorts, Function<? super K, ? extends @Nullable String> function) {
      BuilderChecks.requireUnset(this.cohortFunction != null, "cohorts");
      for (String cohort : cohorts) {
        KeyRouter.requireName(cohort, "cohort name");
      }
      this.cohorts = Set.copyOf(cohorts);
      this.cohortFunction = Objects.requireNonNull(function, "function");
      return this;
    }

    /**
     * The canonical form two decoded values are compared in during {@link Phase#SHADOW}; default
     * the value itself ({@code equals}).
     */
    public Builder<K, V> canonicalForm(Function<? super V, ?> function) {
      BuilderChecks.requireUnset(this.canonicalForm != null, "canonicalForm");
      this.canonicalForm = Objects.requireNonNull(function, "function");
      return this;
    }

    /**
     * Builds the cache, publishes this runtime's reader capabilities and reads the other runtime's.
     *
     * @throws IllegalStateException if a required setting is missing, the keyspace is not in the
     *     config, the runtime is neither its {@code from} nor its {@code to}, or the registries
     *     disagree on the value type
     */
    public VersionedCache<K, V> build() {
      if (keyspace == null
          || runtime == null
          || registry == null
          || transport == null
          || rollout == null) {
        throw new IllegalStateException(
            "keyspace, runtime, registry, transport and rollout are required; missing "
                + (keyspace == null ? "keyspace " : "")
                + (runtime == null ? "runtime " : "")
                + (registry == null ? "registry " : "")
                + (transport == null ? "transport " : "")
                + (rollout == null ? "rollout" : "").trim());
      }
      if (compatibleRegistry != null && compatibleRegistry.valueType() != registry.valueType()) {
        throw new IllegalStateException(
            "compatibleRegistry is for %s but registry is for %s"
                .formatted(
                    compatibleRegistry.valueType().getName(), registry.valueType().getName()));
      }
      Function<? super V, ?> canonical = canonicalForm == null ? value -> value : canonicalForm;
      return new RealVersionedCache<>(
          new CacheSettings<>(
              keyspace,
              runtime,
              registry,
              compatibleRegistry,
              transport,
              rollout.link(),
              meterRegistry,
              keyFunction == null ? String::valueOf : keyFunction,
              bucketFunction,
              cohorts,
              cohortFunction,
              canonical,
              clock == null ? System::nanoTime : clock,
              executor));
    }
  }
}
