/**
 * What the memcached transports share: settings and their checks, the ketama ring and the item
 * size limit. No network client: {@code dev.crossgrade.transport.spymemcached} and {@code
 * dev.crossgrade.transport.xmemcached} are the clients.
 */
module dev.crossgrade.transport.memcached {
  requires transitive dev.crossgrade.router;
  requires transitive dev.crossgrade.codec;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.crossgrade.transport.memcached;
}
