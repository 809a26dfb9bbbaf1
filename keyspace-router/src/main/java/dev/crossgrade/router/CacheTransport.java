package dev.crossgrade.router;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The cache operations that {@link VersionedCache} needs from a memcached-like store, on raw bytes:
 * the SPI that each cache client adapter implements. Keys are valid memcached keys (see {@link
 * KeyRouter}); a {@code ttl} of zero means no expiry.
 *
 * <p>Every operation returns a future and may complete it on another thread. A future completes
 * exceptionally when the store could not be reached or answered with an error; {@link
 * VersionedCache} turns that, and any future slower than the configured timeout, into a miss and a
 * metric, never into an exception at its caller. Implementations must be thread-safe. The embedded
 * store is {@link #embedded(long)}; memcached clients are built by {@link MemcachedTransport}.
 */
public interface CacheTransport extends AutoCloseable {

  /**
   * A stored value and its compare-and-swap token.
   *
   * @param value the stored bytes
   * @param token the token that {@link #cas} needs to replace exactly this value
   */
  record CasValue(byte[] value, long token) {}

  /** A short name for metrics and logs, such as {@code spymemcached}. */
  String name();

  /** The value stored under {@code key}, or empty on a miss. */
  CompletableFuture<Optional<byte[]>> get(String key);

  /** The values stored under {@code keys}; missing keys are absent from the map. */
  CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys);

  /** The value stored under {@code key} with its compare-and-swap token, or empty on a miss. */
  CompletableFuture<Optional<CasValue>> gets(String key);

  /** Stores {@code value}; true when stored. */
  CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl);

  /** Stores {@code value} only if {@code key} holds nothing; true when stored. */
  CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl);

  /**
   * Replaces the value only if it is still the one {@code token} was read with; true when stored,
   * false when the key changed or is gone.
   */
  CompletableFuture<Boolean> cas(String key, long token, byte[] value, Duration ttl);

  /** Deletes {@code key}; true when it was deleted, false when it held nothing. */
  CompletableFuture<Boolean> delete(String key);

  /**
   * Deletes {@code key} without waiting for the answer, and without blocking the caller. {@link
   * VersionedCache} calls it right after a write of {@code key} that failed or timed out: a write
   * that timed out may still land, and a delete sent after it on the same connection lands after
   * it, so another runtime cannot keep serving the late value. The default sends {@link
   * #delete(String)} and ignores the answer; an adapter whose calls block overrides it.
   */
  default void invalidate(String key) {
    try {
      delete(key);
    } catch (RuntimeException e) {
      // Best effort: the caller also retries the invalidation until it is confirmed.
    }
  }

  /** Releases connections and threads; idempotent. */
  @Override
  void close();

  /**
   * An in-process store (Caffeine) bounded to about {@code maximumBytes} of keys and values, with
   * per-entry expiry: the default, so that everything runs without a server.
   *
   * @throws IllegalArgumentException if {@code maximumBytes} is below 1 KiB
   */
  static CacheTransport embedded(long maximumBytes) {
    return new EmbeddedTransport(maximumBytes);
  }

  /** An in-process store of up to 64 MiB; see {@link #embedded(long)}. */
  static CacheTransport embedded() {
    return new EmbeddedTransport(64L << 20);
  }
}
