package dev.crossgrade.router;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.DecodeOutcome;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.router.CapabilityBoard.Format;
import dev.crossgrade.router.CapabilityBoard.View;
import dev.crossgrade.router.GuardedTransport.Fetched;
import dev.crossgrade.router.GuardedTransport.Multi;
import dev.crossgrade.router.GuardedTransport.Outcome;
import dev.crossgrade.router.RolloutConfig.KeyspaceSpec;
import dev.crossgrade.router.RolloutConfig.Stickiness;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of {@link VersionedCache}.
 *
 * <p>Invariants that keep both generations free of stale values in every phase and across phase
 * changes (including a phase that differs between two runtimes while a config change propagates):
 *
 * <ul>
 *   <li>Every {@code set} writes its target generations and deletes the key in every other live
 *       generation; every {@code delete} deletes it in every live generation, old generation first.
 *   <li>Only the new runtime back-fills, only from the old generation into its own: it adds a
 *       placeholder, re-reads the source, and replaces the placeholder by {@code cas} only if the
 *       source is unchanged. Because every update touches the source before the target, a
 *       back-filled value is never visible after an update of its key has completed.
 *   <li>A fill after a load is guarded by a lease: a unique marker added before the load and
 *       replaced by {@code cas} after it, so a set or delete during the load wins.
 *   <li>A failed invalidation is retried in the background; until it succeeds this cache does not
 *       serve or fill that key.
 * </ul>
 */
final class RealVersionedCache<K, V> implements VersionedCache<K, V> {
  private static final Logger LOG = LoggerFactory.getLogger(VersionedCache.class);
  private static final byte[] LEASE = "\u0000cg-lease:".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_PENDING = 100_000;
  private static final long SAMPLE_LOG_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final long RETRY_MILLIS = 500;

  private final String keyspace;
  private final String runtime;
  private final CodecRegistry<V> primary;
  private final @Nullable CodecRegistry<V> compatible;
  private final GuardedTransport transport;
  private final Rollout rollout;
  private final CacheMetrics metrics;
  private final Function<? super K, String> keyFunction;
  private final @Nullable ToIntFunction<? super K> bucketFunction;
  private final Function<? super V, ?> canonical;
  private final KeyRouter router;
  private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
  private final Object stateLock = new Object();
  private final AtomicLong lastShadowLog = new AtomicLong(System.nanoTime() - SAMPLE_LOG_NANOS);
  private final AtomicLong lastWarnLog = new AtomicLong(System.nanoTime() - SAMPLE_LOG_NANOS);
  private volatile View view = View.UNKNOWN;
  private volatile State<V> state;
  private volatile @Nullable ScheduledFuture<?> refresher;
  private final @Nullable ScheduledFuture<?> retrier;
  private volatile boolean closed;

  @SuppressWarnings("unchecked") // The builder's functions accept supertypes of K and V.
  RealVersionedCache(VersionedCache.Builder<K, V> builder, MeterRegistry registry) {
    this.keyspace = Objects.requireNonNull(builder.keyspace);
    this.runtime = Objects.requireNonNull(builder.runtime);
    this.primary = Objects.requireNonNull(builder.registry);
    this.compatible = builder.compatibleRegistry;
    this.rollout = Objects.requireNonNull(builder.rollout);
    this.metrics = new CacheMetrics(registry, keyspace, runtime);
    this.transport =
        new GuardedTransport(
            Objects.requireNonNull(builder.transport),
            () -> rollout.config().transport().timeout(),
            metrics);
    this.keyFunction = builder.keyFunction == null ? String::valueOf : builder.keyFunction;
    this.bucketFunction = builder.bucketFunction;
    this.canonical =
        builder.canonicalForm == null
            ? value -> value
            : (Function<? super V, ?>) builder.canonicalForm;
    RolloutConfig config = rollout.config();
    this.router = KeyRouter.withPrefix(config.prefix());
    this.state = compute(config, View.UNKNOWN);
    rollout.register(this, keyspace, runtime);
    refreshCapabilities();
    scheduleRefresh();
    this.retrier =
        rollout
            .scheduler()
            .scheduleWithFixedDelay(
                this::retryPending, RETRY_MILLIS, RETRY_MILLIS, TimeUnit.MILLISECONDS);
  }

  // --- state -------------------------------------------------------------------------------------

  /** Which registry writes a generation, for keys inside and outside the rollout percentage. */
  private record Writers<V>(
      @Nullable CodecRegistry<V> rolledOut,
      @Nullable CodecRegistry<V> others,
      boolean rolledOutHeldBack,
      boolean othersHeldBack) {}

  /** Everything derived from the config in force and the other runtime's capabilities. */
  private record State<V>(
      RolloutConfig config,
      View view,
      KeyspaceSpec spec,
      int gFrom,
      int gTo,
      int readGen,
      int[] writeGens,
      int[] liveGens,
      boolean fallback,
      boolean shadow,
      @Nullable String other,
      Map<Integer, Writers<V>> writers,
      List<String> holdBacks) {
    boolean writes(int generation) {
      for (int g : writeGens) {
        if (g == generation) {
          return true;
        }
      }
      return false;
    }
  }

  private State<V> state() {
    State<V> current = state;
    RolloutConfig config = rollout.config();
    View seen = view;
    if (current.config() == config && current.view() == seen) {
      return current;
    }
    synchronized (stateLock) {
      current = state;
      if (current.config() != config || current.view() != seen) {
        State<V> next = compute(config, seen);
        if (!next.holdBacks().equals(current.holdBacks()) && !next.holdBacks().isEmpty()) {
          LOG.info("keyspace {} runtime {} holds back: {}", keyspace, runtime, next.holdBacks());
        }
        state = next;
        current = next;
      }
      return current;
    }
  }

  private State<V> compute(RolloutConfig config, View seen) {
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
    boolean isTo = spec.to().equals(runtime);
    if (!isTo && !runtime.equals(spec.from())) {
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
    Phase phase = spec.phase();
    int readGen = phase == Phase.UNIFIED || isTo || gFrom < 0 ? gTo : gFrom;
    int[] live = gFrom < 0 ? new int[] {gTo} : new int[] {gFrom, gTo};
    int[] write = phase.writesBoth() && gFrom >= 0 ? live : new int[] {readGen};
    boolean fallback = isTo && gFrom >= 0 && phase.readsFallback();
    String other = gFrom < 0 ? null : isTo ? spec.from() : spec.to();
    Map<Integer, Writers<V>> writers = new TreeMap<>();
    List<String> holdBacks = new ArrayList<>();
    for (int g : write) {
      writers.put(g, writers(spec, phase, isTo, gFrom, gTo, g, other, seen, holdBacks));
    }
    return new State<>(
        config,
        seen,
        spec,
        gFrom,
        gTo,
        readGen,
        write,
        live,
        fallback,
        fallback && phase == Phase.SHADOW,
        other,
        Map.copyOf(writers),
        List.copyOf(holdBacks));
  }

  private Writers<V> writers(
      KeyspaceSpec spec,
      Phase phase,
      boolean isTo,
      int gFrom,
      int gTo,
      int g,
      @Nullable String other,
      View seen,
      List<String> holdBacks) {
    String codec = spec.writer().codec();
    boolean primaryIsTarget =
        codec == null
            || (primary.writerCodec().name().equals(codec)
                && primary.writerSchemaVersion() == spec.writer().schemaVersion());
    CodecRegistry<V> rolled = primaryIsTarget || compatible == null ? primary : compatible;
    CodecRegistry<V> others = compatible != null ? compatible : primary;
    boolean otherReads = false;
    if (other != null) {
      otherReads =
          isTo
              ? g == (phase == Phase.UNIFIED ? gTo : gFrom)
              : g == gTo || (g == gFrom && phase.readsFallback());
    }
    String[] reason = new String[1];
    CodecRegistry<V> forRolled = choose(rolled, g, otherReads, other, seen, reason);
    String rolledReason = reason[0];
    reason[0] = null;
    CodecRegistry<V> forOthers = choose(others, g, otherReads, other, seen, reason);
    String othersReason = reason[0];
    if (rolledReason != null && spec.writer().percent() > 0) {
      holdBacks.add(rolledReason);
    }
    if (othersReason != null
        && spec.writer().percent() < 100
        && !othersReason.equals(rolledReason)) {
      holdBacks.add(othersReason);
    }
    return new Writers<>(forRolled, forOthers, rolledReason != null, othersReason != null);
  }

  /** The preferred registry if the other runtime may read its format in {@code g}, else another. */
  private @Nullable CodecRegistry<V> choose(
      CodecRegistry<V> preferred,
      int g,
      boolean otherReads,
      @Nullable String other,
      View seen,
      String[] reason) {
    String blocked = otherReads ? blocked(preferred, g, other, seen) : null;
    if (blocked == null) {
      return preferred;
    }
    CodecRegistry<V> alternative = preferred == primary ? compatible : primary;
    if (alternative != null && blocked(alternative, g, other, seen) == null) {
      reason[0] = blocked + "; writing " + format(alternative) + " instead";
      return alternative;
    }
    reason[0] =
        blocked + "; nothing this runtime writes is readable there, so keys are invalidated";
    return null;
  }

  private @Nullable String blocked(
      CodecRegistry<V> registry, int g, @Nullable String other, View seen) {
    if (!seen.known()) {
      return registry == compatible || compatible == null
          ? null
          : "the capability record of runtime '" + other + "' has not been read yet";
    }
    CapabilityBoard.Record record = seen.records().get(other);
    if (record == null) {
      return null;
    }
    Format format = new Format(registry.writerCodec().id(), registry.writerSchemaVersion());
    if (record.reads(format)) {
      return null;
    }
    return "live runtime '"
        + other
        + "' reads ["
        + record.formats()
        + "] but not "
        + format(registry)
        + " in generation g"
        + g;
  }

  private static String format(CodecRegistry<?> registry) {
    return registry.writerCodec().name() + "@v" + registry.writerSchemaVersion();
  }

  // --- reads -------------------------------------------------------------------------------------

  private enum Kind {
    HIT,
    MISS,
    LEASED,
    UNREADABLE,
    FAILED
  }

  /** One generation read: what was there, and the value if it was readable. */
  private record Read<V>(Kind kind, @Nullable V value, byte @Nullable [] bytes) {
    static final Read<?> MISS = new Read<>(Kind.MISS, null, null);
    static final Read<?> LEASED = new Read<>(Kind.LEASED, null, null);
    static final Read<?> UNREADABLE = new Read<>(Kind.UNREADABLE, null, null);
    static final Read<?> FAILED = new Read<>(Kind.FAILED, null, null);

    boolean hit() {
      return kind == Kind.HIT;
    }
  }

  @SuppressWarnings("unchecked") // The shared constants hold no value.
  private static <V> Read<V> read(Read<?> constant) {
    return (Read<V>) constant;
  }

  private Read<V> decode(Fetched fetched, int g, String op, String hitOutcome) {
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
      metrics.count(op, g, hitOutcome);
      if (hit.upcast()) {
        metrics.count(op, g, CacheMetrics.UPCAST);
      }
      return new Read<>(Kind.HIT, hit.value(), bytes);
    }
    PayloadException reason = ((DecodeOutcome.Miss<V>) outcome).reason();
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

  /** Reads one key per the phase: own generation, then fallback or shadow. */
  private Read<V> lookup(State<V> s, K key, String logical, String op) {
    String homeKey = key(s.readGen(), logical);
    if (s.shadow()) {
      String sourceKey = key(s.gFrom(), logical);
      Multi both = transport.getMulti(List.of(homeKey, sourceKey));
      Read<V> home = decode(fetched(both, homeKey), s.readGen(), op, CacheMetrics.HIT);
      Read<V> source = decode(fetched(both, sourceKey), s.gFrom(), op, "shadow_read");
      if (home.hit() && source.hit()) {
        compare(s, logical, home, source);
      }
      if (home.hit() || !source.hit()) {
        return home;
      }
      metrics.count(op, s.gFrom(), CacheMetrics.FALLBACK_HIT);
      backfill(s, key, logical, sourceKey, source);
      return source;
    }
    Read<V> home = decode(transport.get(homeKey), s.readGen(), op, CacheMetrics.HIT);
    if (home.hit() || !s.fallback() || home.kind() == Kind.FAILED) {
      // After a failed read the caller has waited one timeout already: a miss, not a second wait.
      return home;
    }
    String sourceKey = key(s.gFrom(), logical);
    Read<V> source = decode(transport.get(sourceKey), s.gFrom(), op, CacheMetrics.FALLBACK_HIT);
    if (!source.hit()) {
      return home;
    }
    backfill(s, key, logical, sourceKey, source);
    return source;
  }

  /**
   * Copies a value read from the old generation into the new one without ever making it visible
   * after an update of the key completed: a placeholder is added first (readers see a miss), the
   * source is re-read, and only if it is unchanged is the placeholder replaced by {@code cas}. An
   * update deletes or overwrites the source before the target, so either the re-read sees it, or
   * the update's later write to the target removes the placeholder (the cas then fails) or the
   * value (which was visible only while the update was still running).
   */
  private void backfill(State<V> s, K key, String logical, String sourceKey, Read<V> source) {
    int target = s.gTo();
    byte[] bytes =
        encode(s, target, key, logical, Objects.requireNonNull(source.value()), "backfill", null);
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

  private void compare(State<V> s, String logical, Read<V> home, Read<V> source) {
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
    metrics.count(
        "shadow",
        s.gFrom(),
        same ? CacheMetrics.SHADOW_MATCH : CacheMetrics.SHADOW_MISMATCH,
        reason);
    if (!same) {
      long now = System.nanoTime();
      long last = lastShadowLog.get();
      if (now - last >= SAMPLE_LOG_NANOS && lastShadowLog.compareAndSet(last, now)) {
        LOG.warn(
            "shadow mismatch in keyspace {} for key {}: g{} holds {} but g{} holds {}",
            keyspace,
            abbreviate(logical),
            s.gTo(),
            abbreviate(String.valueOf(home.value())),
            s.gFrom(),
            abbreviate(String.valueOf(source.value())));
      }
    }
  }

  @Override
  public Optional<V> get(K key) {
    long start = System.nanoTime();
    try {
      State<V> s = state();
      String logical = logical(key);
      if (isPending(s, logical)) {
        metrics.count("get", -1, CacheMetrics.MISS, "pending-invalidation");
        return Optional.empty();
      }
      return Optional.ofNullable(lookup(s, key, logical, "get").value());
    } finally {
      metrics.time("get", System.nanoTime() - start);
    }
  }

  @Override
  public Map<K, V> getAll(Collection<? extends K> keys) {
    long start = System.nanoTime();
    try {
      State<V> s = state();
      Map<String, K> byLogical = new LinkedHashMap<>();
      for (K key : keys) {
        String logical = logical(key);
        if (!isPending(s, logical)) {
          byLogical.putIfAbsent(logical, key);
        }
      }
      Map<K, V> result = new LinkedHashMap<>();
      if (s.shadow()) {
        for (Map.Entry<String, K> entry : byLogical.entrySet()) {
          Read<V> read = lookup(s, entry.getValue(), entry.getKey(), "get_all");
          if (read.kind() == Kind.FAILED) {
            break; // no answer in time: the other keys would each wait a timeout too
          }
          if (read.hit()) {
            result.put(entry.getValue(), Objects.requireNonNull(read.value()));
          }
        }
        return result;
      }
      Map<String, String> homeKeys = new LinkedHashMap<>();
      byLogical.keySet().forEach(logical -> homeKeys.put(key(s.readGen(), logical), logical));
      Multi home = transport.getMulti(homeKeys.keySet());
      Map<String, String> sourceKeys = new LinkedHashMap<>();
      homeKeys.forEach(
          (physical, logical) -> {
            Read<V> read =
                decode(fetched(home, physical), s.readGen(), "get_all", CacheMetrics.HIT);
            if (read.hit()) {
              result.put(byLogical.get(logical), Objects.requireNonNull(read.value()));
            } else if (s.fallback() && read.kind() != Kind.FAILED) {
              sourceKeys.put(key(s.gFrom(), logical), logical);
            }
          });
      if (!sourceKeys.isEmpty()) {
        Multi source = transport.getMulti(sourceKeys.keySet());
        sourceKeys.forEach(
            (physical, logical) -> {
              Read<V> read =
                  decode(
                      fetched(source, physical), s.gFrom(), "get_all", CacheMetrics.FALLBACK_HIT);
              if (read.hit()) {
                K key = byLogical.get(logical);
                backfill(s, key, logical, physical, read);
                result.put(key, Objects.requireNonNull(read.value()));
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
      State<V> s = state();
      String logical = logical(key);
      if (isPending(s, logical)) {
        metrics.count("get_or_load", -1, CacheMetrics.MISS, "pending-invalidation");
        return loader.apply(key);
      }
      Read<V> found = lookup(s, key, logical, "get");
      if (found.hit()) {
        return found.value();
      }
      if (found.kind() == Kind.FAILED) {
        // The server did not answer: load without leases, whose adds would each wait a timeout.
        metrics.count("get_or_load", -1, CacheMetrics.LOADED);
        return loader.apply(key);
      }
      Map<Integer, byte[]> leases = new TreeMap<>();
      Map<Integer, Long> tokens = new TreeMap<>();
      for (int g : s.writeGens()) {
        if (writer(s, g, key, logical) == null) {
          continue;
        }
        String physical = key(g, logical);
        if (g == s.readGen() && found.kind() == Kind.UNREADABLE) {
          // Replace what this runtime cannot read, unless it changes while we load.
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
      State<V> now = state();
      Map<CodecRegistry<V>, byte[]> encoded = new IdentityHashMap<>();
      leases.forEach(
          (g, lease) -> {
            String physical = key(g, logical);
            Fetched current = transport.gets(physical);
            if (current.present() && Arrays.equals(current.value(), lease) && now.writes(g)) {
              fill(now, g, key, logical, value, physical, current.token(), encoded);
            }
          });
      tokens.forEach(
          (g, token) -> {
            if (now.writes(g)) {
              fill(now, g, key, logical, value, key(g, logical), token, encoded);
            }
          });
      return value;
    } finally {
      metrics.time("get_or_load", System.nanoTime() - start);
    }
  }

  private void fill(
      State<V> s,
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
    Outcome stored = transport.cas(physical, token, bytes, s.spec().ttl());
    metrics.count("fill", g, outcome(stored));
    if (stored == Outcome.FAILED) {
      invalidateLater(physical, s);
    }
  }

  // --- writes ------------------------------------------------------------------------------------

  @Override
  public boolean set(K key, V value) {
    Objects.requireNonNull(value, "value");
    long start = System.nanoTime();
    try {
      State<V> s = state();
      String logical = logical(key);
      Map<CodecRegistry<V>, byte[]> encoded = new IdentityHashMap<>();
      List<Integer> invalidate = new ArrayList<>();
      boolean confirmed = true;
      for (int g : s.writeGens()) {
        String physical = key(g, logical);
        byte[] bytes = encode(s, g, key, logical, value, "set", encoded);
        if (bytes == null) {
          invalidate.add(g);
          continue;
        }
        Outcome stored = transport.set(physical, bytes, s.spec().ttl());
        metrics.count("set", g, outcome(stored));
        if (stored == Outcome.DONE) {
          pending.remove(physical);
        } else {
          invalidateLater(physical, s);
          confirmed = false;
        }
      }
      for (int g : s.liveGens()) {
        if (!s.writes(g) || invalidate.contains(g)) {
          confirmed &= deleteOne(s, g, logical, "set");
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
      State<V> s = state();
      String logical = logical(key);
      boolean confirmed = true;
      for (int g : s.liveGens()) {
        confirmed &= deleteOne(s, g, logical, "delete");
      }
      return confirmed;
    } finally {
      metrics.time("delete", System.nanoTime() - start);
    }
  }

  private boolean deleteOne(State<V> s, int g, String logical, String op) {
    String physical = key(g, logical);
    Outcome deleted = transport.delete(physical);
    if (deleted == Outcome.FAILED) {
      metrics.count(op, g, CacheMetrics.FAILED, "invalidation");
      invalidateLater(physical, s);
      return false;
    }
    metrics.count(op, g, CacheMetrics.DELETED);
    pending.remove(physical);
    return true;
  }

  private @Nullable CodecRegistry<V> writer(State<V> s, int g, K key, String logical) {
    Writers<V> writers = s.writers().get(g);
    if (writers == null) {
      return null;
    }
    return rolledOut(s, key, logical) ? writers.rolledOut() : writers.others();
  }

  private boolean rolledOut(State<V> s, K key, String logical) {
    ToIntFunction<? super K> buckets = bucketFunction;
    int bucket =
        s.spec().writer().stickiness() == Stickiness.BUCKET && buckets != null
            ? Math.floorMod(buckets.applyAsInt(key), 100)
            : KeyRouter.bucketOf(logical);
    return bucket < s.spec().writer().percent();
  }

  private byte @Nullable [] encode(
      State<V> s,
      int g,
      K key,
      String logical,
      V value,
      String op,
      @Nullable Map<CodecRegistry<V>, byte[]> encoded) {
    Writers<V> writers = s.writers().get(g);
    if (writers == null) {
      return null;
    }
    boolean rolled = rolledOut(s, key, logical);
    if (rolled ? writers.rolledOutHeldBack() : writers.othersHeldBack()) {
      metrics.count(op, g, CacheMetrics.HOLD_BACK, "capability");
    }
    CodecRegistry<V> registry = rolled ? writers.rolledOut() : writers.others();
    if (registry == null) {
      return null;
    }
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
      case FAILED -> CacheMetrics.FAILED;
    };
  }

  // --- invalidations that failed --------------------------------------------------------------

  private void invalidateLater(String physical, State<V> s) {
    if (pending.size() >= MAX_PENDING) {
      metrics.count("invalidate", -1, CacheMetrics.FAILED, "pending-full");
      warnSampled(
          "{} pending invalidations in keyspace {}; dropping {}", MAX_PENDING, keyspace, physical);
      return;
    }
    pending.put(physical, System.nanoTime() + s.spec().ttl().toNanos());
  }

  private boolean isPending(State<V> s, String logical) {
    if (pending.isEmpty()) {
      return false;
    }
    for (int g : s.liveGens()) {
      if (pending.containsKey(key(g, logical))) {
        return true;
      }
    }
    return false;
  }

  private void retryPending() {
    try {
      long now = System.nanoTime();
      for (Map.Entry<String, Long> entry : pending.entrySet()) {
        if (closed) {
          return;
        }
        if (now - entry.getValue() > 0) {
          pending.remove(entry.getKey(), entry.getValue());
        } else if (transport.delete(entry.getKey()) == Outcome.DONE) {
          pending.remove(entry.getKey(), entry.getValue());
          metrics.count("invalidate", -1, CacheMetrics.DELETED, "retried");
        } else {
          return; // still unreachable: try again at the next round
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("retrying invalidations of keyspace {} failed: {}", keyspace, e.toString());
    }
  }

  // --- capabilities ----------------------------------------------------------------------------

  private void scheduleRefresh() {
    if (closed) {
      return;
    }
    long delay = rollout.config().capabilityRefresh().toMillis();
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
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // The rollout was closed; nothing refreshes any more.
    }
  }

  /** Publishes this runtime's record and reads the other runtime's; never throws. */
  void refreshCapabilities() {
    try {
      State<V> s = state();
      RolloutConfig config = s.config();
      int generation = config.runtime(runtime).orElseThrow().generation();
      byte[] record =
          CapabilityBoard.encode(runtime, generation, keyspace, primary.readableFormats());
      transport.set(router.capabilityKey(keyspace, runtime), record, config.capabilityTtl());
      String other = s.other();
      if (other == null) {
        if (!view.known()) {
          view = new View(Map.of(), true);
        }
        return;
      }
      Fetched fetched = transport.get(router.capabilityKey(keyspace, other));
      if (fetched.failed()) {
        return; // keep what we knew
      }
      byte[] bytes = fetched.value();
      View next =
          bytes == null
              ? new View(Map.of(), true)
              : new View(Map.of(other, CapabilityBoard.decode(other, bytes)), true);
      if (!next.equals(view)) {
        view = next;
        state();
      }
    } catch (RuntimeException e) {
      LOG.warn("capability refresh of keyspace {} failed: {}", keyspace, e.toString());
    }
  }

  // --- misc --------------------------------------------------------------------------------------

  @Override
  public VersionedCache.Status status() {
    State<V> s = state();
    Map<Integer, String> formats = new TreeMap<>();
    s.writers()
        .forEach(
            (g, writers) ->
                formats.put(
                    g,
                    "rolled-out keys: "
                        + (writers.rolledOut() == null
                            ? "invalidated"
                            : format(writers.rolledOut()))
                        + ", other keys: "
                        + (writers.others() == null ? "invalidated" : format(writers.others()))));
    List<Integer> write = Arrays.stream(s.writeGens()).boxed().toList();
    List<Integer> live = Arrays.stream(s.liveGens()).boxed().toList();
    return new VersionedCache.Status(
        keyspace,
        runtime,
        s.spec().phase(),
        s.readGen(),
        write,
        live,
        s.spec().writer().percent(),
        formats,
        s.holdBacks(),
        s.other() != null && s.view().records().containsKey(s.other()));
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

  Duration ttl() {
    return state().spec().ttl();
  }

  @Override
  public String toString() {
    State<V> s = state();
    return "VersionedCache{" + keyspace + ", runtime " + runtime + ", " + s.spec().phase() + "}";
  }
}
