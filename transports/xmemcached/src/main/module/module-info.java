/**
 * The cache transport on memcached through xmemcached: {@link
 * dev.crossgrade.transport.xmemcached.XmemcachedTransport} builds one in code, and the {@code
 * transport.client} name {@code xmemcached} builds one from a config.
 */
module dev.crossgrade.transport.xmemcached {
  requires transitive dev.crossgrade.transport.memcached;
  requires xmemcached;
  requires static org.jspecify;

  exports dev.crossgrade.transport.xmemcached;

  provides dev.crossgrade.router.CacheTransportProvider with
      dev.crossgrade.transport.xmemcached.XmemcachedTransportProvider;
}
