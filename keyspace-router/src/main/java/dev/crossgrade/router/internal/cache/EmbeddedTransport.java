package dev.crossgrade.router.internal.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.crossgrade.router.CacheTransport;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The embedded store: a bounded Caffeine cache with per-entry expiry and memcached semantics. */
public final class EmbeddedTransport implements CacheTransport {
  private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

  /** One stored value; {@code ttl} is zero for no expiry. */
  private record Entry(byte[] value, long token, Duration ttl) {}

  private final Cache<String, Entry> cache;
  private final AtomicLong tokens = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  public EmbeddedTransport(long maximumBytes) {
    if (maximumBytes < 1024) {
      throw new IllegalArgumentException(
          "maximumBytes must be at least 1 KiB, was " + maximumBytes);
    }
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maximumBytes)
            .weigher((String key, Entry entry) -> 2 * key.length() + entry.value().length + 48)
            .expireAfter(
                Expiry.writing(
                    (String key, Entry entry) -> entry.ttl().isZero() ? FOREVER : entry.ttl()))
            .executor(Runnable::run)
            .build();
  }

  @Override
  public String name() {
    return "embedded";
  }

  @Override
  public CompletableFuture<Optional<byte[]>> get(String key) {
    Entry entry = cache.getIfPresent(key);
    return done(entry == null ? Optional.empty() : Optional.of(entry.value()));
  }

  @Override
  public CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys) {
    Map<String, byte[]> found = new LinkedHashMap<>();
    for (String key : keys) {
      Entry entry = cache.getIfPresent(key);
      if (entry != null) {
        found.put(key, entry.value());
      }
    }
    return done(found);
  }

  @Override
  public CompletableFuture<Optional<CasValue>> gets(String key) {
    Entry entry = cache.getIfPresent(key);
    return done(
        entry == null ? Optional.empty() : Optional.of(new CasValue(entry.value(), entry.token())));
  }

  @Override
  public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl) {
    cache.put(key, entry(value, ttl));
    return done(true);
  }

  @Override
  public CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl) {
    boolean[] stored = {false};
    cache
        .asMap()
        .compute(
            key,
            (k, old) -> {
              if (old != null) {
                return old;
              }
              stored[0] = true;
              return entry(value, ttl);
            });
    return done(stored[0]);
  }

  @Override
  public CompletableFuture<Boolean> cas(String key, long token, byte[] value, Duration ttl) {
    boolean[] stored = {false};
    cache
        .asMap()
        .computeIfPresent(
            key,
            (k, old) -> {
              if (old.token() != token) {
                return old;
              }
              stored[0] = true;
              return entry(value, ttl);
            });
    return done(stored[0]);
  }

  @Override
  public CompletableFuture<Boolean> delete(String key) {
    return done(cache.asMap().remove(key) != null);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      cache.invalidateAll();
    }
  }

  private Entry entry(byte[] value, Duration ttl) {
    return new Entry(value.clone(), tokens.incrementAndGet(), ttl);
  }

  private <T> CompletableFuture<T> done(T value) {
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("embedded cache is closed"));
    }
    return CompletableFuture.completedFuture(value);
  }

  @Override
  public String toString() {
    return "EmbeddedTransport{" + cache.estimatedSize() + " entries}";
  }
}
