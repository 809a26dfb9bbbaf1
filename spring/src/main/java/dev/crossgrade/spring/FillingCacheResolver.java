package dev.crossgrade.spring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.CacheOperationInvocationContext;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.interceptor.CacheableOperation;

/**
 * The cache resolver of Spring's cache interceptor for Crossgrade caches: for each invocation of a
 * {@code @Cacheable} method, a {@link VersionedSpringCache#filling() filling view} of each cache,
 * so that the miss and the fill Spring does in two calls are one lease-guarded {@code getOrLoad};
 * the caches themselves for every other operation. Spring's plain resolver would have the fill as
 * an unconditional write, which an evict during the method's load cannot stop: the old value would
 * come back after the evict returned.
 */
final class FillingCacheResolver implements CacheResolver {
  private final Supplier<CrossgradeCacheManager> manager;

  /** A resolver over the manager {@code manager} gives, asked for on first use. */
  FillingCacheResolver(Supplier<CrossgradeCacheManager> manager) {
    this.manager = manager;
  }

  @Override
  public Collection<? extends Cache> resolveCaches(CacheOperationInvocationContext<?> context) {
    boolean fills = context.getOperation() instanceof CacheableOperation;
    Collection<String> names = context.getOperation().getCacheNames();
    List<Cache> caches = new ArrayList<>(names.size());
    for (String name : names) {
      Cache cache = manager.get().getCache(name);
      if (cache == null) {
        throw new IllegalArgumentException(
            "Cannot find cache named '" + name + "' for " + context.getOperation());
      }
      caches.add(
          fills && cache instanceof VersionedSpringCache<?> versioned
              ? versioned.filling()
              : cache);
    }
    return caches;
  }
}
