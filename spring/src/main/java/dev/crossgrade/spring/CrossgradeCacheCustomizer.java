package dev.crossgrade.spring;

/**
 * Sets up the {@code VersionedCache} behind a Spring cache before it is built: its registry (when
 * no {@code CodecRegistry} bean is named after the cache), a compatible registry, a key function,
 * or any other {@code VersionedCache.Builder} setting. Every customizer bean is called for every
 * cache, in {@code @Order}; act on the names you know.
 */
@FunctionalInterface
public interface CrossgradeCacheCustomizer {
  /** Adjusts the settings of the cache named {@link CacheSettings#name()}. */
  void customize(CacheSettings cache);
}
