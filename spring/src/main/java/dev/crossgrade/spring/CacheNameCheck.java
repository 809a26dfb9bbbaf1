package dev.crossgrade.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.CacheEvictOperation;
import org.springframework.cache.interceptor.CacheOperation;
import org.springframework.cache.interceptor.CacheOperationSource;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.interceptor.CacheableOperation;
import org.springframework.cache.interceptor.SimpleCacheResolver;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * At startup, once every singleton exists, finds the caches that the application's cache
 * annotations ({@code @Cacheable}, {@code @CachePut}, {@code @CacheEvict}, {@code @Caching}, with
 * {@code @CacheConfig}) name for the Crossgrade cache manager, and builds each one: a name without
 * a keyspace in the rollout file, without a registry, or used by {@code @CacheEvict(allEntries =
 * true)} fails the startup with every such problem, each with the methods that use it and the fix;
 * so does a {@code @Cacheable} whose fills would not be lease-guarded (Spring's interceptor
 * resolving caches without {@link FillingCacheResolver}). Operations that name another cache
 * manager or a cache resolver are left alone.
 */
final class CacheNameCheck implements SmartInitializingSingleton {
  private final ConfigurableListableBeanFactory beans;
  private final CrossgradeCacheManager manager;
  private final String managerBean;

  CacheNameCheck(
      ConfigurableListableBeanFactory beans, CrossgradeCacheManager manager, String managerBean) {
    this.beans = beans;
    this.manager = manager;
    this.managerBean = managerBean;
  }

  @Override
  public void afterSingletonsInstantiated() {
    beans.getBeanProvider(CacheAspectSupport.class).orderedStream().forEach(this::setUp);
    CacheOperationSource source = beans.getBeanProvider(CacheOperationSource.class).getIfUnique();
    if (source == null) {
      return; // no @EnableCaching: no annotation uses a cache
    }
    Map<String, Set<String>> usedBy = new TreeMap<>();
    Set<String> cacheable = new LinkedHashSet<>();
    List<String> problems = new ArrayList<>();
    for (String name : beans.getBeanDefinitionNames()) {
      Class<?> type = userClass(name);
      if (type == null || type.getName().startsWith("org.springframework.")) {
        continue;
      }
      for (Method method :
          ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
        Collection<CacheOperation> operations = source.getCacheOperations(method, type);
        if (operations == null) {
          continue;
        }
        String where = type.getSimpleName() + "." + method.getName();
        for (CacheOperation operation : operations) {
          if (!ours(operation)) {
            continue;
          }
          if (operation instanceof CacheableOperation) {
            cacheable.add(where);
            if (!operation.getCacheManager().isEmpty()) {
              problems.add(
                  """
                  %s: @Cacheable names cacheManager = \"%s\", so Spring resolves its caches \
                  without Crossgrade's resolver and its fills are not lease-guarded: an evict \
                  while the method loads would not stop the old value from coming back (fix: \
                  remove the cacheManager attribute; Crossgrade's manager is the application's \
                  only one)"""
                      .formatted(where, operation.getCacheManager()));
            }
          }
          for (String cache : operation.getCacheNames()) {
            usedBy.computeIfAbsent(cache, c -> new LinkedHashSet<>()).add(where);
            if (operation instanceof CacheEvictOperation evict && evict.isCacheWide()) {
              problems.add(
                  "%s: @CacheEvict(allEntries = true) on %s"
                      .formatted(where, VersionedSpringCache.cannotClear(cache).getMessage()));
            }
          }
        }
      }
    }
    if (!cacheable.isEmpty()) {
      beans
          .getBeanProvider(CacheAspectSupport.class)
          .orderedStream()
          .filter(interceptor -> !(interceptor.getCacheResolver() instanceof FillingCacheResolver))
          .forEach(
              interceptor ->
                  problems.add(
                      """
                      Spring's cache interceptor resolves caches through %s (set in a \
                      CachingConfigurer), so the @Cacheable fills of %s are not lease-guarded: an \
                      evict while a method loads would not stop the old value from coming back \
                      (fix: return CrossgradeCacheManager.cacheResolver() from the \
                      CachingConfigurer's cacheResolver(), or set neither cacheResolver() nor \
                      cacheManager() there)"""
                          .formatted(
                              interceptor.getCacheResolver(), String.join(", ", cacheable))));
    }
    usedBy.forEach(
        (cache, methods) -> {
          try {
            manager.cache(cache);
          } catch (CacheSetupException e) {
            problems.add(e.getMessage() + " [used by " + String.join(", ", methods) + "]");
          }
        });
    if (!problems.isEmpty()) {
      throw new CacheSetupException(
          (problems.size() == 1
                  ? "1 problem with the Crossgrade caches"
                  : problems.size() + " problems with the Crossgrade caches")
              + " (rollout file "
              + manager.rollout().config().source()
              + ", runtime "
              + manager.runtime()
              + "):\n"
              + String.join("\n", problems));
    }
  }

  /**
   * Gives the interceptor the {@link FillingCacheResolver} unless the application set a resolver of
   * its own: whether the interceptor's own start-up ran before this (it then holds Spring's plain
   * resolver over this manager) or not yet (it then holds none, and keeps the one set here).
   */
  private void setUp(CacheAspectSupport interceptor) {
    CacheResolver resolver = interceptor.getCacheResolver();
    if (resolver == null
        || (resolver.getClass() == SimpleCacheResolver.class
            && ((SimpleCacheResolver) resolver).getCacheManager() == manager)) {
      interceptor.setCacheResolver(manager.cacheResolver());
    }
  }

  private boolean ours(CacheOperation operation) {
    if (!operation.getCacheResolver().isEmpty()) {
      return false;
    }
    String named = operation.getCacheManager();
    return named.isEmpty() || named.equals(managerBean);
  }

  private @Nullable Class<?> userClass(String name) {
    Object singleton = beans.containsSingleton(name) ? beans.getSingleton(name) : null;
    if (singleton != null) {
      return AopProxyUtils.ultimateTargetClass(singleton);
    }
    Class<?> type = beans.getType(name, false);
    return type == null ? null : ClassUtils.getUserClass(type);
  }
}
