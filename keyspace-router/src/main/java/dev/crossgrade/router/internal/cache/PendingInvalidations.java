package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.internal.cache.GuardedTransport.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The invalidations one cache still owes, and their retries. Until an owed key's invalidation is
 * confirmed, the cache neither serves nor fills that key.
 *
 * <ul>
 *   <li>A write that failed or timed out may still land: memcached cannot take back a {@code set}
 *       already on the wire. So a delete is sent right behind it ({@link
 *       CacheTransport#invalidate}: on the same connection it lands after the write), and another
 *       after the landing window, for a write that reached the server some other way (a reconnect).
 *       Such a key stays owed until that second delete is confirmed, even if a later write of it
 *       succeeds.
 *   <li>A delete that failed is retried every round until confirmed, or until a later write or
 *       delete of the key is confirmed.
 * </ul>
 *
 * Each round deletes every due key at once and waits one timeout in all, so one unreachable key
 * does not hold back the others. An entry is dropped when the value it guards would have expired
 * anyway (the keyspace TTL). Thread-safe.
 */
public final class PendingInvalidations {
  static final int MAX_PENDING = 100_000;
  private static final int BATCH = 1_000;

  /** One owed invalidation: due at {@code retryAt}; moot after {@code expiresAt}. */
  private record Entry(long retryAt, long expiresAt, boolean lateWrite) {}

  private final ConcurrentHashMap<String, Entry> pending = new ConcurrentHashMap<>();
  private final GuardedTransport transport;
  private final CacheMetrics metrics;
  private final LongSupplier clock;

  PendingInvalidations(GuardedTransport transport, CacheMetrics metrics, LongSupplier clock) {
    this.transport = transport;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * A write of {@code physical} failed or timed out: sends a delete behind it now and owes another
   * after {@code landingWindow}.
   *
   * @return false when the list is full and the key could not be noted
   */
  boolean writeFailed(String physical, Duration ttl, Duration landingWindow) {
    transport.invalidate(physical);
    long now = clock.getAsLong();
    return note(physical, new Entry(now + landingWindow.toNanos(), now + ttl.toNanos(), true));
  }

  /**
   * A delete of {@code physical} failed: it is retried at the next round.
   *
   * @return false when the list is full and the key could not be noted
   */
  boolean deleteFailed(String physical, Duration ttl) {
    long now = clock.getAsLong();
    return note(physical, new Entry(now, now + ttl.toNanos(), false));
  }

  private boolean note(String physical, Entry entry) {
    if (pending.size() >= MAX_PENDING && !pending.containsKey(physical)) {
      metrics.count(
          CacheMetrics.Op.INVALIDATE,
          -1,
          CacheMetrics.Outcome.FAILED,
          CacheMetrics.Reason.PENDING_FULL);
      return false;
    }
    pending.merge(
        physical,
        entry,
        (was, now) ->
            new Entry(
                Math.max(was.retryAt(), now.retryAt()),
                Math.max(was.expiresAt(), now.expiresAt()),
                was.lateWrite() || now.lateWrite()));
    return true;
  }

  /**
   * A later write or delete of {@code physical} was confirmed: a failed delete is no longer owed.
   */
  void confirmed(String physical) {
    if (!pending.isEmpty()) {
      pending.computeIfPresent(physical, (key, entry) -> entry.lateWrite() ? entry : null);
    }
  }

  /** Whether {@code physical} has an invalidation owed. */
  boolean owes(String physical) {
    return !pending.isEmpty() && pending.containsKey(physical);
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  int size() {
    return pending.size();
  }

  /** One round: deletes every due key (up to a batch) at once, and waits one timeout in all. */
  void retry() {
    if (pending.isEmpty()) {
      return;
    }
    long now = clock.getAsLong();
    List<String> keys = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    for (Map.Entry<String, Entry> e : pending.entrySet()) {
      Entry entry = e.getValue();
      if (now - entry.expiresAt() > 0) {
        pending.remove(e.getKey(), entry);
      } else if (now - entry.retryAt() >= 0 && keys.size() < BATCH) {
        keys.add(e.getKey());
        entries.add(entry);
      }
    }
    if (keys.isEmpty()) {
      return;
    }
    List<Status> outcomes = transport.deleteAll(keys).join();
    for (int i = 0; i < keys.size(); i++) {
      if (outcomes.get(i) == Status.DONE && pending.remove(keys.get(i), entries.get(i))) {
        metrics.count(
            CacheMetrics.Op.INVALIDATE,
            -1,
            CacheMetrics.Outcome.DELETED,
            CacheMetrics.Reason.RETRIED);
      }
    }
  }
}
