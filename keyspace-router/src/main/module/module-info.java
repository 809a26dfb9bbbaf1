/**
 * The version-split key space, the staged rollout, {@link dev.crossgrade.router.VersionedCache}, the
 * cache transport SPI ({@link dev.crossgrade.router.CacheTransportProvider}, found by {@link
 * java.util.ServiceLoader}) and the embedded store. No network client.
 */
module dev.crossgrade.router {
  requires transitive dev.crossgrade.codec;
  requires transitive micrometer.core;
  requires com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;
  requires static org.jspecify;

  exports dev.crossgrade.router;

  uses dev.crossgrade.router.CacheTransportProvider;
}
