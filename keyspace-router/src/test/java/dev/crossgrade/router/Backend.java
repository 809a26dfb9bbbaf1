package dev.crossgrade.router;

import java.util.List;

/** Where a test's cache lives: the embedded store, or real memcached through one of the clients. */
enum Backend {
  EMBEDDED,
  SPYMEMCACHED,
  SPYMEMCACHED_CLUSTER,
  XMEMCACHED,
  XMEMCACHED_CLUSTER;

  boolean real() {
    return this != EMBEDDED;
  }

  boolean cluster() {
    return this == SPYMEMCACHED_CLUSTER || this == XMEMCACHED_CLUSTER;
  }

  /** The servers this backend uses, started on first use and shared by the JVM. */
  List<MemcachedServer> servers() {
    if (!real()) {
      return List.of();
    }
    return cluster() ? MemcachedServer.sharedCluster() : List.of(MemcachedServer.shared());
  }

  /** A new client (a runtime's own connection) on this backend's servers. */
  CacheTransport connect(List<MemcachedServer> servers, java.time.Duration timeout) {
    MemcachedTransport.Builder builder =
        MemcachedTransport.newBuilder()
            .client(
                this == SPYMEMCACHED || this == SPYMEMCACHED_CLUSTER
                    ? MemcachedTransport.Client.SPYMEMCACHED
                    : MemcachedTransport.Client.XMEMCACHED)
            .operationTimeout(timeout);
    servers.forEach(server -> builder.server(server.ipAddress())); // as YAML configs write them
    return builder.build();
  }
}
