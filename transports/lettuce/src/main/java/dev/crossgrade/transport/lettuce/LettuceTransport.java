package dev.crossgrade.transport.lettuce;

import dev.crossgrade.codec.BuilderChecks;
import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.ItemTooLargeException;
import dev.crossgrade.router.RolloutConfig;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link CacheTransport} on Redis through Lettuce, over one standalone server or a Redis
 * Cluster. Values are raw bytes (Lettuce's byte-array codec; nothing is serialized). Every
 * generation of a logical key is kept in one Cluster slot, so its generations travel one connection
 * in order; the back-fill's compare-and-swap is a Lua script; a command that fails or gets no
 * answer in time fails its future (a miss for {@code VersionedCache}), and commands are refused at
 * once, not queued, while a server is unreachable. Servers that are down at start are connected in
 * the background. The module's README shows an example.
 */
public final class LettuceTransport {
  /** The largest value Redis stores: 512 MiB ({@code proto-max-bulk-len}'s default). */
  public static final int REDIS_MAX_VALUE_BYTES = 512 << 20;

  /** The default largest value this transport sends: 8 MiB. */
  public static final int DEFAULT_MAX_VALUE_BYTES = 8 << 20;

  /** How the servers are organised. */
  public enum Topology {
    /** One Redis server ({@code transport.client: lettuce}). */
    STANDALONE("lettuce"),
    /** A Redis Cluster, reached through any of its nodes ({@code client: lettuce-cluster}). */
    CLUSTER("lettuce-cluster");

    private final String clientName;

    Topology(String clientName) {
      this.clientName = clientName;
    }

    /** The {@code transport.client} name, which is also the transport's {@code name()}. */
    public String clientName() {
      return clientName;
    }
  }

  private LettuceTransport() {}

  /** Starts a Lettuce transport. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** A transport of {@code topology} for a config's {@code transport} section. */
  static CacheTransport fromSpec(Topology topology, RolloutConfig.TransportSpec spec) {
    if (topology == Topology.STANDALONE && spec.servers().size() != 1) {
      throw new IllegalArgumentException(
          ("client lettuce talks to one Redis server, but transport.servers lists %s: "
                  + "give one server, or use client: lettuce-cluster for a Redis Cluster")
              .formatted(spec.servers().size()));
    }
    Builder builder =
        newBuilder()
            .topology(topology)
            .operationTimeout(spec.timeout())
            .connectTimeout(spec.connectTimeout());
    for (String server : spec.servers()) {
      builder.server(address(server));
    }
    return builder.build();
  }

  /** Parses {@code host:port} or {@code [v6]:port}; the config validation has checked the form. */
  static InetSocketAddress address(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("'" + hostPort + "' is not host:port");
    }
    String host = hostPort.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return InetSocketAddress.createUnresolved(
          host, Integer.parseInt(hostPort.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + hostPort + "' is not host:port", e);
    }
  }

  /**
   * Settings of a Lettuce transport; each may be set once, and {@link #build()} checks the whole.
   */
  public static final class Builder {
    private @Nullable Topology topology;
    private final List<InetSocketAddress> servers = new ArrayList<>();
    private @Nullable Duration operationTimeout;
    private @Nullable Duration connectTimeout;
    private int maximumValueSize = -1;

    private Builder() {}

    /** One server or a Cluster; default {@link Topology#STANDALONE}. */
    public Builder topology(Topology topology) {
      BuilderChecks.requireUnset(this.topology != null, "topology");
      this.topology = Objects.requireNonNull(topology, "topology");
      return this;
    }

    /**
     * Adds a server: the one standalone server, or a node of the Cluster from which the topology is
     * read (any node will do; list several in case one is down at start).
     */
    public Builder server(InetSocketAddress address) {
      servers.add(Objects.requireNonNull(address, "address"));
      return this;
    }

    /** How long one command may take before it counts as a miss; default 250 ms, at most 60 s. */
    public Builder operationTimeout(Duration timeout) {
      BuilderChecks.requireUnset(operationTimeout != null, "operationTimeout");
      this.operationTimeout = BuilderChecks.timeout(timeout, "operationTimeout");
      return this;
    }

    /**
     * How long {@link #build()} waits for the servers to connect; default 1 s, at most 60 s. A
     * server still down after that is retried in the background, every second, its keys missing
     * meanwhile.
     */
    public Builder connectTimeout(Duration timeout) {
      BuilderChecks.requireUnset(connectTimeout != null, "connectTimeout");
      this.connectTimeout = BuilderChecks.timeout(timeout, "connectTimeout");
      return this;
    }

    /**
     * The largest value sent, in bytes: 1 KiB to {@value #REDIS_MAX_VALUE_BYTES} (Redis's own
     * limit); default {@value #DEFAULT_MAX_VALUE_BYTES}. A larger value is refused before it is
     * sent, with {@link ItemTooLargeException}: one huge value blocks a Redis server, which runs
     * every command on one thread, for every other client.
     */
    public Builder maximumValueSize(int bytes) {
      BuilderChecks.requireUnset(maximumValueSize >= 0, "maximumValueSize");
      if (bytes < 1024 || bytes > REDIS_MAX_VALUE_BYTES) {
        throw new IllegalArgumentException(
            "maximumValueSize must be 1 KiB to 512 MiB (Redis's limit), was " + bytes);
      }
      this.maximumValueSize = bytes;
      return this;
    }

    /**
     * Starts the client and waits up to the connect timeout for the servers; those that are down
     * are connected in the background.
     *
     * @throws IllegalStateException if Lettuce 7 is on the class path without Netty 4.2, no server
     *     was given, or a standalone transport was given more than one
     */
    public CacheTransport build() {
      LettuceVersions.require();
      Topology chosen = topology == null ? Topology.STANDALONE : topology;
      if (servers.isEmpty()) {
        throw new IllegalStateException("no server: call server(address) at least once");
      }
      if (chosen == Topology.STANDALONE && servers.size() > 1) {
        throw new IllegalStateException(
            ("a standalone transport talks to one server, was given %s: call "
                    + "server(address) once, or topology(Topology.CLUSTER) for a Redis Cluster")
                .formatted(servers.size()));
      }
      return new RealLettuceTransport(
          chosen,
          List.copyOf(servers),
          operationTimeout == null ? Duration.ofMillis(250) : operationTimeout,
          connectTimeout == null ? Duration.ofSeconds(1) : connectTimeout,
          maximumValueSize < 0 ? DEFAULT_MAX_VALUE_BYTES : maximumValueSize);
    }
  }
}
