/**
 * The cache transport on Redis through Lettuce, standalone and Redis Cluster: {@link
 * dev.crossgrade.transport.lettuce.LettuceTransport} builds one in code, and the {@code
 * transport.client} names {@code lettuce} and {@code lettuce-cluster} build one from a config.
 */
module dev.crossgrade.transport.lettuce {
  requires transitive dev.crossgrade.router;
  requires transitive dev.crossgrade.codec;
  requires lettuce.core;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.crossgrade.transport.lettuce;

  provides dev.crossgrade.router.CacheTransportProvider with
      dev.crossgrade.transport.lettuce.LettuceTransportProvider,
      dev.crossgrade.transport.lettuce.LettuceClusterTransportProvider;
}
