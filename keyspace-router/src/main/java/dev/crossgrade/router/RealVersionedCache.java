package dev.crossgrade.router;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.DecodeOutcome;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.router.CapabilityBoard.Format;
import dev.crossgrade.router.CapabilityBoard.PeerState;
import dev.crossgrade.router.GuardedTransport.Fetched;
import dev.crossgrade.router.GuardedTransport.Multi;
import dev.crossgrade.router.GuardedTransport.Outcome;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.RolloutConfig.Stickiness;
import dev.crossgrade.router.RolloutPlan.Choice;
import dev.crossgrade.router.RolloutPlan.Fallback;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of {@link VersionedCache}. What to read and write where is decided by
 * {@link RolloutPlan} (a pure function of the config and of what is known of the other runtime);
 * this class does the I/O. Invariants that keep both generations free of stale values in every
 * phase, in every mix of phases and across rollback:
 *
 * <ul>
 *   <li>Every {@code set} writes or deletes the key in every live generation, and every {@code
 *       delete} deletes it in every live generation, always the old generation first.
 *   <li>Only the new runtime back-fills, only from the old generation into its own: it adds a
 *       placeholder, re-reads the source, and replaces the placeholder by {@code cas} only if the
 *       source is unchanged. An update touches the source before the target, so either the re-read
 *       sees the update, or the update's later write of the target replaces the placeholder (the
 *       cas fails) or the back-filled value. This holds also when the target's fresh value was
 *       evicted in between: the update had already changed the source.
 *   <li>A fill after a load is guarded by a lease: a unique marker added before the load and
 *       replaced by {@code cas} after it, so a set or delete during the load wins.
 *   <li>A write that failed or timed out is followed by a delete on its connection and another
 *       after the landing window ({@link PendingInvalidations}); until that lands this cache does
 *       not serve or fill the key.
 *   <li>A downcast that does not read back as itself is written only where the old runtime needs
 *       it, and makes this runtime distrust upcasts from that version ({@link DowncastCheck}).
 * </ul>
 */
final class RealVersionedCache<K, V> implements VersionedCache<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(VersionedCache.class);
  private static final byte[] LEASE = "\u0000cg-lease:".getBytes(StandardCharsets.US_ASCII);
  private static final long SAMPLE_LOG_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long RETRY_MILLIS = 500;

  private final String keyspace;
  private final String runtime;
  private final CodecRegistry<V> primary;
  private final @Nullable CodecRegistry<V> compatible;
  private final RolloutPlan.Named primaryFormat;
  private final RolloutPlan.@Nullable Named compatibleFormat;
  private final GuardedTransport transport;
  private final Rollout rollout;
  private final CacheMetrics metrics;
  private final Function<? super K, String> keyFunction;
  private final @Nullable ToIntFunction<? super K> bucketFunction;
  private final Function<? super V, ?> canonical;
  private final KeyRouter router;
  private final LongSupplier clock;
  private final PendingInvalidations pending;
  private final @Nullable DowncastCheck<V> downcasts;
  private final PeerWatch peerWatch;
  private final Object stateLock = new Object();
  private final AtomicLong lastShadowLog = new AtomicLong(System.nanoTime() - SAMPLE_LOG_NANOS);
  private final AtomicLong lastWarnLog = new AtomicLong(System.nanoTime() - SAMPLE_LOG_NANOS);
  private volatile PeerState peer = PeerState.UNKNOWN;
  private volatile State state;
  private volatile @Nullable List<Integer> published;
  private volatile @Nullable ScheduledFuture<?> refresher;
  private final @Nullable ScheduledFuture<?> retrier;
  private volatile boolean closed;

  @SuppressWarnings("unchecked") // The builder's functions accept supertypes of K and V.
  RealVersionedCache(VersionedCache.Builder<K, V> builder, MeterRegistry registry) {
    this.keyspace = Objects.requireNonNull(builder.keyspace);
    this.runtime = Objects.requireNonNull(builder.runtime);
    this.primary = Objects.requireNonNull(builder.registry);
    this.compatible = builder.compatibleRegistry;
    this.primaryFormat = named(primary);
    this.compatibleFormat = compatible == null ? null : named(compatible);
    this.rollout = Objects.requireNonNull(builder.rollout);
    this.clock = builder.clock == null ? System::nanoTime : builder.clock;
    this.metrics = new CacheMetrics(registry, keyspace, runtime);
    this.transport =
        new GuardedTransport(
            Objects.requireNonNull(builder.transport),
            () -> rollout.config().transport().timeout(),
            metrics);
    this.pending = new PendingInvalidations(transport, metrics, clock);
    this.downcasts = compatible == null ? null : new DowncastCheck<>(keyspace, primary);
    this.peerWatch = new PeerWatch(clock.getAsLong());
    this.keyFunction = builder.keyFunction == null ? String::valueOf : builder.keyFunction;
    this.bucketFunction = builder.bucketFunction;
    this.canonical =
        builder.canonicalForm == null
            ? value -> value
            : (Function<? super V, ?>) builder.canonicalForm;
    RolloutConfig config = rollout.config();
    this.router = KeyRouter.withPrefix(config.prefix());
    this.state = compute(config, PeerState.UNKNOWN);
    rollout.register(this, keyspace, runtime);
    refreshCapabilities();
    scheduleRefresh();
    this.retrier =
        rollout
            .scheduler()
            .scheduleWithFixedDelay(
                this::retryPending, RETRY_MILLIS, RETRY_MILLIS, TimeUnit.MILLISECONDS);
  }

  private static RolloutPlan.Named named(CodecRegistry<?> registry) {
    return new RolloutPlan.Named(
        new Format(registry.writerCodec().id(), registry.writerSchemaVersion()), format(registry));
  }

  // --- state -------------------------------------------------------------------------------------

  /** The config in force, what is known of the other runtime, and the plan they give. */
  private record State(RolloutConfig config, PeerState peer, KeyspaceSpec spec, RolloutPlan plan) {}

  private State state() {
    State current = state;
    RolloutConfig config = rollout.config();
    PeerState seen = peer;
    if (current.config() == config && current.peer() == seen) {
      return current;
    }
    synchronized (stateLock) {
      current = state;
      if (current.config() != config || current.peer() != seen) {
        State next = compute(config, seen);
        if (!next.plan().holdBacks().equals(current.plan().holdBacks())
            && !next.plan().holdBacks().isEmpty()) {
          LOG.info(
              "keyspace {} runtime {} holds back: {}", keyspace, runtime, next.plan().holdBacks());
        }
        state = next;
        current = next;
        if (!next.plan().readGenerations().equals(published)) {
          // What this runtime reads changed: tell the other runtime now, not at the next refresh.
          publishSoon();
        }
      }
      return current;
    }
  }

  private State compute(RolloutConfig config, PeerState seen) {
    KeyspaceSpec spec =
        config
            .keyspace(keyspace)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "keyspace '"
                            + keyspace
                            + "' is not in the rollout config "
                            + config.source()));
    boolean isNew = spec.to().equals(runtime);
    if (!isNew && !runtime.equals(spec.from())) {
      throw new IllegalStateException(
          "runtime '"
              + runtime
              + "' is neither 'from' ("
              + spec.from()
              + ") nor 'to' ("
              + spec.to()
              + ") of keyspace '"
              + keyspace
              + "' in "
              + config.source());
    }
    int gTo = config.runtime(spec.to()).orElseThrow().generation();
    int gFrom = spec.from() == null ? -1 : config.runtime(spec.from()).orElseThrow().generation();
    String other = gFrom < 0 ? null : isNew ? spec.from() : spec.to();
    RolloutPlan plan =
        RolloutPlan.of(
            spec,
            gFrom,
            gTo,
            new RolloutPlan.Side(isNew, primaryFormat, compatibleFormat),
            seen,
            other);
    return new State(config, seen, spec, plan);
  }

  private static String format(CodecRegistry<?> registry) {
    return registry.writerCodec().name() + "@v" + registry.writerSchemaVersion();
  }

  // --- reads -------------------------------------------------------------------------------------

  private enum Kind {
    HIT,
    MISS,
    LEASED,
    /** A decode failure: damaged, or a format this runtime should read but cannot. */
    UNREADABLE,
    /** Readable, but not to be served: an upcaster could not derive a field, or proved lossy. */
    UNUSABLE,
    /** A format this runtime does not read where that is expected (see {@link Fallback}). */
    FOREIGN,
    FAILED
  }

  /** One generation read: what was there, and the value if it was readable. */
  private record Read<V>(Kind kind, @Nullable V value, byte @Nullable [] bytes) {
    static final Read<?> MISS = new Read<>(Kind.MISS, null, null);
    static final Read<?> LEASED = new Read<>(Kind.LEASED, null, null);
    static final Read<?> UNREADABLE = new Read<>(Kind.UNREADABLE, null, null);
    static final Read<?> UNUSABLE = new Read<>(Kind.UNUSABLE, null, null);
    static final Read<?> FOREIGN = new Read<>(Kind.FOREIGN, null, null);
    static final Read<?> FAILED = new Read<>(Kind.FAILED, null, null);

    boolean hit() {
      return kind == Kind.HIT;
    }

    /** Whether a fill may replace what is there (a miss and a lease are added to instead). */
    boolean replaceable() {
      return kind == Kind.UNREADABLE || kind == Kind.UNUSABLE;
    }
  }

  @SuppressWarnings("unchecked") // The shared constants hold no value.
  private static <V> Read<V> read(Read<?> constant) {
    return (Read<V>) constant;
  }

  private Read<V> decode(
      Fetched fetched, int g, String op, String hitOutcome, boolean foreignExpected) {
    if (fetched.failed()) {
      metrics.count(op, g, CacheMetrics.FAILED, "transport");
      return read(Read.FAILED);
    }
    byte[] bytes = fetched.value();
    if (bytes == null) {
      metrics.count(op, g, CacheMetrics.MISS);
      return read(Read.MISS);
    }
    if (isLease(bytes)) {
      metrics.count(op, g, CacheMetrics.MISS, "lease");
      return read(Read.LEASED);
    }
    DecodeOutcome<V> outcome;
    try {
      outcome = primary.tryDecode(bytes);
    } catch (RuntimeException e) {
      // An upcaster's own exception is not a PayloadException; it must not reach the caller.
      metrics.count(op, g, CacheMetrics.DECODE_FAILURE, "upcaster-error");
      warnSampled("upcaster failed reading generation g{} of {}: {}", g, keyspace, e.toString());
      return read(Read.UNREADABLE);
    }
    if (outcome instanceof DecodeOutcome.Hit<V> hit) {
      if (downcasts != null && downcasts.distrusts(hit)) {
        metrics.count(op, g, CacheMetrics.MISS, "lossy-upcast");
        return read(Read.UNUSABLE);
      }
      metrics.count(op, g, hitOutcome);
      if (hit.upcast()) {
        metrics.count(op, g, CacheMetrics.UPCAST);
      }
      return new Read<>(Kind.HIT, hit.value(), bytes);
    }
    PayloadException reason = ((DecodeOutcome.Miss<V>) outcome).reason();
    switch (reason.kind()) {
      case UNDERIVABLE_VALUE -> {
        metrics.count(op, g, CacheMetrics.MISS, "underivable");
        return read(Read.UNUSABLE);
      }
      case UNKNOWN_CODEC, UNSUPPORTED_SCHEMA_VERSION -> {
        if (foreignExpected) {
          metrics.count(op, g, CacheMetrics.MISS, "newer-format");
          return read(Read.FOREIGN);
        }
      }
      default -> {}
    }
    metrics.count(op, g, CacheMetrics.DECODE_FAILURE, reason.kind().label());
    return read(Read.UNREADABLE);
  }

  private static Fetched fetched(Multi multi, String key) {
    if (multi.failed()) {
      return Fetched.FAILURE;
    }
    byte[] value = multi.found().get(key);
    return value == null ? Fetched.MISS : new Fetched(value, 0, false);
  }

  /** Whether the home generation may hold formats this runtime does not read. */
  private static boolean foreignHome(RolloutPlan plan) {
    return plan.fallback() == Fallback.ON_FOREIGN_FORMAT;
  }

  /**
   * Reads one key per the plan: own generation, then fallback or shadow. Generations whose entry
   * this runtime cannot use are added to {@code unusable}, when given.
   */
  private Read<V> lookup(
      State s, K key, String logical, String op, @Nullable List<Integer> unusable) {
    RolloutPlan plan = s.plan();
    int home = plan.readGeneration();
    String homeKey = key(home, logical);
    if (plan.shadow()) {
      int g = plan.fallbackGeneration();
      String sourceKey = key(g, logical);
      Multi both = transport.getMulti(List.of(homeKey, sourceKey));
      Read<V> mine =
          note(decode(fetched(both, homeKey), home, op, CacheMetrics.HIT, false), home, unusable);
      Read<V> source =
          note(
              decode(fetched(both, sourceKey), g, op, CacheMetrics.SHADOW_READ, false),
              g,
              unusable);
      if (mine.hit() && source.hit()) {
        compare(s, logical, mine, source);
      }
      if (mine.hit() || !source.hit()) {
        return mine;
      }
      metrics.count(op, g, CacheMetrics.FALLBACK_HIT);
      backfill(s, key, logical, sourceKey, source);
      return source;
    }
    Read<V> mine =
        note(
            decode(transport.get(homeKey), home, op, CacheMetrics.HIT, foreignHome(plan)),
            home,
            unusable);
    return afterHome(s, key, logical, op, mine, transport::get, unusable);
  }

  private static <V> Read<V> note(Read<V> read, int g, @Nullable List<Integer> unusable) {
    if (unusable != null && read.replaceable()) {
      unusable.add(g);
    }
    return read;
  }

  /** The second read of the plan, if the first one calls for it. */
  private Read<V> afterHome(
      State s,
      K key,
      String logical,
      String op,
      Read<V> mine,
      Function<String, Fetched> fetch,
      @Nullable List<Integer> unusable) {
    RolloutPlan plan = s.plan();
    if (!needsSecond(plan, mine)) {
      return mine;
    }
    int g = plan.fallbackGeneration();
    String sourceKey = key(g, logical);
    // The second generation is the old runtime's own: a format it does not read there is damage.
    Read<V> source =
        note(decode(fetch.apply(sourceKey), g, op, CacheMetrics.FALLBACK_HIT, false), g, unusable);
    if (!source.hit()) {
      return mine;
    }
    if (plan.fallback() == Fallback.ON_MISS) {
      backfill(s, key, logical, sourceKey, source);
    }
    return source;
  }

  /** Whether the plan reads its second generation after {@code mine} in the first. */
  private static boolean needsSecond(RolloutPlan plan, Read<?> mine) {
    // After a failed read the caller has waited one timeout already: a miss, not a second wait.
    return switch (plan.fallback()) {
      case NONE -> false;
      case ON_MISS -> !mine.hit() && mine.kind() != Kind.FAILED;
      case ON_FOREIGN_FORMAT -> mine.kind() == Kind.FOREIGN;
    };
  }

  /**
   * Copies a value read from the old generation into the new one without ever making it visible
   * after an update of the key completed: a placeholder is added first (readers see a miss), the
   * source is re-read, and only if it is unchanged is the placeholder replaced by {@code cas}.
   * Every update writes or deletes the source before it writes the target, so either the re-read
   * sees it, or the update's write to the target comes after the placeholder (the cas then fails)
   * or after the value (which was visible only while the update was still running).
   */
  private void backfill(State s, K key, String logical, String sourceKey, Read<V> source) {
    int target = s.plan().readGeneration();
    V value = Objects.requireNonNull(source.value());
    byte[] bytes = encode(s, target, key, logical, value, "backfill", null);
    if (bytes == null) {
      return;
    }
    String targetKey = key(target, logical);
    byte[] placeholder = newLease();
    Outcome added = transport.add(targetKey, placeholder, s.config().leaseTtl());
    if (added != Outcome.DONE) {
      metrics.count("backfill", target, outcome(added));
      return; // a fresher value, another filler's placeholder, or no answer: leave it
    }
    Fetched again = transport.get(sourceKey);
    if (again.failed() || !Arrays.equals(again.value(), source.bytes())) {
      metrics.count("backfill", target, CacheMetrics.BACKFILL_UNDONE);
      transport.delete(targetKey); // only a placeholder or a newer value can be there: a miss
      return;
    }
    Fetched mine = transport.gets(targetKey);
    if (mine.present() && Arrays.equals(mine.value(), placeholder)) {
      metrics.count(
          "backfill",
          target,
          outcome(transport.cas(targetKey, mine.token(), bytes, s.spec().ttl())));
    } else {
      metrics.count("backfill", target, CacheMetrics.NOT_STORED);
    }
  }

  private void compare(State s, String logical, Read<V> home, Read<V> source) {
    boolean same;
    String reason = CacheMetrics.NONE;
    try {
      same =
          Objects.deepEquals(
              canonical.apply(Objects.requireNonNull(home.value())),
              canonical.apply(Objects.requireNonNull(source.value())));
    } catch (RuntimeException e) {
      same = false;
      reason = "canonical-form-error";
    }
    int g = s.plan().fallbackGeneration();
    metrics.count(
        "shadow", g, same ? CacheMetrics.SHADOW_MATCH : CacheMetrics.SHADOW_MISMATCH, reason);
    if (!same) {
      long now = System.nanoTime();
      long last = lastShadowLog.get();
      if (now - last >= SAMPLE_LOG_NANOS && lastShadowLog.compareAndSet(last, now)) {
        LOG.warn(
            "shadow mismatch in keyspace {} for key {}: g{} holds {} but g{} holds {}",
            keyspace,
            abbreviate(logical),
            s.plan().readGeneration(),
            abbreviate(String.valueOf(home.value())),
            g,
            abbreviate(String.valueOf(source.value())));
      }
    }
  }

  @Override
  public Optional<V> get(K key) {
    long start = System.nanoTime();
    try {
      State s = state();
      String logical = logical(key);
      if (isPending(s, logical)) {
        metrics.count("get", -1, CacheMetrics.MISS, "pending-invalidation");
        return Optional.empty();
      }
      return Optional.ofNullable(lookup(s, key, logical, "get", null).value());
    } finally {
      metrics.time("get", System.nanoTime() - start);
    }
  }

  @Override
  public Map<K, V> getAll(Collection<? extends K> keys) {
    long start = System.nanoTime();
    try {
      State s = state();
      RolloutPlan plan = s.plan();
      Map<String, K> byLogical = new LinkedHashMap<>();
      for (K key : keys) {
        String logical = logical(key);
        if (!isPending(s, logical)) {
          byLogical.putIfAbsent(logical, key);
        }
      }
      Map<K, V> result = new LinkedHashMap<>();
      if (plan.shadow()) {
        for (Map.Entry<String, K> entry : byLogical.entrySet()) {
          Read<V> read = lookup(s, entry.getValue(), entry.getKey(), "get_all", null);
          if (read.kind() == Kind.FAILED) {
            break; // no answer in time: the other keys would each wait a timeout too
          }
          if (read.hit()) {
            result.put(entry.getValue(), Objects.requireNonNull(read.value()));
          }
        }
        return result;
      }
      int home = plan.readGeneration();
      Map<String, String> homeKeys = new LinkedHashMap<>();
      byLogical.keySet().forEach(logical -> homeKeys.put(key(home, logical), logical));
      Multi mine = transport.getMulti(homeKeys.keySet());
      Map<String, Read<V>> misses = new LinkedHashMap<>();
      homeKeys.forEach(
          (physical, logical) -> {
            Read<V> read =
                decode(
                    fetched(mine, physical), home, "get_all", CacheMetrics.HIT, foreignHome(plan));
            if (read.hit()) {
              result.put(byLogical.get(logical), Objects.requireNonNull(read.value()));
            } else if (needsSecond(plan, read)) {
              misses.put(logical, read);
            }
          });
      if (!misses.isEmpty()) {
        List<String> sourceKeys = new ArrayList<>();
        misses.keySet().forEach(logical -> sourceKeys.add(key(plan.fallbackGeneration(), logical)));
        Multi source = transport.getMulti(sourceKeys);
        misses.forEach(
            (logical, read) -> {
              K key = byLogical.get(logical);
              Read<V> found =
                  afterHome(s, key, logical, "get_all", read, k -> fetched(source, k), null);
              if (found.hit()) {
                result.put(key, Objects.requireNonNull(found.value()));
              }
            });
      }
      return result;
    } finally {
      metrics.time("get_all", System.nanoTime() - start);
    }
  }

  @Override
  public @Nullable V getOrLoad(K key, Function<? super K, ? extends @Nullable V> loader) {
    long start = System.nanoTime();
    try {
      State s = state();
      String logical = logical(key);
      if (isPending(s, logical)) {
        metrics.count("get_or_load", -1, CacheMetrics.MISS, "pending-invalidation");
        return loader.apply(key);
      }
      List<Integer> unusable = new ArrayList<>(2);
      Read<V> found = lookup(s, key, logical, "get", unusable);
      if (found.hit()) {
        return found.value();
      }
      if (found.kind() == Kind.FAILED) {
        // The server did not answer: load without leases, whose adds would each wait a timeout.
        metrics.count("get_or_load", -1, CacheMetrics.LOADED);
        return loader.apply(key);
      }
      RolloutPlan plan = s.plan();
      Map<Integer, byte[]> leases = new TreeMap<>();
      Map<Integer, Long> tokens = new TreeMap<>();
      for (int g : fillGenerations(plan, found)) {
        String physical = key(g, logical);
        if (unusable.contains(g)) {
          // Replace what this runtime cannot use, unless it changes while we load.
          Fetched current = transport.gets(physical);
          if (current.present() && !isLease(Objects.requireNonNull(current.value()))) {
            tokens.put(g, current.token());
          }
          continue;
        }
        byte[] lease = newLease();
        if (transport.add(physical, lease, s.config().leaseTtl()) == Outcome.DONE) {
          leases.put(g, lease);
        }
      }
      V value = loader.apply(key);
      metrics.count("get_or_load", -1, CacheMetrics.LOADED);
      if (value == null || (leases.isEmpty() && tokens.isEmpty())) {
        return value;
      }
      State now = state();
      Map<CodecRegistry<V>, byte[]> encoded = new IdentityHashMap<>();
      leases.forEach(
          (g, lease) -> {
            String physical = key(g, logical);
            Fetched current = transport.gets(physical);
            if (current.present()
                && Arrays.equals(current.value(), lease)
                && fillable(now.plan(), g)) {
              fill(now, g, key, logical, value, physical, current.token(), encoded);
            }
          });
      tokens.forEach(
          (g, token) -> {
            if (fillable(now.plan(), g)) {
              fill(now, g, key, logical, value, key(g, logical), token, encoded);
            }
          });
      return value;
    } finally {
      metrics.time("get_or_load", System.nanoTime() - start);
    }
  }

  /**
   * Where a load is cached: every written generation of the plan; but an entry of the new runtime
   * that the old runtime does not read is never replaced (the new runtime reads it), so then the
   * old runtime caches in its own generation, which it falls back to.
   */
  private static List<Integer> fillGenerations(RolloutPlan plan, Read<?> found) {
    if (found.kind() == Kind.FOREIGN) {
      return List.of(plan.fallbackGeneration());
    }
    return List.copyOf(plan.writes().keySet());
  }

  private static boolean fillable(RolloutPlan plan, int g) {
    return plan.writes(g) || (plan.fallback() == Fallback.ON_FOREIGN_FORMAT && g == ownOld(plan));
  }

  private static int ownOld(RolloutPlan plan) {
    return plan.liveGenerations().get(0);
  }

  private void fill(
      State s,
      int g,
      K key,
      String logical,
      V value,
      String physical,
      long token,
      Map<CodecRegistry<V>, byte[]> encoded) {
    byte[] bytes = encode(s, g, key, logical, value, "fill", encoded);
    if (bytes == null) {
      return;
    }
    // A cas that times out and lands late is still safe: it stores only over the token it read.
    metrics.count("fill", g, outcome(transport.cas(physical, token, bytes, s.spec().ttl())));
  }

  // --- writes ------------------------------------------------------------------------------------

  @Override
  public boolean set(K key, V value) {
    Objects.requireNonNull(value, "value");
    long start = System.nanoTime();
    try {
      State s = state();
      String logical = logical(key);
      Map<CodecRegistry<V>, byte[]> encoded = new IdentityHashMap<>();
      boolean confirmed = true;
      // Old generation first: a back-fill's re-read of it must see this update before the new
      // generation does (see backfill).
      for (int g : s.plan().liveGenerations()) {
        String physical = key(g, logical);
        if (!confirmed) {
          // The server did not answer in time: do not wait again, invalidate in the background.
          invalidateQuietly(s, physical);
          continue;
        }
        byte[] bytes =
            s.plan().writes(g) ? encode(s, g, key, logical, value, "set", encoded) : null;
        if (bytes == null) {
          confirmed = deleteOne(s, g, physical, "set");
          continue;
        }
        Outcome stored = transport.set(physical, bytes, s.spec().ttl());
        metrics.count("set", g, outcome(stored));
        if (stored == Outcome.DONE) {
          pending.confirmed(physical);
        } else if (stored == Outcome.TIMED_OUT) {
          // No answer in time: the write may still land, after a later one. Invalidate behind it.
          pending.writeFailed(physical, s.spec().ttl(), landingWindow(s));
          confirmed = false;
        } else {
          // Not stored (a full server, an error): the previous value must not stay readable there.
          deleteOne(s, g, physical, "set");
          confirmed = false;
        }
      }
      return confirmed;
    } finally {
      metrics.time("set", System.nanoTime() - start);
    }
  }

  @Override
  public boolean delete(K key) {
    long start = System.nanoTime();
    try {
      State s = state();
      String logical = logical(key);
      boolean confirmed = true;
      for (int g : s.plan().liveGenerations()) {
        String physical = key(g, logical);
        if (confirmed) {
          confirmed = deleteOne(s, g, physical, "delete");
        } else {
          invalidateQuietly(s, physical);
        }
      }
      return confirmed;
    } finally {
      metrics.time("delete", System.nanoTime() - start);
    }
  }

  private boolean deleteOne(State s, int g, String physical, String op) {
    Outcome deleted = transport.delete(physical);
    if (deleted.failed()) {
      metrics.count(op, g, CacheMetrics.FAILED, "invalidation");
      pending.deleteFailed(physical, s.spec().ttl());
      return false;
    }
    metrics.count(op, g, CacheMetrics.DELETED);
    pending.confirmed(physical);
    return true;
  }

  /** A delete sent without waiting, owed until a retry confirms it. */
  private void invalidateQuietly(State s, String physical) {
    transport.invalidate(physical);
    pending.deleteFailed(physical, s.spec().ttl());
  }

  /**
   * How long after a write timed out it may still land by another route than its connection (a
   * reconnect): the second invalidation waits that long.
   */
  private static Duration landingWindow(State s) {
    Duration timeout = s.config().transport().timeout();
    Duration four = timeout.multipliedBy(4);
    return four.compareTo(Duration.ofSeconds(1)) > 0 ? four : Duration.ofSeconds(1);
  }

  private boolean rolledOut(State s, K key, String logical) {
    ToIntFunction<? super K> buckets = bucketFunction;
    int bucket =
        s.spec().writer().stickiness() == Stickiness.BUCKET && buckets != null
            ? Math.floorMod(buckets.applyAsInt(key), 100)
            : KeyRouter.bucketOf(logical);
    return bucket < s.spec().writer().percent();
  }

  /** The choice of the plan for {@code g} and this key; PRIMARY for the old runtime's own g. */
  private Choice choice(State s, int g, K key, String logical, String op) {
    RolloutPlan.Write write = s.plan().writes().get(g);
    if (write == null) {
      // Only a fill of the old runtime's own generation in UNIFIED gets here (fillable).
      return Choice.PRIMARY;
    }
    boolean rolled = rolledOut(s, key, logical);
    if (rolled ? write.rolledOutHeldBack() : write.othersHeldBack()) {
      metrics.count(op, g, CacheMetrics.HOLD_BACK, "capability");
    }
    return rolled ? write.rolledOut() : write.others();
  }

  private byte @Nullable [] encode(
      State s,
      int g,
      K key,
      String logical,
      V value,
      String op,
      @Nullable Map<CodecRegistry<V>, byte[]> encoded) {
    Choice choice = choice(s, g, key, logical, op);
    return switch (choice) {
      case NONE -> null;
      case PRIMARY -> {
        if (downcasts != null && downcasts.wantsProbe()) {
          probe(g, value, op, encoded);
        }
        yield encodeWith(primary, g, value, op, encoded);
      }
      case COMPATIBLE, COMPATIBLE_IF_EXACT -> {
        CodecRegistry<V> older = Objects.requireNonNull(compatible);
        if (choice == Choice.COMPATIBLE_IF_EXACT
            && Objects.requireNonNull(downcasts).lossyUpTo() >= older.writerSchemaVersion()) {
          // This runtime no longer trusts what it would read back from a downcast.
          yield encodeWith(primary, g, value, op, encoded);
        }
        byte[] bytes = encodeWith(older, g, value, op, encoded);
        if (bytes == null) {
          yield choice == Choice.COMPATIBLE ? null : encodeWith(primary, g, value, op, encoded);
        }
        DowncastCheck.Verdict verdict = Objects.requireNonNull(downcasts).check(value, bytes);
        if (verdict == DowncastCheck.Verdict.EXACT) {
          yield bytes;
        }
        metrics.count(op, g, CacheMetrics.LOSSY_DOWNCAST, verdict.name().toLowerCase(Locale.ROOT));
        // Where only this runtime reads, write what reads back exactly; where the old runtime
        // reads, it needs the downcast (its own view of the value), lossy or not.
        yield choice == Choice.COMPATIBLE ? bytes : encodeWith(primary, g, value, op, encoded);
      }
    };
  }

  /** Checks the downcast of a value written in the primary format (see wantsProbe). */
  private void probe(int g, V value, String op, @Nullable Map<CodecRegistry<V>, byte[]> encoded) {
    CodecRegistry<V> older = Objects.requireNonNull(compatible);
    byte[] bytes;
    try {
      bytes =
          encoded != null && encoded.containsKey(older) ? encoded.get(older) : older.encode(value);
    } catch (RuntimeException e) {
      return; // what cannot be downcast is never written downcast: nothing to check
    }
    if (Objects.requireNonNull(downcasts).check(value, bytes) == DowncastCheck.Verdict.LOSSY) {
      metrics.count(op, g, CacheMetrics.LOSSY_DOWNCAST, "probe");
    }
  }

  private byte @Nullable [] encodeWith(
      CodecRegistry<V> registry,
      int g,
      V value,
      String op,
      @Nullable Map<CodecRegistry<V>, byte[]> encoded) {
    if (encoded != null && encoded.containsKey(registry)) {
      return encoded.get(registry);
    }
    try {
      byte[] bytes = registry.encode(value);
      if (encoded != null) {
        encoded.put(registry, bytes);
      }
      return bytes;
    } catch (PayloadException e) {
      metrics.count(op, g, "encode_failure", e.kind().label());
      warnSampled(
          "cannot cache a value of keyspace {} in {}: {}",
          keyspace,
          format(registry),
          e.getMessage());
    } catch (RuntimeException e) {
      metrics.count(op, g, "encode_failure", "downcaster-error");
      warnSampled(
          "cannot cache a value of keyspace {} in {}: {}",
          keyspace,
          format(registry),
          e.toString());
    }
    return null;
  }

  private static String outcome(Outcome status) {
    return switch (status) {
      case DONE -> CacheMetrics.STORED;
      case REFUSED -> CacheMetrics.NOT_STORED;
      case FAILED, TIMED_OUT -> CacheMetrics.FAILED;
    };
  }

  // --- invalidations that failed --------------------------------------------------------------

  private boolean isPending(State s, String logical) {
    if (pending.isEmpty()) {
      return false;
    }
    for (int g : s.plan().liveGenerations()) {
      if (pending.owes(key(g, logical))) {
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

  // --- capabilities ----------------------------------------------------------------------------

  private void scheduleRefresh() {
    if (closed) {
      return;
    }
    // While the other runtime is not known to be live, look for its record every second, so a
    // runtime that starts (or comes back) is honoured within a second, not a refresh interval.
    long delay = rollout.config().capabilityRefresh().toMillis();
    if (state.plan().peer() != null && peer.liveness() != CapabilityBoard.Liveness.LIVE) {
      delay = Math.min(delay, 1000);
    }
    try {
      refresher =
          rollout
              .scheduler()
              .schedule(
                  () -> {
                    refreshCapabilities();
                    scheduleRefresh();
                  },
                  delay,
                  TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The rollout was closed; nothing refreshes any more.
    }
  }

  private void publishSoon() {
    if (closed) {
      return;
    }
    try {
      rollout.scheduler().execute(this::publishQuietly);
    } catch (RejectedExecutionException e) {
      // The rollout was closed.
    }
  }

  private void publishQuietly() {
    try {
      publish(state());
    } catch (RuntimeException e) {
      LOG.warn(
          "publishing the capability record of keyspace {} failed: {}", keyspace, e.toString());
    }
  }

  /** Writes this runtime's record: the generations it reads now, and the formats. */
  private void publish(State s) {
    RolloutConfig config = s.config();
    int generation = config.runtime(runtime).orElseThrow().generation();
    List<Integer> reads = s.plan().readGenerations();
    byte[] record =
        CapabilityBoard.encode(
            runtime, generation, keyspace, s.spec().phase(), reads, primary.readableFormats());
    if (transport.set(router.capabilityKey(keyspace, runtime), record, config.capabilityTtl())
        == Outcome.DONE) {
      published = reads;
    }
  }

  /** Publishes this runtime's record and reads the other runtime's; never throws. */
  void refreshCapabilities() {
    try {
      State s = state();
      publish(s);
      String other = s.plan().peer();
      if (other == null) {
        return;
      }
      Fetched fetched = transport.get(router.capabilityKey(keyspace, other));
      long now = clock.getAsLong();
      if (!fetched.failed()) {
        byte[] bytes = fetched.value();
        peerWatch.observed(bytes == null ? null : CapabilityBoard.decode(other, bytes), now);
      }
      PeerState next = peerWatch.state(now, goneAfter(s.config()).toNanos());
      if (!next.equals(peer)) {
        peer = next;
        state();
      }
    } catch (RuntimeException e) {
      LOG.warn("capability refresh of keyspace {} failed: {}", keyspace, e.toString());
    }
  }

  /**
   * How long the other runtime's record must be missing before it counts as gone: its TTL, and at
   * least two refresh intervals (a running runtime republishes at every refresh).
   */
  private static Duration goneAfter(RolloutConfig config) {
    Duration twoRefreshes = config.capabilityRefresh().multipliedBy(2);
    return config.capabilityTtl().compareTo(twoRefreshes) > 0
        ? config.capabilityTtl()
        : twoRefreshes;
  }

  // --- misc --------------------------------------------------------------------------------------

  @Override
  public VersionedCache.Status status() {
    State s = state();
    RolloutPlan plan = s.plan();
    Map<Integer, String> formats = new TreeMap<>();
    plan.writes()
        .forEach(
            (g, write) ->
                formats.put(
                    g,
                    "rolled-out keys: "
                        + describe(write.rolledOut())
                        + ", other keys: "
                        + describe(write.others())));
    List<Integer> write = List.copyOf(plan.writes().keySet());
    return new VersionedCache.Status(
        keyspace,
        runtime,
        s.spec().phase(),
        plan.readGeneration(),
        write,
        plan.liveGenerations(),
        s.spec().writer().percent(),
        formats,
        plan.holdBacks(),
        plan.peerLive());
  }

  private String describe(Choice choice) {
    return switch (choice) {
      case PRIMARY -> primaryFormat.label();
      case COMPATIBLE -> Objects.requireNonNull(compatibleFormat).label();
      case COMPATIBLE_IF_EXACT ->
          Objects.requireNonNull(compatibleFormat).label()
              + " where it reads back exactly, else "
              + primaryFormat.label();
      case NONE -> "invalidated";
    };
  }

  @Override
  public void close() {
    closed = true;
    ScheduledFuture<?> task = refresher;
    if (task != null) {
      task.cancel(false);
    }
    if (retrier != null) {
      retrier.cancel(false);
    }
    rollout.unregister(this);
  }

  private String logical(K key) {
    return Objects.requireNonNull(
        keyFunction.apply(Objects.requireNonNull(key, "key")), "keyFunction returned null");
  }

  private String key(int generation, String logical) {
    return router.physicalKey(keyspace, generation, logical);
  }

  private static boolean isLease(byte[] bytes) {
    if (bytes.length < LEASE.length) {
      return false;
    }
    for (int i = 0; i < LEASE.length; i++) {
      if (bytes[i] != LEASE[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] newLease() {
    byte[] lease = Arrays.copyOf(LEASE, LEASE.length + 16);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = LEASE.length; i < lease.length; i++) {
      lease[i] = (byte) random.nextInt(256);
    }
    return lease;
  }

  private void warnSampled(String message, Object... args) {
    long now = System.nanoTime();
    long last = lastWarnLog.get();
    if (now - last >= SAMPLE_LOG_NANOS && lastWarnLog.compareAndSet(last, now)) {
      LOG.warn(message, args);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  /** Invalidations this cache still owes (for tests). */
  int pendingInvalidations() {
    return pending.size();
  }

  Duration ttl() {
    return state().spec().ttl();
  }

  @Override
  public String toString() {
    State s = state();
    return "VersionedCache{" + keyspace + ", runtime " + runtime + ", " + s.spec().phase() + "}";
  }
}
