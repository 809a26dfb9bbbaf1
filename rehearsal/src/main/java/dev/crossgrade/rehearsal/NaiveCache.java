package dev.crossgrade.rehearsal;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.Phase;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The naive strategy: no framework. Both runtimes share one key per product and each writes its own
 * codec's raw bytes there; a read decodes whatever it finds, so a payload of the other runtime
 * fails (the exception reaches the caller) or decodes into a wrong value. Fills after a load are
 * plain {@code set}s, without a lease.
 *
 * @param <V> the value type
 */
final class NaiveCache<V> implements ProductCache<V> {
  private static final Duration TTL = Duration.ofMinutes(10);
  private static final long TIMEOUT_MILLIS = 1000;

  private final CacheTransport transport;
  private final String prefix;
  private final Codec<V> codec;
  private final IntConsumer encodedBytes;

  NaiveCache(CacheTransport transport, String prefix, Codec<V> codec, IntConsumer encodedBytes) {
    this.transport = transport;
    this.prefix = prefix + ":naive:";
    this.codec = codec;
    this.encodedBytes = encodedBytes;
  }

  @Override
  public @Nullable V getOrLoad(String key, Function<String, @Nullable V> loader) {
    Optional<byte[]> found =
        await(transport.get(prefix + key).orTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
    if (found.isPresent()) {
      byte[] bytes = found.get();
      return codec.decode(bytes, 0, bytes.length, Limits.defaults());
    }
    V value = loader.apply(key);
    if (value != null) {
      set(key, value);
    }
    return value;
  }

  @Override
  public void set(String key, V value) {
    PayloadBuffer out = new PayloadBuffer(256, Limits.DEFAULT_MAX_PAYLOAD_SIZE);
    codec.encode(value, out, Limits.defaults());
    byte[] bytes = out.toByteArray();
    encodedBytes.accept(bytes.length);
    await(transport.set(prefix + key, bytes, TTL));
  }

  @Override
  public void delete(String key) {
    await(transport.delete(prefix + key));
  }

  @Override
  public void rollout(Phase phase, Plan.Writer writer) {
    // no framework, no phases
  }

  @Override
  public void close() {
    // the transport belongs to the caller
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the cache", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cache operation failed: " + e, e);
    }
  }
}
