package dev.crossgrade.router;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link VersionedCache} whose every call goes through the asynchronous API of another: the sync
 * calls wait for the async ones, so a contract written against the sync API proves the async one (a
 * sync loader becomes an already completed future).
 */
final class AsyncOnly<K, V> implements VersionedCache<K, V> {
  final VersionedCache<K, V> delegate;

  AsyncOnly(VersionedCache<K, V> delegate) {
    this.delegate = delegate;
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      // The cache never fails a future; only a loader's own exception lands here.
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public Optional<V> get(K key) {
    return await(delegate.getAsync(key));
  }

  @Override
  public CompletableFuture<Optional<V>> getAsync(K key) {
    return delegate.getAsync(key);
  }

  @Override
  public Map<K, V> getAll(Collection<? extends K> keys) {
    return await(delegate.getAllAsync(keys));
  }

  @Override
  public CompletableFuture<Map<K, V>> getAllAsync(Collection<? extends K> keys) {
    return delegate.getAllAsync(keys);
  }

  @Override
  public boolean set(K key, V value) {
    return await(delegate.setAsync(key, value));
  }

  @Override
  public boolean set(K key, V value, Duration ttl) {
    return await(delegate.setAsync(key, value, ttl));
  }

  @Override
  public CompletableFuture<Boolean> setAsync(K key, V value) {
    return delegate.setAsync(key, value);
  }

  @Override
  public CompletableFuture<Boolean> setAsync(K key, V value, Duration ttl) {
    return delegate.setAsync(key, value, ttl);
  }

  @Override
  public boolean setAll(Map<? extends K, ? extends V> values) {
    return await(delegate.setAllAsync(values));
  }

  @Override
  public CompletableFuture<Boolean> setAllAsync(Map<? extends K, ? extends V> values) {
    return delegate.setAllAsync(values);
  }

  @Override
  public boolean delete(K key) {
    return await(delegate.deleteAsync(key));
  }

  @Override
  public CompletableFuture<Boolean> deleteAsync(K key) {
    return delegate.deleteAsync(key);
  }

  @Override
  public boolean deleteAll(Collection<? extends K> keys) {
    return await(delegate.deleteAllAsync(keys));
  }

  @Override
  public CompletableFuture<Boolean> deleteAllAsync(Collection<? extends K> keys) {
    return delegate.deleteAllAsync(keys);
  }

  @Override
  public @Nullable V getOrLoad(K key, Function<? super K, ? extends @Nullable V> loader) {
    return await(
        delegate.getOrLoadAsync(key, k -> CompletableFuture.completedFuture(loader.apply(k))));
  }

  @Override
  public CompletableFuture<@Nullable V> getOrLoadAsync(
      K key, Function<? super K, ? extends CompletionStage<? extends @Nullable V>> loader) {
    return delegate.getOrLoadAsync(key, loader);
  }

  @Override
  public Status status() {
    return delegate.status();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
