package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.internal.cache.CapabilityBoard.Liveness;
import dev.crossgrade.router.internal.cache.CapabilityBoard.PeerState;
import dev.crossgrade.router.internal.cache.CapabilityBoard.Record;
import org.jspecify.annotations.Nullable;

/**
 * One runtime's memory of another runtime's capability record. A record is a cache entry: a {@code
 * flush_all}, a memcached restart or an eviction removes it while its runtime still runs, and that
 * runtime republishes it only at its next refresh. So a missing record does not mean the runtime is
 * gone: the last record read stays in force, and the runtime counts as gone only when no record was
 * seen for {@code goneAfter} (at least one capability TTL, longer than any gap between two
 * refreshes of a running runtime). Before any record was read the runtime is {@link
 * Liveness#UNKNOWN}: writers then assume it reads where its phase says, and only the compatible
 * format. Thread-safe; time is passed in, so tests control it.
 */
public final class PeerWatch {
  private final long startNanos;
  private @Nullable Record last;
  private long lastSeenNanos;

  PeerWatch(long nowNanos) {
    this.startNanos = nowNanos;
  }

  /** Notes what a read of the record found: the record, or null when the entry was missing. */
  synchronized void observed(@Nullable Record record, long nowNanos) {
    if (record != null) {
      last = record;
      lastSeenNanos = nowNanos;
    }
  }

  /** What is known at {@code nowNanos}. */
  synchronized PeerState state(long nowNanos, long goneAfterNanos) {
    if (last == null) {
      return nowNanos - startNanos < goneAfterNanos
          ? PeerState.UNKNOWN
          : new PeerState(Liveness.GONE, null);
    }
    return new PeerState(
        nowNanos - lastSeenNanos < goneAfterNanos ? Liveness.LIVE : Liveness.GONE, last);
  }
}
