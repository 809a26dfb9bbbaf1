package dev.crossgrade.transport.spymemcached;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.CacheTransportProvider;
import dev.crossgrade.router.RolloutConfig;

/**
 * The {@code transport.client} name {@code spymemcached}: memcached servers through spymemcached.
 * Found by {@link java.util.ServiceLoader}.
 */
public final class SpymemcachedTransportProvider implements CacheTransportProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public SpymemcachedTransportProvider() {}

  @Override
  public String name() {
    return SpymemcachedTransport.CLIENT;
  }

  @Override
  public CacheTransport create(RolloutConfig.TransportSpec spec) {
    return SpymemcachedTransport.fromSpec(spec);
  }
}
