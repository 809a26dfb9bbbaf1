package dev.crossgrade.transport.lettuce;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.CacheTransportProvider;
import dev.crossgrade.router.RolloutConfig;

/**
 * The {@code transport.client} name {@code lettuce-cluster}: a Redis Cluster, whose topology is
 * read from any of the nodes listed under {@code servers}. Found by {@link
 * java.util.ServiceLoader}.
 */
public final class LettuceClusterTransportProvider implements CacheTransportProvider {
  /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
  public LettuceClusterTransportProvider() {}

  @Override
  public String name() {
    return LettuceTransport.Topology.CLUSTER.clientName();
  }

  @Override
  public CacheTransport create(RolloutConfig.TransportSpec spec) {
    return LettuceTransport.fromSpec(LettuceTransport.Topology.CLUSTER, spec);
  }
}
