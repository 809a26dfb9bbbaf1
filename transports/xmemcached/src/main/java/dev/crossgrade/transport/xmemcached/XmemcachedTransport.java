package dev.crossgrade.transport.xmemcached;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.transport.memcached.MemcachedTransport;

/**
 * The cache transport on memcached through xmemcached 2.x (its operations block the calling thread
 * up to the timeout), over one server or a cluster behind the ketama consistent hashing that the
 * spymemcached transport shares, so both clients place every key alike. A config names it {@code
 * transport.client: xmemcached}.
 *
 * <pre>{@code
 * CacheTransport transport =
 *     XmemcachedTransport.newBuilder()
 *         .server(new InetSocketAddress("127.0.0.1", 11211))
 *         .operationTimeout(Duration.ofMillis(250))
 *         .build();
 * }</pre>
 */
public final class XmemcachedTransport {
  /** The {@code transport.client} name. */
  public static final String CLIENT = "xmemcached";

  private XmemcachedTransport() {}

  /** Starts a transport on xmemcached: servers, timeouts, item size. */
  public static MemcachedTransport.Builder newBuilder() {
    return MemcachedTransport.newBuilder(CLIENT, RealXmemcachedTransport::new);
  }

  /** The transport that a config's {@code transport} section describes. */
  static CacheTransport fromSpec(RolloutConfig.TransportSpec spec) {
    return MemcachedTransport.fromSpec(CLIENT, RealXmemcachedTransport::new, spec);
  }
}
