package dev.crossgrade.transport.spymemcached;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.transport.memcached.MemcachedTransport;

/**
 * The cache transport on memcached through spymemcached 2.x (asynchronous, text protocol), over one
 * server or a cluster behind the ketama consistent hashing that the xmemcached transport shares, so
 * both clients place every key alike. A config names it {@code transport.client: spymemcached}.
 *
 * <pre>{@code
 * CacheTransport transport =
 *     SpymemcachedTransport.newBuilder()
 *         .server(new InetSocketAddress("127.0.0.1", 11211))
 *         .operationTimeout(Duration.ofMillis(250))
 *         .build();
 * }</pre>
 */
public final class SpymemcachedTransport {
  /** The {@code transport.client} name. */
  public static final String CLIENT = "spymemcached";

  private SpymemcachedTransport() {}

  /** Starts a transport on spymemcached: servers, timeouts, item size. */
  public static MemcachedTransport.Builder newBuilder() {
    return MemcachedTransport.newBuilder(CLIENT, RealSpymemcachedTransport::new);
  }

  /** The transport that a config's {@code transport} section describes. */
  static CacheTransport fromSpec(RolloutConfig.TransportSpec spec) {
    return MemcachedTransport.fromSpec(CLIENT, RealSpymemcachedTransport::new, spec);
  }
}
