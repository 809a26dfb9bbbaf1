package dev.crossgrade.router;

import dev.crossgrade.transport.memcached.MemcachedTransport;
import dev.crossgrade.transport.spymemcached.SpymemcachedTransport;
import dev.crossgrade.transport.xmemcached.XmemcachedTransport;
import java.util.function.Supplier;

/** The two memcached client modules, for tests that run on each or mix them. */
enum MemcachedClient {
  SPYMEMCACHED(SpymemcachedTransport::newBuilder),
  XMEMCACHED(XmemcachedTransport::newBuilder);

  private final Supplier<MemcachedTransport.Builder> builder;

  MemcachedClient(Supplier<MemcachedTransport.Builder> builder) {
    this.builder = builder;
  }

  /** A new transport builder on this client. */
  MemcachedTransport.Builder newBuilder() {
    return builder.get();
  }
}
