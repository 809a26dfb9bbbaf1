package dev.crossgrade.transport.lettuce;

import dev.crossgrade.router.CacheTransport;
import java.time.Duration;
import java.util.List;

/** Where a test's Redis lives: the JVM's shared standalone server, or its shared Cluster. */
public enum RedisStore {
  /** {@link RedisServer#shared()} through {@code client: lettuce}. */
  STANDALONE,
  /** {@link RedisCluster#shared()} through {@code client: lettuce-cluster}. */
  CLUSTER;

  /** The transport's name, which is also its {@code transport.client}. */
  public String label() {
    return topology().clientName();
  }

  LettuceTransport.Topology topology() {
    return this == CLUSTER
        ? LettuceTransport.Topology.CLUSTER
        : LettuceTransport.Topology.STANDALONE;
  }

  /** {@code host:port} of the servers, as a config file lists them. */
  public List<String> hostPorts() {
    return this == CLUSTER
        ? RedisCluster.shared().hostPorts()
        : List.of(RedisServer.shared().hostPort());
  }

  /** A new client (a runtime's own connection) on this store, started on first use. */
  public CacheTransport connect(Duration timeout) {
    LettuceTransport.Builder builder =
        LettuceTransport.newBuilder()
            .topology(topology())
            .operationTimeout(timeout)
            .connectTimeout(Duration.ofSeconds(5)); // a noisy machine: no tight timeouts
    if (this == CLUSTER) {
      RedisCluster.shared().seeds().forEach(builder::server);
    } else {
      builder.server(RedisServer.shared().address());
    }
    return builder.build();
  }

  /** A new client on the given servers: a test's own, which it may kill or pause. */
  public static CacheTransport connect(
      LettuceTransport.Topology topology, List<RedisServer> servers, Duration timeout) {
    LettuceTransport.Builder builder =
        LettuceTransport.newBuilder()
            .topology(topology)
            .operationTimeout(timeout)
            .connectTimeout(Duration.ofSeconds(5));
    servers.forEach(server -> builder.server(server.address()));
    return builder.build();
  }
}
