package dev.crossgrade.router.internal.cache;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.DecodeOutcome;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.router.VersionedCache;
import dev.crossgrade.router.internal.cache.CacheMetrics.Op;
import dev.crossgrade.router.internal.cache.CacheMetrics.Outcome;
import dev.crossgrade.router.internal.cache.CacheMetrics.Reason;
import dev.crossgrade.router.internal.cache.CapabilityBoard.Format;
import dev.crossgrade.router.internal.cache.GuardedTransport.Fetched;
import dev.crossgrade.router.internal.cache.RolloutPlan.Choice;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cache's registries as the rollout uses them: what a stored entry reads as ({@link #decode}),
 * and the bytes a value is written as in a generation, by the plan's choice ({@link #encode}), with
 * every downcast checked by reading it back ({@link DowncastCheck}). Leases and placeholders are
 * recognised here too: they are misses, never decoded.
 *
 * @param <V> the value type
 */
public final class Codecs<V> {
  private static final Logger LOG = LoggerFactory.getLogger(VersionedCache.class);
  private static final byte[] LEASE = "\u0000cg-lease:".getBytes(StandardCharsets.US_ASCII);
  private static final long SAMPLE_LOG_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final String keyspace;
  private final CodecRegistry<V> primary;
  private final @Nullable CodecRegistry<V> compatible;
  private final RolloutPlan.Named primaryFormat;
  private final RolloutPlan.@Nullable Named compatibleFormat;
  private final @Nullable DowncastCheck<V> downcasts;
  private final CacheMetrics metrics;
  private final AtomicLong lastWarnLog = new AtomicLong(System.nanoTime() - SAMPLE_LOG_NANOS);

  Codecs(
      String keyspace,
      CodecRegistry<V> primary,
      @Nullable CodecRegistry<V> compatible,
      CacheMetrics metrics) {
    this.keyspace = keyspace;
    this.primary = primary;
    this.compatible = compatible;
    this.primaryFormat = named(primary);
    this.compatibleFormat = compatible == null ? null : named(compatible);
    this.downcasts = compatible == null ? null : new DowncastCheck<>(keyspace, primary);
    this.metrics = metrics;
  }

  private static RolloutPlan.Named named(CodecRegistry<?> registry) {
    return new RolloutPlan.Named(
        new Format(registry.writerCodec().id(), registry.writerSchemaVersion()), label(registry));
  }

  static String label(CodecRegistry<?> registry) {
    return registry.writerCodec().name() + "@v" + registry.writerSchemaVersion();
  }

  CodecRegistry<V> primary() {
    return primary;
  }

  RolloutPlan.Side side(boolean isNew) {
    return new RolloutPlan.Side(isNew, primaryFormat, compatibleFormat);
  }

  /** What a format choice writes, for {@code status()}. */
  String describe(Choice choice) {
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

  // --- reading ---------------------------------------------------------------------------------

  /**
   * What one generation's answer reads as.
   *
   * @param foreignExpected whether a format this runtime does not read is expected there (the old
   *     runtime reading the shared generation in UNIFIED): then it is a miss, not damage
   */
  Read<V> decode(Fetched fetched, int g, Op op, Outcome hitOutcome, boolean foreignExpected) {
    if (fetched.failed()) {
      metrics.count(op, g, Outcome.FAILED, Reason.TRANSPORT);
      return Read.of(Read.Kind.FAILED);
    }
    byte[] bytes = fetched.value();
    if (bytes == null) {
      metrics.count(op, g, Outcome.MISS);
      return Read.of(Read.Kind.MISS);
    }
    if (isLease(bytes)) {
      metrics.count(op, g, Outcome.MISS, Reason.LEASE);
      return Read.of(Read.Kind.LEASED);
    }
    DecodeOutcome<V> outcome;
    try {
      outcome = primary.tryDecode(bytes);
    } catch (RuntimeException e) {
      // An upcaster's own exception is not a PayloadException; it must not reach the caller.
      metrics.count(op, g, Outcome.DECODE_FAILURE, Reason.UPCASTER_ERROR);
      warnSampled("upcaster failed reading generation g{} of {}: {}", g, keyspace, e.toString());
      return Read.of(Read.Kind.UNREADABLE);
    }
    if (outcome instanceof DecodeOutcome.Hit<V> hit) {
      if (downcasts != null && downcasts.distrusts(hit)) {
        metrics.count(op, g, Outcome.MISS, Reason.LOSSY_UPCAST);
        return Read.of(Read.Kind.UNUSABLE);
      }
      metrics.count(op, g, hitOutcome);
      if (hit.upcast()) {
        metrics.count(op, g, Outcome.UPCAST);
      }
      return Read.hit(hit.value(), bytes);
    }
    PayloadException reason = ((DecodeOutcome.Miss<V>) outcome).reason();
    switch (reason.kind()) {
      case UNDERIVABLE_VALUE -> {
        metrics.count(op, g, Outcome.MISS, Reason.UNDERIVABLE);
        return Read.of(Read.Kind.UNUSABLE);
      }
      case UNKNOWN_CODEC, UNSUPPORTED_SCHEMA_VERSION -> {
        if (foreignExpected) {
          metrics.count(op, g, Outcome.MISS, Reason.NEWER_FORMAT);
          return Read.of(Read.Kind.FOREIGN);
        }
      }
      default -> {}
    }
    metrics.count(op, g, Outcome.DECODE_FAILURE, Reason.of(reason.kind()));
    return Read.of(Read.Kind.UNREADABLE);
  }

  static boolean isLease(byte[] bytes) {
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

  /** A fresh lease or placeholder: unique bytes that no reader decodes. */
  static byte[] newLease() {
    byte[] lease = Arrays.copyOf(LEASE, LEASE.length + 16);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = LEASE.length; i < lease.length; i++) {
      lease[i] = (byte) random.nextInt(256);
    }
    return lease;
  }

  // --- writing ---------------------------------------------------------------------------------

  /**
   * The plan's choice for {@code g} and a key inside ({@code rolled}) or outside the writer
   * percentage, counting a hold-back. A generation the plan does not write is the old runtime's own
   * in UNIFIED (its fills go there): its primary format.
   */
  Choice choose(CacheState s, int g, boolean rolled, Op op) {
    RolloutPlan.Write write = s.plan().writes().get(g);
    if (write == null) {
      return Choice.PRIMARY;
    }
    if (rolled ? write.rolledOutHeldBack() : write.othersHeldBack()) {
      metrics.count(op, g, Outcome.HOLD_BACK, Reason.CAPABILITY);
    }
    return rolled ? write.rolledOut() : write.others();
  }

  /** The bytes of {@code value} for generation {@code g} by the plan, or null for none. */
  byte @Nullable [] encode(CacheState s, int g, boolean rolled, V value, Op op, Memo memo) {
    return encode(choose(s, g, rolled, op), value, g, op, memo);
  }

  /**
   * The bytes {@code value} is written as by {@code choice}, or null when nothing is to be written
   * there (invalidated, or the value cannot be encoded). {@code memo} keeps one encoding per
   * registry across the generations of one write.
   */
  byte @Nullable [] encode(Choice choice, V value, int g, Op op, Memo memo) {
    return switch (choice) {
      case NONE -> null;
      case PRIMARY -> {
        if (downcasts != null && downcasts.wantsProbe()) {
          probe(value, g, op, memo);
        }
        yield encodeWith(primary, value, g, op, memo);
      }
      case COMPATIBLE, COMPATIBLE_IF_EXACT -> {
        CodecRegistry<V> older = Objects.requireNonNull(compatible);
        DowncastCheck<V> check = Objects.requireNonNull(downcasts);
        if (choice == Choice.COMPATIBLE_IF_EXACT
            && check.lossyUpTo() >= older.writerSchemaVersion()) {
          // This runtime no longer trusts what it would read back from a downcast.
          yield encodeWith(primary, value, g, op, memo);
        }
        byte[] bytes = encodeWith(older, value, g, op, memo);
        if (bytes == null) {
          yield choice == Choice.COMPATIBLE ? null : encodeWith(primary, value, g, op, memo);
        }
        DowncastCheck.Verdict verdict = memo.verdict(check, value, bytes);
        if (verdict == DowncastCheck.Verdict.EXACT) {
          yield bytes;
        }
        metrics.count(
            op,
            g,
            Outcome.LOSSY_DOWNCAST,
            verdict == DowncastCheck.Verdict.LOSSY ? Reason.LOSSY : Reason.NOT_READ_BACK);
        // Where only this runtime reads, write what reads back exactly; where the old runtime
        // reads, it needs the downcast (its own view of the value), lossy or not.
        yield choice == Choice.COMPATIBLE ? bytes : encodeWith(primary, value, g, op, memo);
      }
    };
  }

  /** Checks the downcast of a value written in the primary format (see wantsProbe). */
  private void probe(V value, int g, Op op, Memo memo) {
    CodecRegistry<V> older = Objects.requireNonNull(compatible);
    byte[] bytes = memo.bytes(older);
    if (bytes == null) {
      try {
        bytes = older.encode(value);
      } catch (RuntimeException e) {
        return; // what cannot be downcast is never written downcast: nothing to check
      }
    }
    if (memo.verdict(Objects.requireNonNull(downcasts), value, bytes)
        == DowncastCheck.Verdict.LOSSY) {
      metrics.count(op, g, Outcome.LOSSY_DOWNCAST, Reason.PROBE);
    }
  }

  private byte @Nullable [] encodeWith(
      CodecRegistry<V> registry, V value, int g, Op op, Memo memo) {
    byte[] known = memo.bytes(registry);
    if (known != null) {
      return known;
    }
    try {
      byte[] bytes = registry.encode(value);
      memo.put(registry, bytes);
      return bytes;
    } catch (PayloadException e) {
      metrics.count(op, g, Outcome.ENCODE_FAILURE, Reason.of(e.kind()));
      warnSampled(
          "cannot cache a value of keyspace {} in {}: {}",
          keyspace,
          label(registry),
          e.getMessage());
    } catch (RuntimeException e) {
      metrics.count(op, g, Outcome.ENCODE_FAILURE, Reason.DOWNCASTER_ERROR);
      warnSampled(
          "cannot cache a value of keyspace {} in {}: {}", keyspace, label(registry), e.toString());
    }
    return null;
  }

  /** The encodings (and the downcast verdict) of one value for one write, computed once. */
  static final class Memo {
    private @Nullable CodecRegistry<?> first;
    private byte @Nullable [] firstBytes;
    private @Nullable CodecRegistry<?> second;
    private byte @Nullable [] secondBytes;
    private DowncastCheck.@Nullable Verdict verdict;

    byte @Nullable [] bytes(CodecRegistry<?> registry) {
      return registry == first ? firstBytes : registry == second ? secondBytes : null;
    }

    void put(CodecRegistry<?> registry, byte[] bytes) {
      if (first == null || first == registry) {
        first = registry;
        firstBytes = bytes;
      } else {
        second = registry;
        secondBytes = bytes;
      }
    }

    <V> DowncastCheck.Verdict verdict(DowncastCheck<V> check, V value, byte[] downcast) {
      DowncastCheck.Verdict known = verdict;
      if (known == null) {
        known = check.check(value, downcast);
        verdict = known;
      }
      return known;
    }
  }

  private void warnSampled(String message, Object... args) {
    long now = System.nanoTime();
    long last = lastWarnLog.get();
    if (now - last >= SAMPLE_LOG_NANOS && lastWarnLog.compareAndSet(last, now)) {
      LOG.warn(message, args);
    }
  }
}
