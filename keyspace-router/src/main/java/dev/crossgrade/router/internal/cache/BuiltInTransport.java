package dev.crossgrade.router.internal.cache;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.CacheTransportProvider;
import dev.crossgrade.router.RolloutConfig;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The client that keyspace-router builds itself: {@code embedded}, the in-process store, sized by
 * {@code embeddedSize}. Network clients come from transport modules.
 *
 * @param name the {@code transport.client} name
 */
public record BuiltInTransport(String name) implements CacheTransportProvider {
  /** What a provider's name may be. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  /** The in-process store; the default client. */
  public static final String EMBEDDED = "embedded";

  public static final List<CacheTransportProvider> ALL = List.of(new BuiltInTransport(EMBEDDED));

  /**
   * The transport modules of this project by the clients they provide: named in the message for a
   * config whose client is not on the class path.
   */
  public static final Map<String, String> MODULES =
      Map.of(
          "spymemcached", "crossgrade-transport-spymemcached",
          "xmemcached", "crossgrade-transport-xmemcached",
          "lettuce", "crossgrade-transport-lettuce",
          "lettuce-cluster", "crossgrade-transport-lettuce");

  @Override
  public CacheTransport create(RolloutConfig.TransportSpec spec) {
    return CacheTransport.embedded(spec.embeddedBytes());
  }
}
