package dev.crossgrade.spring;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.Rollout;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Sets up Crossgrade for Spring's cache abstraction: the {@link Rollout} watching {@code
 * crossgrade.rollout-file}, the {@link CacheTransport} its {@code transport:} section names, and a
 * {@link CrossgradeCacheManager} whose caches are its keyspaces; with Actuator, the {@code
 * crossgrade} endpoint and a health indicator. The rollout and the transport back off when the
 * application defines its own; an application with a {@link CacheManager} of its own gets nothing
 * from it. Runs before Spring Boot's cache auto-configuration, which then backs off. Off with
 * {@code crossgrade.enabled=false}.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration", // Boot 3
      "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration" // Boot 4
    })
@ConditionalOnClass({CacheManager.class, VersionedCache.class})
@ConditionalOnMissingBean(CacheManager.class)
@ConditionalOnProperty(
    prefix = "crossgrade",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(CrossgradeProperties.class)
public final class CrossgradeAutoConfiguration {
  private static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
  private static final String CACHE_MANAGER = "cacheManager";

  /** Created by Spring. */
  public CrossgradeAutoConfiguration() {}

  /**
   * The rollout, from {@code crossgrade.rollout-file}, polled every {@code
   * crossgrade.poll-interval}.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  Rollout crossgradeRollout(CrossgradeProperties properties, ObjectProvider<MeterRegistry> meters) {
    String file = properties.rolloutFile();
    if (file == null || file.isBlank()) {
      throw new CacheSetupException(
          "crossgrade.rollout-file is not set (fix: set it to the rollout YAML of this"
              + " application, e.g. crossgrade.rollout-file=/etc/shop/rollout.yaml, or set"
              + " crossgrade.enabled=false to start without Crossgrade)");
    }
    Rollout.Builder builder =
        Rollout.newBuilder()
            .watch(Path.of(file))
            .pollInterval(
                properties.pollInterval() == null
                    ? DEFAULT_POLL_INTERVAL
                    : properties.pollInterval());
    MeterRegistry registry = meters.getIfAvailable();
    if (registry != null) {
      builder.meterRegistry(registry);
    }
    return builder.build();
  }

  /** The transport that the rollout file's {@code transport:} section names. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  CacheTransport crossgradeTransport(Rollout rollout) {
    return Transports.fromConfig(rollout.config().transport());
  }

  /** The cache manager; its caches are keyspaces of the rollout file. */
  @Bean(name = CACHE_MANAGER, destroyMethod = "close")
  CrossgradeCacheManager cacheManager(
      Rollout rollout,
      CacheTransport transport,
      CrossgradeProperties properties,
      Environment environment,
      ObjectProvider<MeterRegistry> meters,
      ObjectProvider<CrossgradeCacheCustomizer> customizers,
      ConfigurableListableBeanFactory beans) {
    ClassLoader loader =
        Objects.requireNonNullElseGet(
            beans.getBeanClassLoader(), CrossgradeAutoConfiguration.class::getClassLoader);
    return new CrossgradeCacheManager(
        rollout,
        new ClassLoaderTransport(transport, loader),
        runtime(properties, environment, rollout.config()),
        meters.getIfAvailable(),
        name -> registry(beans, name),
        customizers.orderedStream().toList(),
        executor(beans));
  }

  /**
   * Gives Spring's cache interceptor the resolver whose {@code @Cacheable} fills are lease-guarded,
   * then builds every cache the application's cache annotations name.
   */
  @Bean
  CacheNameCheck crossgradeCacheNameCheck(
      ConfigurableListableBeanFactory beans, CrossgradeCacheManager manager) {
    return new CacheNameCheck(beans, manager, CACHE_MANAGER);
  }

  static String runtime(
      CrossgradeProperties properties, Environment environment, RolloutConfig config) {
    String runtime = properties.runtime();
    if (runtime == null || runtime.isBlank()) {
      runtime = environment.getProperty("spring.application.name");
    }
    String names =
        String.join(", ", config.runtimes().stream().map(RolloutConfig.RuntimeSpec::name).toList());
    if (runtime == null || runtime.isBlank()) {
      throw new CacheSetupException(
          """
          crossgrade.runtime is not set, nor spring.application.name (fix: set crossgrade.runtime \
          to the runtime this build is in %s: one of %s)"""
              .formatted(config.source(), names));
    }
    if (config.runtime(runtime).isEmpty()) {
      throw new CacheSetupException(
          """
          runtime '%s' is not in %s (fix: set crossgrade.runtime to one of %s, or add the runtime \
          under runtimes: in the file)"""
              .formatted(runtime, config.source(), names));
    }
    return runtime;
  }

  private static @Nullable CodecRegistry<?> registry(BeanFactory beans, String name) {
    if (!beans.containsBean(name)) {
      return null;
    }
    if (!beans.isTypeMatch(name, CodecRegistry.class)) {
      throw new CacheSetupException(
          """
          cache '%s' needs a CodecRegistry bean of that name, but bean '%s' is a %s (fix: rename \
          that bean, or set the cache's registry in a CrossgradeCacheCustomizer)"""
              .formatted(name, name, beans.getType(name)));
    }
    return beans.getBean(name, CodecRegistry.class);
  }

  /**
   * Where the futures of {@code retrieve} complete: Spring Boot's {@code applicationTaskExecutor},
   * or else the common pool.
   */
  private static Executor executor(BeanFactory beans) {
    if (beans.containsBean("applicationTaskExecutor")
        && beans.isTypeMatch("applicationTaskExecutor", Executor.class)) {
      return beans.getBean("applicationTaskExecutor", Executor.class);
    }
    return ForkJoinPool.commonPool();
  }

  /** The Actuator endpoint {@code crossgrade}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
  static final class EndpointConfiguration {
    @Bean
    @ConditionalOnMissingBean
    CrossgradeEndpoint crossgradeEndpoint(
        CrossgradeCacheManager manager, CacheTransport transport) {
      return new CrossgradeEndpoint(manager, transport.name());
    }
  }

  /** The health indicator {@code crossgrade} on Spring Boot 3. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  static final class Boot3HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "crossgradeHealthIndicator")
    Boot3HealthIndicator crossgradeHealthIndicator(
        Rollout rollout, CacheTransport transport, CrossgradeCacheManager manager) {
      return new Boot3HealthIndicator(new RolloutHealth(rollout, transport, manager));
    }
  }

  /** The health indicator {@code crossgrade} on Spring Boot 4. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static final class Boot4HealthConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "crossgradeHealthIndicator")
    Boot4HealthIndicator crossgradeHealthIndicator(
        Rollout rollout, CacheTransport transport, CrossgradeCacheManager manager) {
      return new Boot4HealthIndicator(new RolloutHealth(rollout, transport, manager));
    }
  }
}
