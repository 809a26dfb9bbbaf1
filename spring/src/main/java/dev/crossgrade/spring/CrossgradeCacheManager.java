package dev.crossgrade.spring;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheResolver;

/**
 * A Spring {@link CacheManager} whose caches are keyspaces of the rollout file, each a {@link
 * VersionedCache} of this runtime. A cache's registry is the {@link CodecRegistry} bean named after
 * it, or one a {@link CrossgradeCacheCustomizer} sets. The caches that the application's cache
 * annotations name are built at startup, and a name without a keyspace (or a registry) fails the
 * startup with the file and the fix; {@link #getCache} of any other name builds it on first use, or
 * returns null (with a warning naming the fix) when it cannot.
 */
public final class CrossgradeCacheManager implements CacheManager, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CrossgradeCacheManager.class);
  private static final Pattern KEYSPACE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  /** Finds the registry bean named after a cache; null when there is none. */
  interface Registries {
    /** The registry named {@code name}, or null. */
    @Nullable CodecRegistry<?> find(String name);
  }

  private final Rollout rollout;
  private final CacheTransport transport;
  private final String runtime;
  private final @Nullable MeterRegistry meters;
  private final Registries registries;
  private final List<CrossgradeCacheCustomizer> customizers;
  private final Executor executor;
  private final Map<String, VersionedSpringCache<?>> caches = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private final Object buildLock = new Object();
  private volatile boolean closed;

  CrossgradeCacheManager(
      Rollout rollout,
      CacheTransport transport,
      String runtime,
      @Nullable MeterRegistry meters,
      Registries registries,
      List<CrossgradeCacheCustomizer> customizers,
      Executor executor) {
    this.rollout = rollout;
    this.transport = transport;
    this.runtime = runtime;
    this.meters = meters;
    this.registries = registries;
    this.customizers = List.copyOf(customizers);
    this.executor = executor;
  }

  /**
   * The cache named {@code name}, built on first use; null when the rollout file has no keyspace of
   * that name, or no registry is found for it (a warning says which and the fix).
   */
  @Override
  public @Nullable Cache getCache(String name) {
    VersionedSpringCache<?> existing = caches.get(name);
    if (existing != null) {
      return existing;
    }
    try {
      return cache(name);
    } catch (CacheSetupException e) {
      if (warned.add(name)) {
        LOG.warn("no Crossgrade cache '{}': {}", name, e.getMessage());
      }
      return null;
    }
  }

  /** The names of the caches built so far. */
  @Override
  public Collection<String> getCacheNames() {
    return List.copyOf(new TreeMap<>(caches).keySet());
  }

  /**
   * The cache resolver Spring's cache interceptor needs for these caches, which the starter
   * installs by itself: give it to the interceptor only when the application sets a resolver of its
   * own in a {@code CachingConfigurer} (the startup check then says so). For each invocation of a
   * {@code Cacheable} method it resolves views whose miss and fill are one lease-guarded {@code
   * getOrLoad}; with Spring's plain resolver, an evict during the method's load would not stop the
   * fill, and the evicted value would come back.
   */
  public CacheResolver cacheResolver() {
    return new FillingCacheResolver(() -> this);
  }

  /** The rollout the caches follow. */
  public Rollout rollout() {
    return rollout;
  }

  /** This runtime, as the rollout file names it. */
  public String runtime() {
    return runtime;
  }

  /** What each cache built so far does now: phase, generations, formats and hold-backs. */
  public Map<String, VersionedCache.Status> statuses() {
    Map<String, VersionedCache.Status> statuses = new TreeMap<>();
    caches.forEach((name, cache) -> statuses.put(name, cache.getNativeCache().status()));
    return statuses;
  }

  /** The status of the cache named {@code name}, if it was built. */
  public Optional<VersionedCache.Status> status(String name) {
    VersionedSpringCache<?> cache = caches.get(name);
    return cache == null ? Optional.empty() : Optional.of(cache.getNativeCache().status());
  }

  /** Stops the caches' background work; the rollout and the transport are closed by their owner. */
  @Override
  public void close() {
    synchronized (buildLock) {
      closed = true;
      caches.values().forEach(cache -> cache.getNativeCache().close());
    }
  }

  /**
   * The cache named {@code name}, built if needed.
   *
   * @throws CacheSetupException if it cannot be built, with the fix
   */
  VersionedSpringCache<?> cache(String name) {
    VersionedSpringCache<?> existing = caches.get(name);
    if (existing != null) {
      return existing;
    }
    synchronized (buildLock) {
      existing = caches.get(name);
      if (existing != null) {
        return existing;
      }
      if (closed) {
        throw new CacheSetupException(
            "cache '" + name + "' asked for after the cache manager was closed");
      }
      VersionedSpringCache<?> built = build(name);
      caches.put(name, built);
      return built;
    }
  }

  private VersionedSpringCache<?> build(String name) {
    RolloutConfig config = rollout.config();
    String file = config.source();
    if (!KEYSPACE_NAME.matcher(name).matches()) {
      throw new CacheSetupException(
          """
          cache name '%s' cannot be a keyspace of %s (fix: name the cache with 1 to 64 letters, \
          digits, '_', '.' or '-', starting with a letter or digit, and add a keyspace of that \
          name to the file)"""
              .formatted(name, file));
    }
    RolloutConfig.KeyspaceSpec keyspace =
        config
            .keyspace(name)
            .orElseThrow(
                () -> {
                  List<String> names =
                      config.keyspaces().stream().map(RolloutConfig.KeyspaceSpec::name).toList();
                  String others =
                      names.isEmpty()
                          ? ""
                          : ", or use a cache name the file has: " + String.join(", ", names);
                  return new CacheSetupException(
                      """
                      cache '%s' has no keyspace in %s (fix: add a keyspace named '%s' under \
                      keyspaces: in %s, with its from and to runtimes, phase and ttl%s)"""
                          .formatted(name, file, name, file, others));
                });
    if (!runtime.equals(keyspace.to()) && !runtime.equals(keyspace.from())) {
      throw new CacheSetupException(
          """
          cache '%s': runtime '%s' is neither the from (%s) nor the to (%s) runtime of keyspace \
          '%s' in %s (fix: set crossgrade.runtime to the runtime this build is, or name it in the \
          keyspace)"""
              .formatted(name, runtime, keyspace.from(), keyspace.to(), name, file));
    }
    CodecRegistry<?> bean = registries.find(name);
    CacheSettings settings =
        new CacheSettings(
            name, bean, bean == null ? null : "the CodecRegistry bean '" + name + "'");
    for (CrossgradeCacheCustomizer customizer : customizers) {
      customizer.customize(settings);
    }
    CodecRegistry<?> registry = settings.registry();
    if (registry == null) {
      throw new CacheSetupException(
          """
          cache '%s' has no codec registry (fix: define a bean CodecRegistry<YourType> named \
          '%s', e.g. @Bean CodecRegistry<Product> %s(), or set one in a CrossgradeCacheCustomizer)"""
              .formatted(name, name, name));
    }
    return create(name, registry, settings);
  }

  private <V> VersionedSpringCache<V> create(
      String name, CodecRegistry<V> registry, CacheSettings settings) {
    Class<V> type = registry.valueType();
    Function<Object, String> keyText = settings.keyTextOrDefault();
    VersionedCache.Builder<Object, V> builder =
        VersionedCache.<Object, V>newBuilder()
            .keyspace(name)
            .runtime(runtime)
            .registry(registry)
            .transport(transport)
            .rollout(rollout)
            .keyFunction(keyText);
    CodecRegistry<?> compatible = settings.compatibleRegistry();
    if (compatible != null) {
      builder.compatibleRegistry(sameType(name, type, compatible));
    }
    if (meters != null) {
      builder.meterRegistry(meters);
    }
    for (var extra : settings.builderSettings()) {
      extra.accept(builder);
    }
    VersionedCache<Object, V> cache;
    try {
      cache = builder.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new CacheSetupException("cache '" + name + "': " + e.getMessage(), e);
    }
    return new VersionedSpringCache<>(name, type, cache, executor);
  }

  private static <V> CodecRegistry<V> sameType(
      String name, Class<V> type, CodecRegistry<?> compatible) {
    if (compatible.valueType() != type) {
      throw new CacheSetupException(
          """
          cache '%s': its compatible registry is for %s but its registry is for %s (fix: give \
          both registries the same value type)"""
              .formatted(name, compatible.valueType().getName(), type.getName()));
    }
    @SuppressWarnings("unchecked") // checked above
    CodecRegistry<V> typed = (CodecRegistry<V>) compatible;
    return typed;
  }

  @Override
  public String toString() {
    return "CrossgradeCacheManager{runtime %s, %s, caches %s}"
        .formatted(runtime, rollout.config().source(), getCacheNames());
  }
}
