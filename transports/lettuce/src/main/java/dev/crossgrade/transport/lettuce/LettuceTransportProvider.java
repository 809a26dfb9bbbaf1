package dev.crossgrade.transport.lettuce;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.CacheTransportProvider;
import dev.crossgrade.router.RolloutConfig;

/**
 * The {@code transport.client} name {@code lettuce}: one standalone Redis server, the config's only
 * entry under {@code servers}. Found by {@link java.util.ServiceLoader}.
 */
public final class LettuceTransportProvider implements CacheTransportProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public LettuceTransportProvider() {}

  @Override
  public String name() {
    return LettuceTransport.Topology.STANDALONE.clientName();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code servers} does not list exactly one server
   */
  @Override
  public CacheTransport create(RolloutConfig.TransportSpec spec) {
    return LettuceTransport.fromSpec(LettuceTransport.Topology.STANDALONE, spec);
  }
}
