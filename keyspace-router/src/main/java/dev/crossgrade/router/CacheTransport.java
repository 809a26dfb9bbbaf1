package dev.crossgrade.router;

import dev.crossgrade.router.internal.cache.EmbeddedTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The cache operations that {@link VersionedCache} needs from a memcached-like store, on raw bytes:
 * the SPI that each cache client adapter implements. Keys are valid memcached keys (see {@link
 * KeyRouter}); a {@code ttl} of zero means no expiry.
 *
 * <p>Every operation returns a future and may complete it on another thread (the client's I/O
 * thread: {@link VersionedCache} does only quick, non-blocking work there). A future completes
 * exceptionally when the store could not be reached or answered with an error; a memcached
 * transport's write with {@link ItemTooLargeException}, before anything is sent, when the value
 * would not fit in the server's item together with its key; and with a {@link
 * java.util.concurrent.TimeoutException} (or an exception caused by one) when the client itself
 * gave up waiting, since such an operation may still reach the store later. {@link VersionedCache}
 * turns every failure, and any future slower than the configured timeout, into a miss and a metric,
 * never into an exception at its caller. Implementations must be thread-safe. The embedded store is
 * {@link #embedded(long)}; network clients come from transport modules ({@code
 * crossgrade-transport-spymemcached}, {@code -xmemcached}, {@code -lettuce}), each building its own
 * in code and providing it to {@link #fromConfig} for a config's {@code transport} section ({@link
 * CacheTransportProvider}).
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

  /** Stores {@code value}; true when stored, false or a failed future when nothing was stored. */
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

  /**
   * One step of {@link #writeAll}: store {@code value} under {@code key}, or delete the key when
   * {@code value} is null.
   *
   * @param key the key
   * @param value the bytes to store, or null to delete
   * @param ttl the expiry of a stored value; zero for none
   */
  record Write(String key, byte @Nullable [] value, Duration ttl) {
    /** Checks the parts. */
    public Write {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(ttl, "ttl");
    }

    /** A delete of {@code key}. */
    public static Write delete(String key) {
      return new Write(key, null, Duration.ZERO);
    }
  }

  /**
   * Sets or deletes every key of {@code writes}, in the order given: each step reaches the store
   * after the steps before it. {@link VersionedCache} relies on that order (a key's old generation
   * before its new one), and gives only keys of one {@link KeyRouter#placementKey placement key},
   * which a client places on one server and sends on one connection. The futures hold each step's
   * answer, in order ({@code true}: stored, or deleted; {@code false}: not stored, or nothing to
   * delete), each completing as that step alone would.
   *
   * <p>The default issues each step when the one before has answered: the order holds for any
   * client, at one round trip per step. A client that keeps the order of the commands on a
   * connection overrides it to send them all at once: one round trip.
   */
  default List<CompletableFuture<Boolean>> writeAll(List<Write> writes) {
    List<CompletableFuture<Boolean>> steps = new ArrayList<>(writes.size());
    CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
    for (Write write : writes) {
      CompletableFuture<Boolean> step =
          previous.handle((answer, failure) -> write).thenCompose(this::issue);
      steps.add(step);
      previous = step;
    }
    return steps;
  }

  /** One step of {@link #writeAll}: a set, or a delete when the value is null. */
  default CompletableFuture<Boolean> issue(Write write) {
    byte[] value = write.value();
    try {
      return value == null ? delete(write.key()) : set(write.key(), value, write.ttl());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
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

  /**
   * Builds the transport that a config's {@code transport} section describes, on the client it
   * names: {@code embedded}, built in, or one that a transport module on the class path provides
   * ({@link CacheTransportProvider}), such as {@code spymemcached}, {@code xmemcached} or {@code
   * lettuce}.
   *
   * @throws IllegalArgumentException if no available client has that name, or the section does not
   *     suit the client
   */
  static CacheTransport fromConfig(RolloutConfig.TransportSpec spec) {
    CacheTransportProvider provider =
        CacheTransportProvider.find(spec.client())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        ("no cache client '%s' here; available: %s (a transport module on the class path "
                                + "adds its own, such as crossgrade-transport-lettuce for lettuce)")
                            .formatted(
                                spec.client(), String.join(", ", CacheTransportProvider.names()))));
    return provider.create(spec);
  }

  /** An in-process store of up to 64 MiB; see {@link #embedded(long)}. */
  static CacheTransport embedded() {
    return new EmbeddedTransport(64L << 20);
  }
}
