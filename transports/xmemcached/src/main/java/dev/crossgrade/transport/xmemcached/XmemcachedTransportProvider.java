package dev.crossgrade.transport.xmemcached;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.CacheTransportProvider;
import dev.crossgrade.router.RolloutConfig;

/**
 * The {@code transport.client} name {@code xmemcached}: memcached servers through xmemcached. Found
 * by {@link java.util.ServiceLoader}.
 */
public final class XmemcachedTransportProvider implements CacheTransportProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public XmemcachedTransportProvider() {}

  @Override
  public String name() {
    return XmemcachedTransport.CLIENT;
  }

  @Override
  public CacheTransport create(RolloutConfig.TransportSpec spec) {
    return XmemcachedTransport.fromSpec(spec);
  }
}
