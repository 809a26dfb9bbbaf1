package dev.crossgrade.spring;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.MemcachedTransport;
import dev.crossgrade.router.RolloutConfig;

/**
 * The one place the starter builds a transport from a rollout file's {@code transport:} section:
 * today the memcached clients and the embedded store of the router ({@link
 * MemcachedTransport#fromConfig}, which builds {@link CacheTransport#embedded} for {@code client:
 * embedded}). A transport module found on the class path (a {@code CacheTransportProvider}, such as
 * the Redis one) is to be looked up here once that SPI exists; an application can also define its
 * own {@link CacheTransport} bean, which the starter then uses instead.
 */
final class Transports {
  private Transports() {}

  static CacheTransport fromConfig(RolloutConfig.TransportSpec spec) {
    return MemcachedTransport.fromConfig(spec);
  }
}
