package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.KeyRouter;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.VersionedCache;
import dev.crossgrade.router.internal.cache.CacheMetrics.Op;
import dev.crossgrade.router.internal.cache.CacheMetrics.Outcome;
import dev.crossgrade.router.internal.cache.CacheMetrics.Reason;
import dev.crossgrade.router.internal.cache.CapabilityBoard.PeerState;
import dev.crossgrade.router.internal.cache.RolloutPlan.Fallback;
import dev.crossgrade.router.internal.config.WriterCheck;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of {@link VersionedCache}: the asynchronous operations, and the
 * synchronous ones on top of them. What to read and write where is decided by {@link RolloutPlan}
 * (a pure function of the config and of what is known of the other runtime, kept in a {@link
 * CacheState}); the parts that do the I/O are {@link Lookup} (reads, fallback, shadow, back-fill),
 * {@link Writes} (sets and deletes, old generation first, in one batch), the lease protocol of
 * {@link #getOrLoadAsync} here, {@link PendingInvalidations} and {@link Capabilities}; {@link
 * Codecs} turns values into the bytes the plan chooses and back.
 *
 * <p>A fill after a load is guarded by a lease: a unique marker added before the load and replaced
 * by {@code cas} after it, so a set or delete during the load wins.
 *
 * <p>Over 500 lines, on purpose: it is the whole public surface of {@link VersionedCache} (each
 * operation sync and async, with its metrics) and the lease protocol; every decision and every I/O
 * part named above is a class of its own.
 */
public final class RealVersionedCache<K, V> implements VersionedCache<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(VersionedCache.class);
  private static final long RETRY_MILLIS = 500;

  private final String keyspace;
  private final String runtime;
  private final RolloutLink rollout;
  private final CacheMetrics metrics;
  private final Function<? super K, String> keyFunction;
  private final WriterSelection<K> selection;
  private final @Nullable Executor executor;
  private final Keys keys;
  private final GuardedTransport transport;
  private final Codecs<V> codecs;
  private final Lookup<V> lookup;
  private final Writes<V> writes;
  private final PendingInvalidations pending;
  private final Capabilities capabilities;
  private final Object stateLock = new Object();
  private volatile PeerState peer = PeerState.UNKNOWN;
  private volatile CacheState state;
  private final @Nullable ScheduledFuture<?> retrier;
  private volatile boolean closed;

  public RealVersionedCache(CacheSettings<K, V> settings) {
    this.keyspace = settings.keyspace();
    this.runtime = settings.runtime();
    this.rollout = settings.rollout();
    CacheTransport client = settings.transport();
    LongSupplier clock = settings.clock();
    RolloutConfig config = rollout.config();
    KeyspaceSpec spec = spec(config);
    this.metrics =
        new CacheMetrics(
            settings.meterRegistry(),
            keyspace,
            runtime,
            client.name(),
            spec.from() == null ? -1 : config.runtime(spec.from()).orElseThrow().generation(),
            config.runtime(spec.to()).orElseThrow().generation());
    this.transport =
        new GuardedTransport(client, () -> rollout.config().transport().timeout(), metrics);
    this.keys = new Keys(KeyRouter.withPrefix(config.prefix()), keyspace);
    this.codecs =
        new Codecs<>(keyspace, settings.registry(), settings.compatibleRegistry(), metrics);
    this.lookup = new Lookup<>(keys, codecs, transport, metrics, settings.canonicalForm());
    this.pending = new PendingInvalidations(transport, metrics, clock);
    this.writes = new Writes<>(keys, codecs, transport, metrics, pending);
    this.keyFunction = settings.keyFunction();
    this.selection =
        new WriterSelection<>(
            settings.cohorts(),
            settings.cohortFunction(),
            settings.bucketFunction(),
            settings.meterRegistry(),
            keyspace,
            runtime);
    this.executor = settings.executor();
    this.state = compute(config, PeerState.UNKNOWN);
    this.capabilities =
        new Capabilities(
            keyspace,
            runtime,
            codecs.primary().readableFormats(),
            keys,
            transport,
            rollout.scheduler(),
            this::state,
            this::peerSeen,
            clock);
    rollout.register(
        this,
        keyspace,
        runtime,
        WriterCheck.of(
            keyspace,
            runtime,
            settings.registry(),
            settings.compatibleRegistry(),
            selection.declared()));
    capabilities.start();
    this.retrier =
        rollout
            .scheduler()
            .scheduleWithFixedDelay(
                this::retryPending, RETRY_MILLIS, RETRY_MILLIS, TimeUnit.MILLISECONDS);
  }

  // --- state -------------------------------------------------------------------------------------

  private CacheState state() {
    CacheState current = state;
    RolloutConfig config = rollout.config();
    PeerState seen = peer;
    if (current.config() == config && current.peer() == seen) {
      return current;
    }
    synchronized (stateLock) {
      current = state;
      if (current.config() != config || current.peer() != seen) {
        CacheState next = compute(config, seen);
        List<String> holdBacks = next.plan().holdBacks();
        if (!holdBacks.equals(current.plan().holdBacks()) && !holdBacks.isEmpty()) {
          LOG.info("keyspace {} runtime {} holds back: {}", keyspace, runtime, holdBacks);
        }
        state = next;
        current = next;
        if (capabilities != null && !capabilities.current(next.plan().readGenerations())) {
          // What this runtime reads changed: tell the other runtime now, not at the next refresh.
          capabilities.publishSoon();
        }
      }
      return current;
    }
  }

  private void peerSeen(PeerState next) {
    if (!next.equals(peer)) {
      peer = next;
      state();
    }
  }

  private KeyspaceSpec spec(RolloutConfig config) {
    return config
        .keyspace(keyspace)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "keyspace '" + keyspace + "' is not in the rollout config " + config.source()));
  }

  private CacheState compute(RolloutConfig config, PeerState seen) {
    KeyspaceSpec spec = spec(config);
    boolean isNew = spec.to().equals(runtime);
    if (!isNew && !runtime.equals(spec.from())) {
      throw new IllegalStateException(
          String.format(
              "runtime '%s' is neither 'from' (%s) nor 'to' (%s) of keyspace '%s' in %s",
              runtime, spec.from(), spec.to(), keyspace, config.source()));
    }
    int gTo = config.runtime(spec.to()).orElseThrow().generation();
    int gFrom = spec.from() == null ? -1 : config.runtime(spec.from()).orElseThrow().generation();
    String other = gFrom < 0 ? null : isNew ? spec.from() : spec.to();
    RolloutPlan plan = RolloutPlan.of(spec, gFrom, gTo, codecs.side(isNew), seen, other);
    return new CacheState(config, seen, spec, plan);
  }

  // --- reads -------------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Optional<V>> getAsync(K key) {
    long start = metrics.on() ? System.nanoTime() : 0;
    CacheState s = state();
    String logical = logical(key);
    CompletableFuture<Optional<V>> result;
    if (isPending(s, logical)) {
      metrics.count(Op.GET, -1, Outcome.MISS, Reason.PENDING_INVALIDATION);
      result = CompletableFuture.completedFuture(Optional.empty());
    } else {
      result =
          lookup
              .find(s, logical, Op.GET, null)
              .thenApply(read -> Optional.ofNullable(read.value()));
    }
    return deliver(timed(result, Op.GET, start));
  }

  @Override
  public Optional<V> get(K key) {
    return getAsync(key).join();
  }

  @Override
  public CompletableFuture<Map<K, V>> getAllAsync(Collection<? extends K> keys) {
    long start = metrics.on() ? System.nanoTime() : 0;
    CacheState s = state();
    Map<String, K> byLogical = new LinkedHashMap<>();
    for (K key : keys) {
      String logical = logical(key);
      if (!isPending(s, logical)) {
        byLogical.putIfAbsent(logical, key);
      }
    }
    CompletableFuture<Map<K, V>> result =
        lookup
            .findAll(s, new ArrayList<>(byLogical.keySet()), Op.GET_ALL)
            .thenApply(
                found -> {
                  Map<K, V> values = new LinkedHashMap<>();
                  found.forEach((logical, value) -> values.put(byLogical.get(logical), value));
                  return values;
                });
    return deliver(timed(result, Op.GET_ALL, start));
  }

  @Override
  public Map<K, V> getAll(Collection<? extends K> keys) {
    return getAllAsync(keys).join();
  }

  @Override
  public @Nullable V getOrLoad(K key, Function<? super K, ? extends @Nullable V> loader) {
    long start = metrics.on() ? System.nanoTime() : 0;
    try {
      CacheState s = state();
      String logical = logical(key);
      if (isPending(s, logical)) {
        metrics.count(Op.GET_OR_LOAD, -1, Outcome.MISS, Reason.PENDING_INVALIDATION);
        return loader.apply(key);
      }
      boolean rolled = rolledOut(s, key, logical);
      List<Integer> unusable = new ArrayList<>(2);
      Read<V> found = lookup.find(s, logical, Op.GET, unusable).join();
      if (found.hit()) {
        return found.value();
      }
      if (found.kind() == Read.Kind.FAILED) {
        // The server did not answer: load without leases, whose adds would each wait a timeout.
        metrics.count(Op.GET_OR_LOAD, -1, Outcome.LOADED);
        return loader.apply(key);
      }
      Claim claim = claim(s, logical, found, unusable).join();
      V value = loader.apply(key); // on the caller's thread: a loader may block
      metrics.count(Op.GET_OR_LOAD, -1, Outcome.LOADED);
      if (value != null && !claim.isEmpty()) {
        fill(logical, rolled, value, claim).join();
      }
      return value;
    } finally {
      if (metrics.on()) {
        metrics.time(Op.GET_OR_LOAD, System.nanoTime() - start);
      }
    }
  }

  @Override
  public CompletableFuture<@Nullable V> getOrLoadAsync(
      K key, Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader) {
    long start = metrics.on() ? System.nanoTime() : 0;
    CacheState s = state();
    String logical = logical(key);
    CompletableFuture<@Nullable V> result;
    if (isPending(s, logical)) {
      metrics.count(Op.GET_OR_LOAD, -1, Outcome.MISS, Reason.PENDING_INVALIDATION);
      result = load(key, loader);
    } else {
      // The caller's cohort function runs here, on the caller's thread (it may read a
      // request-scoped context), not on the I/O thread that completes the fill.
      boolean rolled = rolledOut(s, key, logical);
      List<Integer> unusable = new ArrayList<>(2);
      result =
          lookup
              .find(s, logical, Op.GET, unusable)
              .thenCompose(
                  found -> {
                    if (found.hit()) {
                      return CompletableFuture.completedFuture(found.value());
                    }
                    if (found.kind() == Read.Kind.FAILED) {
                      return load(key, loader);
                    }
                    return claim(s, logical, found, unusable)
                        .thenCompose(
                            claim ->
                                load(key, loader)
                                    .thenCompose(
                                        value ->
                                            value == null || claim.isEmpty()
                                                ? CompletableFuture.completedFuture(value)
                                                : fill(logical, rolled, value, claim)
                                                    .thenApply(done -> value)));
                  });
    }
    return deliver(timed(result, Op.GET_OR_LOAD, start));
  }

  /** The caller's asynchronous loader, on this cache's executor if it has one. */
  private CompletableFuture<@Nullable V> load(
      K key, Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader) {
    CompletableFuture<K> start =
        executor == null
            ? CompletableFuture.completedFuture(key)
            : CompletableFuture.supplyAsync(() -> key, executor);
    return start.thenCompose(
        k ->
            loader
                .apply(k)
                .thenApply(
                    value -> {
                      metrics.count(Op.GET_OR_LOAD, -1, Outcome.LOADED);
                      @Nullable V loaded = value;
                      return loaded;
                    }));
  }

  /**
   * The generations a load may fill, each held by a lease (a unique marker, added where nothing is)
   * or by the cas token of an entry this runtime cannot use (replaced unless it changes).
   */
  private record Claim(Map<Integer, byte[]> leases, Map<Integer, Long> tokens) {
    boolean isEmpty() {
      return leases.isEmpty() && tokens.isEmpty();
    }
  }

  private CompletableFuture<Claim> claim(
      CacheState s, String logical, Read<V> found, List<Integer> unusable) {
    RolloutPlan plan = s.plan();
    Map<Integer, byte[]> leases = new TreeMap<>();
    Map<Integer, Long> tokens = new TreeMap<>();
    List<CompletableFuture<?>> steps = new ArrayList<>();
    for (int g : fillGenerations(plan, found)) {
      String physical = keys.key(g, logical);
      if (unusable.contains(g)) {
        steps.add(
            transport
                .gets(physical)
                .thenAccept(
                    current -> {
                      if (current.present()
                          && !Codecs.isLease(Objects.requireNonNull(current.value()))) {
                        synchronized (tokens) {
                          tokens.put(g, current.token());
                        }
                      }
                    }));
        continue;
      }
      byte[] lease = Codecs.newLease();
      steps.add(
          transport
              .add(physical, lease, s.config().leaseTtl())
              .thenAccept(
                  added -> {
                    if (added == GuardedTransport.Status.DONE) {
                      synchronized (leases) {
                        leases.put(g, lease);
                      }
                    }
                  }));
    }
    return CompletableFuture.allOf(steps.toArray(new CompletableFuture<?>[0]))
        .thenApply(done -> new Claim(leases, tokens));
  }

  /**
   * Where a load is cached: every written generation of the plan; but an entry of the new runtime
   * that the old runtime does not read is never replaced (the new runtime reads it), so then the
   * old runtime caches in its own generation, which it falls back to.
   */
  private static List<Integer> fillGenerations(RolloutPlan plan, Read<?> found) {
    if (found.kind() == Read.Kind.FOREIGN) {
      return List.of(plan.fallbackGeneration());
    }
    return List.copyOf(plan.writes().keySet());
  }

  private static boolean fillable(RolloutPlan plan, int g) {
    return plan.writes(g)
        || (plan.fallback() == Fallback.ON_FOREIGN_FORMAT && g == plan.liveGenerations().get(0));
  }

  /** Puts a loaded value where its claim still holds: the lease is there, or the token is valid. */
  private CompletableFuture<Void> fill(String logical, boolean rolled, V value, Claim claim) {
    CacheState now = state();
    Codecs.Memo memo = new Codecs.Memo();
    List<CompletableFuture<?>> steps = new ArrayList<>();
    claim
        .leases()
        .forEach(
            (g, lease) -> {
              String physical = keys.key(g, logical);
              steps.add(
                  transport
                      .gets(physical)
                      .thenCompose(
                          current ->
                              current.present()
                                      && Arrays.equals(current.value(), lease)
                                      && fillable(now.plan(), g)
                                  ? cas(now, g, physical, current.token(), rolled, value, memo)
                                  : CompletableFuture.completedFuture(null)));
            });
    claim
        .tokens()
        .forEach(
            (g, token) -> {
              if (fillable(now.plan(), g)) {
                steps.add(cas(now, g, keys.key(g, logical), token, rolled, value, memo));
              }
            });
    return CompletableFuture.allOf(steps.toArray(new CompletableFuture<?>[0]));
  }

  private CompletableFuture<Void> cas(
      CacheState s, int g, String physical, long token, boolean rolled, V value, Codecs.Memo memo) {
    byte[] bytes;
    synchronized (memo) {
      bytes = codecs.encode(s, g, rolled, value, Op.FILL, memo);
    }
    if (bytes == null) {
      return CompletableFuture.completedFuture(null);
    }
    // A cas that times out and lands late is still safe: it stores only over the token it read.
    return transport
        .cas(physical, token, bytes, s.spec().ttl())
        .thenAccept(stored -> metrics.count(Op.FILL, g, CacheMetrics.outcome(stored)));
  }

  // --- writes ------------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Boolean> setAsync(K key, V value) {
    return store(key, value, null);
  }

  @Override
  public CompletableFuture<Boolean> setAsync(K key, V value, Duration ttl) {
    return store(key, value, checkTtl(ttl));
  }

  private CompletableFuture<Boolean> store(K key, V value, @Nullable Duration ttl) {
    Objects.requireNonNull(value, "value");
    long start = metrics.on() ? System.nanoTime() : 0;
    CacheState s = state();
    String logical = logical(key);
    CompletableFuture<Boolean> result =
        writes.set(
            s, logical, rolledOut(s, key, logical), value, ttl == null ? s.spec().ttl() : ttl);
    return deliver(timed(result, Op.SET, start));
  }

  @Override
  public boolean set(K key, V value) {
    return store(key, value, null).join();
  }

  @Override
  public boolean set(K key, V value, Duration ttl) {
    return store(key, value, checkTtl(ttl)).join();
  }

  @Override
  public CompletableFuture<Boolean> setAllAsync(Map<? extends K, ? extends V> values) {
    long start = metrics.on() ? System.nanoTime() : 0;
    CacheState s = state();
    List<CompletableFuture<Boolean>> all = new ArrayList<>(values.size());
    values.forEach(
        (key, value) -> {
          String logical = logical(key);
          all.add(
              writes.set(
                  s,
                  logical,
                  rolledOut(s, key, logical),
                  Objects.requireNonNull(value, "value"),
                  s.spec().ttl()));
        });
    return deliver(timed(allTrue(all), Op.SET, start));
  }

  @Override
  public boolean setAll(Map<? extends K, ? extends V> values) {
    return setAllAsync(values).join();
  }

  @Override
  public CompletableFuture<Boolean> deleteAsync(K key) {
    long start = metrics.on() ? System.nanoTime() : 0;
    CompletableFuture<Boolean> result = writes.delete(state(), logical(key));
    return deliver(timed(result, Op.DELETE, start));
  }

  @Override
  public boolean delete(K key) {
    return deleteAsync(key).join();
  }

  @Override
  public CompletableFuture<Boolean> deleteAllAsync(Collection<? extends K> keys) {
    long start = metrics.on() ? System.nanoTime() : 0;
    CacheState s = state();
    List<CompletableFuture<Boolean>> all = new ArrayList<>(keys.size());
    for (K key : keys) {
      all.add(writes.delete(s, logical(key)));
    }
    return deliver(timed(allTrue(all), Op.DELETE, start));
  }

  @Override
  public boolean deleteAll(Collection<? extends K> keys) {
    return deleteAllAsync(keys).join();
  }

  private static CompletableFuture<Boolean> allTrue(List<CompletableFuture<Boolean>> all) {
    return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0]))
        .thenApply(done -> all.stream().allMatch(CompletableFuture::join));
  }

  private static Duration checkTtl(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl);
    }
    return ttl;
  }

  private boolean rolledOut(CacheState s, K key, String logical) {
    return selection.rolledOut(s.spec().writer(), key, logical);
  }

  // --- invalidations that failed --------------------------------------------------------------

  private boolean isPending(CacheState s, String logical) {
    if (pending.isEmpty()) {
      return false;
    }
    for (int g : s.plan().liveGenerations()) {
      if (pending.owes(keys.key(g, logical))) {
        return true;
      }
    }
    return false;
  }

  private void retryPending() {
    if (closed) {
      return;
    }
    try {
      pending.retry();
    } catch (RuntimeException e) {
      LOG.warn("retrying invalidations of keyspace {} failed: {}", keyspace, e.toString());
    }
  }

  /** Publishes this runtime's record and reads the other runtime's now; never throws (tests). */
  public void refreshCapabilities() {
    capabilities.refresh();
  }

  // --- misc --------------------------------------------------------------------------------------

  /** The future as the caller gets it: on this cache's executor, if it has one. */
  private <T> CompletableFuture<T> deliver(CompletableFuture<T> result) {
    Executor chosen = executor;
    return chosen == null ? result : result.thenApplyAsync(value -> value, chosen);
  }

  private <T> CompletableFuture<T> timed(CompletableFuture<T> result, Op op, long start) {
    if (!metrics.on()) {
      return result;
    }
    return result.whenComplete((value, failure) -> metrics.time(op, System.nanoTime() - start));
  }

  @Override
  public VersionedCache.Status status() {
    CacheState s = state();
    RolloutPlan plan = s.plan();
    Map<Integer, String> formats = new TreeMap<>();
    plan.writes()
        .forEach(
            (g, write) ->
                formats.put(
                    g,
                    "rolled-out keys: %s, other keys: %s"
                        .formatted(
                            codecs.describe(write.rolledOut()), codecs.describe(write.others()))));
    return new VersionedCache.Status(
        keyspace,
        runtime,
        s.spec().phase(),
        plan.readGeneration(),
        List.copyOf(plan.writes().keySet()),
        plan.liveGenerations(),
        s.spec().writer().percent(),
        s.spec().writer().cohorts(),
        formats,
        rollout.holdBacks(this, plan.holdBacks()),
        plan.peerLive());
  }

  @Override
  public void close() {
    closed = true;
    capabilities.close();
    if (retrier != null) {
      retrier.cancel(false);
    }
    rollout.unregister(this);
  }

  private String logical(K key) {
    return Objects.requireNonNull(
        keyFunction.apply(Objects.requireNonNull(key, "key")), "keyFunction returned null");
  }

  /** Invalidations this cache still owes (for tests). */
  public int pendingInvalidations() {
    return pending.size();
  }

  Duration ttl() {
    return state().spec().ttl();
  }

  @Override
  public String toString() {
    CacheState s = state();
    return "VersionedCache{" + keyspace + ", runtime " + runtime + ", " + s.spec().phase() + "}";
  }
}
