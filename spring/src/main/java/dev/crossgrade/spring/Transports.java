package dev.crossgrade.spring;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.RolloutConfig;

/**
 * The one place the starter builds a transport from a rollout file's {@code transport:} section:
 * {@link CacheTransport#fromConfig}, on the client it names: {@code embedded}, built into the
 * router, or one a transport module on the class path provides ({@code
 * crossgrade-transport-spymemcached}, {@code -xmemcached}, {@code -lettuce}). An application can
 * also define its own {@link CacheTransport} bean, which the starter then uses instead.
 */
final class Transports {
  private Transports() {}

  static CacheTransport fromConfig(RolloutConfig.TransportSpec spec) {
    return CacheTransport.fromConfig(spec);
  }
}
