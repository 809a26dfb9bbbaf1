package dev.crossgrade.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link CacheTransport} on a real memcached client, over one server or a cluster behind
 * the client's ketama consistent hashing. Both clients move raw bytes only (our own pass-through
 * transcoder; never a serializing one), do not redistribute keys when a node fails (its keys become
 * misses until it is back, so a returning node cannot serve values that missed an invalidation
 * through a stand-in), and reconnect by themselves.
 */
public final class MemcachedTransport {
  /** The memcached client library an adapter uses. */
  public enum Client {
    /** spymemcached 2.x, asynchronous. */
    SPYMEMCACHED,
    /** xmemcached 2.x; its operations block the calling thread up to the timeout. */
    XMEMCACHED;

    /** The lower-case name used in config files. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private MemcachedTransport() {}

  /** Starts a memcached transport. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Builds the transport described by a config file's {@code transport} section, whichever client
   * it names: the same as {@link CacheTransport#fromConfig}.
   *
   * @throws IllegalArgumentException if no available client has the config's name
   */
  public static CacheTransport fromConfig(RolloutConfig.TransportSpec spec) {
    return CacheTransport.fromConfig(spec);
  }

  /** A transport on {@code client} for a config's {@code transport} section. */
  static CacheTransport fromSpec(Client client, RolloutConfig.TransportSpec spec) {
    Builder builder =
        newBuilder()
            .client(client)
            .operationTimeout(spec.timeout())
            .connectTimeout(spec.connectTimeout());
    for (String server : spec.servers()) {
      builder.server(parseAddress(server));
    }
    return builder.build();
  }

  /** Parses {@code host:port}; the config validation has checked the form. */
  static InetSocketAddress parseAddress(String hostPort) {
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
  static int expiry(Duration ttl) {
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
    private @Nullable Client client;
    private final List<KetamaRing.Server> servers = new ArrayList<>();
    private @Nullable Duration operationTimeout;
    private @Nullable Duration connectTimeout;
    private int itemSizeMax = -1;

    private Builder() {}

    /** The client library; required. */
    public Builder client(Client client) {
      Settings.requireUnset(this.client != null, "client");
      this.client = Objects.requireNonNull(client, "client");
      return this;
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
      Settings.requireUnset(operationTimeout != null, "operationTimeout");
      this.operationTimeout = checkTimeout(timeout, "operationTimeout");
      return this;
    }

    /**
     * How long {@link #build()} waits for the servers to connect; default 1 s, at most 60 s. A
     * server still down after that is retried in the background, its keys missing meanwhile.
     */
    public Builder connectTimeout(Duration timeout) {
      Settings.requireUnset(connectTimeout != null, "connectTimeout");
      this.connectTimeout = checkTimeout(timeout, "connectTimeout");
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
      Settings.requireUnset(itemSizeMax >= 0, "itemSizeMax");
      if (bytes < 1024 || bytes > SpymemcachedTransport.RawBytes.LARGEST) {
        throw new IllegalArgumentException("itemSizeMax must be 1 KiB to 1 GiB, was " + bytes);
      }
      this.itemSizeMax = bytes;
      return this;
    }

    /**
     * Connects the client; servers that are down are retried in the background.
     *
     * @throws IllegalStateException if the client or the servers are missing
     * @throws UncheckedIOException if the client cannot be started
     */
    public CacheTransport build() {
      Client chosen = client;
      if (chosen == null) {
        throw new IllegalStateException(
            "no client: call client(MemcachedTransport.Client.SPYMEMCACHED or XMEMCACHED)");
      }
      if (servers.isEmpty()) {
        throw new IllegalStateException("no server: call server(address) at least once");
      }
      java.util.Set<String> names = new java.util.HashSet<>();
      for (KetamaRing.Server server : servers) {
        if (!names.add(server.name())) {
          throw new IllegalStateException(
              "two servers are placed by the name '"
                  + server.name()
                  + "' (a server listed twice, or two placement names alike): give each server"
                  + " of the cluster once, with a name of its own");
        }
      }
      Duration op = operationTimeout == null ? Duration.ofMillis(250) : operationTimeout;
      Duration connect = connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout;
      int max = itemSizeMax; // -1: ask the servers
      try {
        return chosen == Client.SPYMEMCACHED
            ? new SpymemcachedTransport(List.copyOf(servers), op, connect, max)
            : new XmemcachedTransport(List.copyOf(servers), op, connect, max);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "could not start " + chosen.label() + " for " + servers + ": " + e.getMessage(), e);
      }
    }

    private static Duration checkTimeout(Duration timeout, String name) {
      Objects.requireNonNull(timeout, name);
      if (timeout.isNegative()
          || timeout.isZero()
          || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException(
            name + " must be over 0 and at most 60s, was " + timeout);
      }
      return timeout;
    }
  }
}
