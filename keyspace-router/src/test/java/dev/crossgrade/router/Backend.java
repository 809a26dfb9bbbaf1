package dev.crossgrade.router;

import java.util.List;

/**
 * Where a test's cache lives: the embedded store, or real memcached through one of the clients
 * (whose transport module the test's module has on its class path).
 */
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

  /** The {@code transport.client} name of this backend's client. */
  String client() {
    return this == EMBEDDED
        ? "embedded"
        : this == SPYMEMCACHED || this == SPYMEMCACHED_CLUSTER ? "spymemcached" : "xmemcached";
  }

  /**
   * A new client (a runtime's own connection) on this backend's servers, as a config's {@code
   * transport} section builds it: through the client's transport module, found on the class path
   * (so the modules whose tests connect must have it as a test dependency).
   */
  CacheTransport connect(List<MemcachedServer> servers, java.time.Duration timeout) {
    List<String> addresses = new java.util.ArrayList<>();
    for (MemcachedServer server : servers) {
      // as YAML configs write them
      addresses.add(server.ipAddress().getHostString() + ":" + server.ipAddress().getPort());
    }
    return CacheTransport.fromConfig(
        new RolloutConfig.TransportSpec(
            client(), addresses, timeout, java.time.Duration.ofSeconds(1), 64L << 20));
  }
}
