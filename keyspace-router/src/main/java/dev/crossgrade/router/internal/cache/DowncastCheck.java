package dev.crossgrade.router.internal.cache;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.DecodeOutcome;
import dev.crossgrade.router.VersionedCache;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a value written in the compatible (downcast) format reads back, through this runtime's
 * own read path (envelope, reader, upcasters), as the same value; and which upcasts proved lossy.
 *
 * <p>A downcaster that drops a field (a currency the old schema has no place for) paired with an
 * upcaster that fills it with a guess would serve the guess as cached data. Each downcast this
 * runtime writes is therefore read back and compared ({@code equals}, or the same bytes in the
 * primary format for types without value equality). A downcast that does not read back as itself is
 * written only where the old runtime needs it, and from then on this runtime no longer trusts
 * values upcast from that schema version or older: they are misses, loaded from the source of
 * truth. (An upcaster that throws {@link dev.crossgrade.codec.UnderivableValueException} says so
 * itself, value by value, and is trusted otherwise.) Thread-safe.
 *
 * @param <V> the value type
 */
public final class DowncastCheck<V> {
  private static final Logger LOG = LoggerFactory.getLogger(VersionedCache.class);
  private static final long PROBE_ALL = 10_000;
  private static final long PROBE_EVERY = 64;

  /** How a downcast read back. */
  enum Verdict {
    /** As the same value. */
    EXACT,
    /** As another value: the pair loses data, and upcasts from its version are distrusted. */
    LOSSY,
    /** Not at all: an upcaster cannot derive a field, or the format is unreadable here. */
    NOT_READ_BACK
  }

  private final String keyspace;
  private final CodecRegistry<V> primary;
  private final AtomicInteger lossyUpTo = new AtomicInteger(-1);
  private final AtomicLong probes = new AtomicLong();

  DowncastCheck(String keyspace, CodecRegistry<V> primary) {
    this.keyspace = keyspace;
    this.primary = primary;
  }

  /** Reads {@code downcast}, the compatible encoding of {@code value}, back and compares. */
  Verdict check(V value, byte[] downcast) {
    DecodeOutcome<V> back;
    try {
      back = primary.tryDecode(downcast);
    } catch (RuntimeException e) {
      return Verdict.NOT_READ_BACK;
    }
    if (!(back instanceof DecodeOutcome.Hit<V> hit)) {
      return Verdict.NOT_READ_BACK;
    }
    if (same(value, hit.value())) {
      return Verdict.EXACT;
    }
    int version = hit.schemaVersion();
    int was = lossyUpTo.getAndAccumulate(version, Math::max);
    if (was < version) {
      LOG.warn(
          "keyspace {}: a value downcast to schema version {} reads back as another value ({} ->"
              + " {}); values upcast from schema version {} or older are no longer served from the"
              + " cache (they are loaded). Make the upcaster throw UnderivableValueException for"
              + " what it cannot derive, or the downcaster keep it.",
          keyspace,
          version,
          abbreviate(value),
          abbreviate(hit.value()),
          version);
    }
    return Verdict.LOSSY;
  }

  /**
   * Whether to check a value that is written in the primary format anyway: every one of the first
   * {@value #PROBE_ALL} and one in {@value #PROBE_EVERY} after that, while no loss was seen. So a
   * lossy pair is found on this runtime's own values before it reads many of the old runtime's
   * (through a fallback), even where it writes no downcast.
   */
  boolean wantsProbe() {
    if (lossyUpTo.get() >= 0) {
      return false;
    }
    long n = probes.incrementAndGet();
    return n <= PROBE_ALL || n % PROBE_EVERY == 0;
  }

  /** Whether a decoded value was upcast from a schema version whose upcasts proved lossy. */
  boolean distrusts(DecodeOutcome.Hit<V> hit) {
    int lossy = lossyUpTo.get();
    return lossy >= 0 && hit.upcast() && hit.schemaVersion() <= lossy;
  }

  /** The newest schema version whose upcasts proved lossy, or -1. */
  int lossyUpTo() {
    return lossyUpTo.get();
  }

  private boolean same(V value, V back) {
    if (Objects.equals(value, back)) {
      return true;
    }
    try {
      return Arrays.equals(primary.encode(value), primary.encode(back));
    } catch (RuntimeException e) { // a PayloadException among them
      return false;
    }
  }

  private static String abbreviate(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
