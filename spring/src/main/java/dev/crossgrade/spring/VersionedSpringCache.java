package dev.crossgrade.spring;

import dev.crossgrade.router.VersionedCache;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * One Spring {@link Cache} over one {@link VersionedCache}: the keyspace named after the cache, as
 * this runtime sees it.
 *
 * <ul>
 *   <li>A {@code @Cacheable} miss and its fill are one {@link VersionedCache#getOrLoadAsync}:
 *       Spring's cache interceptor resolves, per invocation of a {@code @Cacheable} method, a
 *       {@link #filling()} view, whose {@code get} that misses takes the lease and whose {@code
 *       put} of the method's value fills under it. So a put or evict by anyone while the method
 *       loads wins, and the fill never brings back the value it replaced. A {@code put} on this
 *       cache itself (as {@code @CachePut} does) writes unconditionally.
 *   <li>Nulls are never cached: a {@link #put} of null deletes the key in every generation (so a
 *       {@code @CachePut} whose method returns null leaves no older value behind), and a loader's
 *       null is returned, not cached. {@link #get(Object)} never returns a wrapper of null.
 *   <li>{@link #get(Object, Callable)} ({@code @Cacheable(sync = true)}) is {@link
 *       VersionedCache#getOrLoad}: the loader runs at most once per miss per caller, and the fill
 *       is guarded by a lease, so a put or evict during the load wins. Loader exceptions come
 *       wrapped in {@link Cache.ValueRetrievalException}.
 *   <li>{@link #retrieve(Object)} and {@link #retrieve(Object, Supplier)} (methods returning {@code
 *       CompletableFuture}, Spring 6.1 and later) use the asynchronous API; their futures complete
 *       on the application's task executor, not on the cache client's I/O thread, so the method
 *       Spring calls on a miss never runs there.
 *   <li>{@link #clear()} and {@link #invalidate()} throw {@link CacheSetupException}: the keyspace
 *       is shared with other processes and the other runtime, whose keys this process does not
 *       know, so no clear could be complete, and a partial one would leave stale values behind.
 * </ul>
 */
final class VersionedSpringCache<V> implements Cache {
  private final String name;
  private final Class<V> valueType;
  private final VersionedCache<Object, V> cache;
  private final Executor executor;

  VersionedSpringCache(
      String name, Class<V> valueType, VersionedCache<Object, V> cache, Executor executor) {
    this.name = name;
    this.valueType = valueType;
    this.cache = cache;
    this.executor = executor;
  }

  @Override
  public String getName() {
    return name;
  }

  /** The {@link VersionedCache}. */
  @Override
  public VersionedCache<Object, V> getNativeCache() {
    return cache;
  }

  @Override
  public @Nullable ValueWrapper get(Object key) {
    Optional<V> value = cache.get(key);
    return value.isPresent() ? new SimpleValueWrapper(value.get()) : null;
  }

  @Override
  public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
    return typed(cache.get(key).orElse(null), type);
  }

  /** {@code value} as a {@code type}, as Spring's {@code Cache.get(key, type)} requires. */
  private static <T> @Nullable T typed(@Nullable Object value, @Nullable Class<T> type) {
    if (value != null && type != null && !type.isInstance(value)) {
      throw new IllegalStateException(
          "Cached value is not of required type [" + type.getName() + "]: " + value);
    }
    @SuppressWarnings("unchecked") // checked above
    T typed = (T) value;
    return typed;
  }

  @Override
  public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
    try {
      @SuppressWarnings("unchecked") // the loader's values are checked to be V, so T is V here
      T value = (T) cache.getOrLoad(key, k -> load(valueLoader));
      return value;
    } catch (LoaderFailure failure) {
      throw new ValueRetrievalException(key, valueLoader, failure.getCause());
    }
  }

  private @Nullable V load(Callable<?> valueLoader) {
    Object value;
    try {
      value = valueLoader.call();
    } catch (Exception e) {
      throw new LoaderFailure(e);
    }
    return value == null ? null : checked(value);
  }

  @Override
  public @Nullable CompletableFuture<?> retrieve(Object key) {
    return cache.getAsync(key).thenApplyAsync(value -> value.orElse(null), executor);
  }

  @Override
  public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
    CompletableFuture<@Nullable V> loaded =
        cache.getOrLoadAsync(
            key,
            k ->
                CompletableFuture.supplyAsync(valueLoader, executor)
                    .thenCompose(future -> future)
                    .thenApply(value -> value == null ? null : checked(value)));
    @SuppressWarnings("unchecked") // the loader's values are checked to be V, so T is V here
    CompletableFuture<T> typed =
        (CompletableFuture<T>) (CompletableFuture<?>) loaded.thenApplyAsync(v -> v, executor);
    return typed;
  }

  @Override
  public void put(Object key, @Nullable Object value) {
    if (value == null) {
      cache.delete(key);
    } else {
      cache.set(key, checked(value));
    }
  }

  @Override
  public void evict(Object key) {
    cache.delete(key);
  }

  /**
   * Deletes the key in every live generation, like {@link #evict}; returns false, since whether the
   * key was present is not known.
   */
  @Override
  public boolean evictIfPresent(Object key) {
    cache.delete(key);
    return false;
  }

  @Override
  public void clear() {
    throw cannotClear(name);
  }

  @Override
  public boolean invalidate() {
    throw cannotClear(name);
  }

  static CacheSetupException cannotClear(String name) {
    return new CacheSetupException(
        """
        cache '%s' cannot be cleared: its keyspace is shared with other processes and with the \
        other runtime of the rollout, whose keys this process does not know, so a clear could not \
        be complete and would leave stale values behind (fix: evict the keys that changed, \
        @CacheEvict(cacheNames = \"%s\", key = ...); to drop every value of the keyspace, give \
        the runtime a new generation in the rollout file)"""
            .formatted(name, name));
  }

  private V checked(Object value) {
    if (!valueType.isInstance(value)) {
      throw new CacheSetupException(
          """
          cache '%s' holds %s (its registry's value type), but was given a %s (fix: give the \
          method another cache name, or the cache a registry for that type)"""
              .formatted(name, valueType.getName(), value.getClass().getName()));
    }
    return valueType.cast(value);
  }

  /**
   * A view for one invocation of a {@code @Cacheable} method: a {@code get} or {@code retrieve}
   * that misses takes the key's lease and opens a fill, which the {@code put} of the same key
   * completes under that lease; every other operation is this cache's.
   */
  Cache filling() {
    return new Filling();
  }

  @Override
  public String toString() {
    return "VersionedSpringCache{" + name + ", " + cache + "}";
  }

  /** A miss whose fill is waiting for the method's value. */
  private final class Fill {
    final Object key;
    final CompletableFuture<@Nullable V> value = new CompletableFuture<>();
    final CompletableFuture<Boolean> missed = new CompletableFuture<>();
    final CompletableFuture<@Nullable V> done;

    Fill(Object key) {
      this.key = key;
      this.done =
          cache.getOrLoadAsync(
              key,
              k -> {
                missed.complete(true);
                return value;
              });
    }

    /** Waits for a hit or a miss: the value on a hit, null on a miss. */
    @Nullable V awaitLookup() {
      CompletableFuture.anyOf(done, missed).join();
      return missed.isDone() ? null : done.join();
    }

    CompletableFuture<@Nullable V> lookup() {
      return CompletableFuture.anyOf(done, missed)
          .thenApply(any -> missed.isDone() ? null : done.join());
    }

    /** Fills the miss with the method's value (none for null) and waits for the fill. */
    void complete(@Nullable Object result) {
      value.complete(result == null ? null : checked(result));
      done.join();
    }
  }

  /** See {@link #filling()}. */
  private final class Filling implements Cache {
    private final AtomicReference<@Nullable Fill> open = new AtomicReference<>();

    @Override
    public String getName() {
      return name;
    }

    @Override
    public VersionedCache<Object, V> getNativeCache() {
      return cache;
    }

    @Override
    public @Nullable ValueWrapper get(Object key) {
      Fill fill = new Fill(key);
      V value = fill.awaitLookup();
      if (value != null) {
        return new SimpleValueWrapper(value);
      }
      open.set(fill);
      return null;
    }

    @Override
    public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
      ValueWrapper found = get(key);
      return typed(found == null ? null : found.get(), type);
    }

    @Override
    public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
      return VersionedSpringCache.this.get(key, valueLoader);
    }

    @Override
    public @Nullable CompletableFuture<?> retrieve(Object key) {
      Fill fill = new Fill(key);
      return fill.lookup()
          .thenApplyAsync(
              value -> {
                if (value == null) {
                  open.set(fill);
                }
                return value;
              },
              executor);
    }

    @Override
    public <T> CompletableFuture<T> retrieve(
        Object key, Supplier<CompletableFuture<T>> valueLoader) {
      return VersionedSpringCache.this.retrieve(key, valueLoader);
    }

    @Override
    public void put(Object key, @Nullable Object value) {
      Fill fill = open.get();
      if (fill != null && fill.key.equals(key) && open.compareAndSet(fill, null)) {
        fill.complete(value);
      } else {
        VersionedSpringCache.this.put(key, value);
      }
    }

    @Override
    public void evict(Object key) {
      VersionedSpringCache.this.evict(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
      return VersionedSpringCache.this.evictIfPresent(key);
    }

    @Override
    public void clear() {
      VersionedSpringCache.this.clear();
    }

    @Override
    public boolean invalidate() {
      return VersionedSpringCache.this.invalidate();
    }
  }

  /** A checked exception of the caller's loader, carried through {@code getOrLoad}. */
  private static final class LoaderFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoaderFailure(Exception cause) {
      super(null, Objects.requireNonNull(cause), false, false);
    }
  }
}
