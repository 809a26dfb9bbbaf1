package dev.crossgrade.transport.memcached;

import dev.crossgrade.codec.BuilderChecks;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.RolloutConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What the memcached client modules share: the settings of a transport (servers placed by ketama
 * consistent hashing, timeouts, the item size) and their checks, written once. A client module
 * ({@code crossgrade-transport-spymemcached}, {@code crossgrade-transport-xmemcached}) offers its
 * client as {@code SpymemcachedTransport.newBuilder()} or {@code XmemcachedTransport.newBuilder()},
 * a {@link Builder} over its own {@link Connector}, and as a {@code transport.client} name.
 *
 * <p>Both clients move raw bytes only (a pass-through transcoder; never a serializing one), do not
 * redistribute keys when a node fails (its keys become misses until it is back, so a returning node
 * cannot serve values that missed an invalidation through a stand-in), and reconnect by themselves.
 */
public final class MemcachedTransport {
  /** The flags written with every value; values are opaque bytes to memcached. */
  public static final int FLAGS = 0;

  /** The largest value either client is ever given: 1 GiB, memcached's largest item size. */
  public static final int LARGEST_VALUE = 1 << 30;

  /**
   * Connects a memcached client with the checked settings: what a client module gives {@link
   * #newBuilder(String, Connector)}.
   */
  @FunctionalInterface
  public interface Connector {
    /**
     * Starts the client; servers that are down are retried in the background.
     *
     * @throws IOException if the client cannot be started
     */
    CacheTransport connect(Settings settings) throws IOException;
  }

  /**
   * The checked settings of a memcached transport.
   *
   * @param servers the servers, each with the name that places its keys; at least one, names
   *     distinct
   * @param operationTimeout how long one operation may take before it counts as a miss
   * @param connectTimeout how long the client waits for the servers to connect
   * @param itemSizeMax the servers' item size set explicitly, or -1 to ask the servers
   */
  public record Settings(
      List<KetamaRing.Server> servers,
      Duration operationTimeout,
      Duration connectTimeout,
      int itemSizeMax) {
    /** Copies the server list. */
    public Settings {
      servers = List.copyOf(servers);
      Objects.requireNonNull(operationTimeout, "operationTimeout");
      Objects.requireNonNull(connectTimeout, "connectTimeout");
    }
  }

  private MemcachedTransport() {}

  /**
   * Starts the settings of a transport on the client {@code client} (its {@code transport.client}
   * name, for messages), which {@code connector} connects: for a client module's {@code
   * newBuilder()}.
   */
  public static Builder newBuilder(String client, Connector connector) {
    return new Builder(client, connector);
  }

  /**
   * The transport on {@code client} that a config's {@code transport} section describes ({@code
   * servers}, {@code timeout}, {@code connectTimeout}): for a client module's provider.
   */
  public static CacheTransport fromSpec(
      String client, Connector connector, RolloutConfig.TransportSpec spec) {
    Builder builder =
        newBuilder(client, connector)
            .operationTimeout(spec.timeout())
            .connectTimeout(spec.connectTimeout());
    for (String server : spec.servers()) {
      builder.server(parseAddress(server));
    }
    return builder.build();
  }

  /** Parses {@code host:port}; the config validation has checked the form. */
  public static InetSocketAddress parseAddress(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
  }

  /**
   * The memcached expiry for a ttl: whole seconds rounded up, 0 for none, and an absolute Unix time
   * beyond 30 days as the protocol requires.
   */
  public static int expiry(Duration ttl) {
    if (ttl.isZero() || ttl.isNegative()) {
      return 0;
    }
    long seconds = (ttl.toMillis() + 999) / 1000;
    if (seconds <= 30L * 24 * 3600) {
      return (int) seconds;
    }
    return (int) Math.min(Integer.MAX_VALUE, System.currentTimeMillis() / 1000 + seconds);
  }

  /**
   * Settings of a memcached transport; each may be set once, and {@link #build()} checks the whole.
   */
  public static final class Builder {
    private final String client;
    private final Connector connector;
    private final List<KetamaRing.Server> servers = new ArrayList<>();
    private @Nullable Duration operationTimeout;
    private @Nullable Duration connectTimeout;
    private int itemSizeMax = -1;

    private Builder(String client, Connector connector) {
      this.client = Objects.requireNonNull(client, "client");
      this.connector = Objects.requireNonNull(connector, "connector");
    }

    /**
     * Adds a server; several servers form a cluster behind ketama consistent hashing. Keys are
     * placed by the server's resolved IP address and port, so every spelling of it (IP literal,
     * host name, IPv6 form) and both clients place them alike.
     *
     * @throws IllegalArgumentException if the address cannot be resolved
     */
    public Builder server(InetSocketAddress address) {
      servers.add(KetamaRing.Server.of(Objects.requireNonNull(address, "address")));
      return this;
    }

    /**
     * Adds a server whose keys are placed by {@code placementName} instead of its address: for a
     * server that processes reach at different addresses (through a local proxy, NAT, or an alias
     * per host). Every process must give the server the same name, and every server of the cluster
     * a name of its own.
     */
    public Builder server(InetSocketAddress address, String placementName) {
      Objects.requireNonNull(address, "address");
      if (placementName.isBlank()) {
        throw new IllegalArgumentException("placementName must not be blank");
      }
      servers.add(new KetamaRing.Server(address, placementName));
      return this;
    }

    /** How long one operation may take before it counts as a miss; default 250 ms, at most 60 s. */
    public Builder operationTimeout(Duration timeout) {
      BuilderChecks.requireUnset(operationTimeout != null, "operationTimeout");
      this.operationTimeout = BuilderChecks.timeout(timeout, "operationTimeout");
      return this;
    }

    /**
     * How long {@link #build()} waits for the servers to connect; default 1 s, at most 60 s. A
     * server still down after that is retried in the background, its keys missing meanwhile.
     */
    public Builder connectTimeout(Duration timeout) {
      BuilderChecks.requireUnset(connectTimeout != null, "connectTimeout");
      this.connectTimeout = BuilderChecks.timeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * The servers' item size ({@code memcached -I}), for servers that cannot be asked, such as
     * behind a proxy that does not pass {@code stats} through: 1 KiB to 1 GiB. By default each
     * server's {@code item_size_max} is read from {@code stats settings} (1 MiB until one answers).
     * A value is sent only if it fits in an item together with its key and the item header ({@value
     * ItemLimit#ITEM_OVERHEAD} bytes); a larger one is refused before it is sent, with {@link
     * ItemTooLargeException}, so that no value can make the server drop a connection.
     */
    public Builder itemSizeMax(int bytes) {
      BuilderChecks.requireUnset(itemSizeMax >= 0, "itemSizeMax");
      if (bytes < 1024 || bytes > LARGEST_VALUE) {
        throw new IllegalArgumentException("itemSizeMax must be 1 KiB to 1 GiB, was " + bytes);
      }
      this.itemSizeMax = bytes;
      return this;
    }

    /**
     * Connects the client; servers that are down are retried in the background.
     *
     * @throws IllegalStateException if no server was given, or two servers have one name
     * @throws UncheckedIOException if the client cannot be started
     */
    public CacheTransport build() {
      if (servers.isEmpty()) {
        throw new IllegalStateException("no server: call server(address) at least once");
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      for (KetamaRing.Server server : servers) {
        if (!names.add(server.name())) {
          throw new IllegalStateException(
              ("two servers are placed by the name '%s' (a server listed twice, or two placement "
                      + "names alike): give each server of the cluster once, with a name of its own")
                  .formatted(server.name()));
        }
      }
      Duration op = operationTimeout == null ? Duration.ofMillis(250) : operationTimeout;
      Duration connect = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
      int max = itemSizeMax; // -1: ask the servers
      try {
        return connector.connect(new Settings(servers, op, connect, max));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "could not start " + client + " for " + servers + ": " + e.getMessage(), e);
      }
    }
  }
}
