package dev.crossgrade.compat;

import java.util.List;

/**
 * The cached types of one build of an application, each with the {@link
 * dev.crossgrade.codec.CodecRegistry} that build's production code uses. A build ships an
 * implementation in {@code META-INF/services/dev.crossgrade.compat.CachedTypesProvider} (or names
 * it with {@link UserJarMatrix.Builder#provider(String)}); the check loads it from each build's
 * class loader, so that the old build's registry writes and the new build's whole read path reads.
 *
 * <p>The implementation needs a public no-arg constructor, and should build its registries by
 * calling the same code production calls, so that the check tests what runs.
 */
public interface CachedTypesProvider {
  /** The cached types of this build, in any order; each name at most once. */
  List<CachedType<?>> cachedTypes();
}
