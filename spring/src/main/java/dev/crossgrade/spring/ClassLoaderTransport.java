package dev.crossgrade.spring;

import dev.crossgrade.router.CacheTransport;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link CacheTransport} that forwards to another and completes each of its futures with the
 * application's class loader as the thread's context class loader. {@code VersionedCache} decodes
 * on the thread that completes a read (the client's I/O thread, started before the application and,
 * under Spring Boot DevTools, with a loader that predates the restart loader), so a codec that
 * resolves classes by name through the context class loader finds the application's classes, not
 * those of an earlier restart. A future that is complete already is returned as it is: what depends
 * on it then runs on the caller's thread, with the caller's loader.
 */
final class ClassLoaderTransport implements CacheTransport {
  private final CacheTransport delegate;
  private final ClassLoader loader;

  ClassLoaderTransport(CacheTransport delegate, ClassLoader loader) {
    this.delegate = delegate;
    this.loader = loader;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public CompletableFuture<Optional<byte[]>> get(String key) {
    return relay(delegate.get(key));
  }

  @Override
  public CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys) {
    return relay(delegate.getMulti(keys));
  }

  @Override
  public CompletableFuture<Optional<CasValue>> gets(String key) {
    return relay(delegate.gets(key));
  }

  @Override
  public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl) {
    return relay(delegate.set(key, value, ttl));
  }

  @Override
  public CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl) {
    return relay(delegate.add(key, value, ttl));
  }

  @Override
  public CompletableFuture<Boolean> cas(String key, long token, byte[] value, Duration ttl) {
    return relay(delegate.cas(key, token, value, ttl));
  }

  @Override
  public CompletableFuture<Boolean> delete(String key) {
    return relay(delegate.delete(key));
  }

  @Override
  public void invalidate(String key) {
    delegate.invalidate(key);
  }

  @Override
  public List<CompletableFuture<Boolean>> writeAll(List<Write> writes) {
    return delegate.writeAll(writes).stream().map(this::relay).toList();
  }

  @Override
  public CompletableFuture<Boolean> issue(Write write) {
    return relay(delegate.issue(write));
  }

  /** Does nothing: the transport belongs to the application context, which closes it. */
  @Override
  public void close() {}

  private <T> CompletableFuture<T> relay(CompletableFuture<T> source) {
    if (source.isDone()) {
      return source;
    }
    CompletableFuture<T> relayed = new CompletableFuture<>();
    source.whenComplete(
        (value, failure) -> {
          Thread thread = Thread.currentThread();
          ClassLoader previous = thread.getContextClassLoader();
          boolean swap = previous != loader;
          if (swap) {
            thread.setContextClassLoader(loader);
          }
          try {
            if (failure != null) {
              relayed.completeExceptionally(failure);
            } else {
              relayed.complete(value);
            }
          } finally {
            if (swap) {
              thread.setContextClassLoader(previous);
            }
          }
        });
    return relayed;
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
