/**
 * The Crossgrade Spring Boot starter: Spring's cache abstraction over {@code VersionedCache}, so
 * {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} go through the version-split key
 * space of a rollout config. {@link dev.crossgrade.spring.CrossgradeAutoConfiguration} builds the
 * rollout, the transport and the {@link dev.crossgrade.spring.CrossgradeCacheManager}; each cache
 * name is a keyspace of the rollout file.
 */
@NullMarked
package dev.crossgrade.spring;

import org.jspecify.annotations.NullMarked;
