/**
 * The cache transport on memcached through spymemcached: {@link
 * dev.crossgrade.transport.spymemcached.SpymemcachedTransport} builds one in code, and the {@code
 * transport.client} name {@code spymemcached} builds one from a config.
 */
module dev.crossgrade.transport.spymemcached {
  requires transitive dev.crossgrade.transport.memcached;
  requires spymemcached;
  requires static org.jspecify;

  exports dev.crossgrade.transport.spymemcached;

  provides dev.crossgrade.router.CacheTransportProvider with
      dev.crossgrade.transport.spymemcached.SpymemcachedTransportProvider;
}
