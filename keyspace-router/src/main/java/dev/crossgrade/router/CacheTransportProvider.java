package dev.crossgrade.router;

import dev.crossgrade.router.internal.cache.BuiltInTransport;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache client that a config's {@code transport.client} can name: the SPI through which a
 * transport module offers its client, found by {@link ServiceLoader}: {@code
 * crossgrade-transport-spymemcached} provides {@code spymemcached}, {@code
 * crossgrade-transport-xmemcached} {@code xmemcached}, {@code crossgrade-transport-lettuce} {@code
 * lettuce} and {@code lettuce-cluster}. The client {@code embedded} is built in.
 *
 * <p>An implementation is a public class with a public no-argument constructor, listed in {@code
 * META-INF/services/dev.crossgrade.router.CacheTransportProvider} (and {@code provides} in its
 * {@code module-info.java}). It must be cheap to create: every config parse lists the providers.
 */
public interface CacheTransportProvider {

  /**
   * The name a config gives as {@code transport.client}: 1 to 32 lower-case letters, digits and
   * {@code -}, starting with a letter, such as {@code lettuce}.
   */
  String name();

  /**
   * Connects the client that a config's {@code transport} section describes ({@code servers},
   * {@code timeout}, {@code connectTimeout}); servers that are down are retried in the background.
   *
   * @throws IllegalArgumentException if the section does not suit this client (say, two servers for
   *     a client that talks to one), with a message that says what to change
   */
  CacheTransport create(RolloutConfig.TransportSpec spec);

  /**
   * Every client available here: the built-in one, then those that {@link ServiceLoader} finds on
   * the thread's context class loader, in the order found. A provider that cannot be loaded, has an
   * invalid name or repeats one is left out and logged.
   */
  static List<CacheTransportProvider> available() {
    Map<String, CacheTransportProvider> byName = new LinkedHashMap<>();
    for (CacheTransportProvider builtIn : BuiltInTransport.ALL) {
      byName.put(builtIn.name(), builtIn);
    }
    Logger log = LoggerFactory.getLogger(CacheTransportProvider.class);
    Iterator<CacheTransportProvider> found =
        ServiceLoader.load(CacheTransportProvider.class).iterator();
    while (true) {
      CacheTransportProvider provider;
      String name;
      try {
        if (!found.hasNext()) {
          break;
        }
        provider = found.next();
        name = provider.name();
      } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
        log.warn(
            "a cache transport provider could not be loaded and is left out: {}", e.toString());
        continue;
      }
      if (name == null || !BuiltInTransport.NAME.matcher(name).matches()) {
        log.warn(
            "cache transport provider {} is left out: its name '{}' is not 1 to 32 lower-case"
                + " letters, digits and '-' starting with a letter",
            provider.getClass().getName(),
            name);
      } else if (byName.containsKey(name)) {
        log.warn(
            "cache transport provider {} is left out: client '{}' is already provided by {}",
            provider.getClass().getName(),
            name,
            byName.get(name).getClass().getName());
      } else {
        byName.put(name, provider);
      }
    }
    return List.copyOf(byName.values());
  }

  /** The names of {@link #available()} clients, in the same order. */
  static List<String> names() {
    List<String> names = new ArrayList<>();
    available().forEach(provider -> names.add(provider.name()));
    return List.copyOf(names);
  }

  /** The available client called {@code name}, if there is one. */
  static Optional<CacheTransportProvider> find(String name) {
    return available().stream().filter(provider -> provider.name().equals(name)).findFirst();
  }
}
