package dev.crossgrade.router;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The clients that keyspace-router builds itself: {@code embedded} (the in-process store, sized by
 * {@code embeddedSize}), {@code spymemcached} and {@code xmemcached}.
 *
 * @param name the {@code transport.client} name
 */
record BuiltInTransport(String name) implements CacheTransportProvider {
  /** What a provider's name may be. */
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /** The in-process store; the default client. */
  static final String EMBEDDED = "embedded";

  static final List<CacheTransportProvider> ALL =
      List.of(
          new BuiltInTransport(EMBEDDED),
          new BuiltInTransport(MemcachedTransport.Client.SPYMEMCACHED.label()),
          new BuiltInTransport(MemcachedTransport.Client.XMEMCACHED.label()));

  @Override
  public CacheTransport create(RolloutConfig.TransportSpec spec) {
    if (name.equals(EMBEDDED)) {
      return CacheTransport.embedded(spec.embeddedBytes());
    }
    return MemcachedTransport.fromSpec(
        name.equals(MemcachedTransport.Client.SPYMEMCACHED.label())
            ? MemcachedTransport.Client.SPYMEMCACHED
            : MemcachedTransport.Client.XMEMCACHED,
        spec);
  }
}
