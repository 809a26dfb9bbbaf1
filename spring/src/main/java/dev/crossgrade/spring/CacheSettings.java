package dev.crossgrade.spring;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.VersionedCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one Spring cache is built from, as a {@link CrossgradeCacheCustomizer} sees it: the cache
 * name (its keyspace), the registry found for it, and what a customizer adds. Each setting may be
 * set once.
 */
public final class CacheSettings {
  private final String name;
  private final @Nullable String registrySource;
  private @Nullable CodecRegistry<?> registry;
  private @Nullable CodecRegistry<?> compatibleRegistry;
  private @Nullable Function<Object, String> keyText;
  private final List<Consumer<? super VersionedCache.Builder<Object, ?>>> builderSettings =
      new ArrayList<>();

  CacheSettings(String name, @Nullable CodecRegistry<?> registry, @Nullable String registrySource) {
    this.name = name;
    this.registry = registry;
    this.registrySource = registrySource;
  }

  /** The cache name, which is also its keyspace in the rollout file. */
  public String name() {
    return name;
  }

  /** The registry so far: the {@code CodecRegistry} bean named after the cache, if there is one. */
  public @Nullable CodecRegistry<?> registry() {
    return registry;
  }

  /**
   * The registry that reads every format this runtime reads and writes its newest, for a cache with
   * no {@code CodecRegistry} bean named after it.
   *
   * @throws CacheSetupException if the cache has a registry already
   */
  public <V> CacheSettings registry(CodecRegistry<V> registry) {
    if (this.registry != null) {
      throw new CacheSetupException(
          """
          cache '%s' has a registry already%s (fix: give the cache one registry: a CodecRegistry \
          bean named '%s' or a customizer's registry(...), not both)"""
              .formatted(name, (registrySource == null ? "" : " (" + registrySource + ")"), name));
    }
    this.registry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * A registry that writes what the other runtime reads (an older codec, or a downcaster): see
   * {@link VersionedCache.Builder#compatibleRegistry}. It must be for the registry's value type.
   *
   * @throws CacheSetupException if it was set already
   */
  public <V> CacheSettings compatibleRegistry(CodecRegistry<V> registry) {
    if (compatibleRegistry != null) {
      throw new CacheSetupException(
          "cache '%s' has a compatible registry already (fix: set it in one customizer only)"
              .formatted(name));
    }
    this.compatibleRegistry = Objects.requireNonNull(registry, "registry");
    return this;
  }

  /**
   * How a Spring key becomes the logical key text; default {@link KeyText#of}. Both runtimes of the
   * keyspace must map a key to the same text.
   *
   * @throws CacheSetupException if it was set already
   */
  public CacheSettings keyText(Function<Object, String> function) {
    if (keyText != null) {
      throw new CacheSetupException(
          "cache '" + name + "' has a key function already (fix: set it in one customizer only)");
    }
    this.keyText = Objects.requireNonNull(function, "function");
    return this;
  }

  /**
   * Any other {@link VersionedCache.Builder} setting ({@code cohorts}, {@code bucketFunction},
   * {@code canonicalForm}, {@code executor}), applied after the starter's own: keyspace, runtime,
   * registries, transport, rollout, meter registry and key function are set already.
   */
  public CacheSettings builder(Consumer<? super VersionedCache.Builder<Object, ?>> settings) {
    builderSettings.add(Objects.requireNonNull(settings, "settings"));
    return this;
  }

  @Nullable CodecRegistry<?> compatibleRegistry() {
    return compatibleRegistry;
  }

  Function<Object, String> keyTextOrDefault() {
    return keyText == null ? KeyText::of : keyText;
  }

  List<Consumer<? super VersionedCache.Builder<Object, ?>>> builderSettings() {
    return List.copyOf(builderSettings);
  }
}
