package dev.crossgrade.transport.lettuce;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of a transport: made at start (waiting up to the connect timeout), else in the
 * background, at most one attempt a second, until it succeeds; from then on Lettuce reconnects it
 * by itself. While it is not connected, or a server is unreachable, commands are refused at once
 * ({@link ClientOptions.DisconnectedBehavior#REJECT_COMMANDS}), never queued; a command that was
 * sent but not answered when a connection dropped is not sent again after the reconnect (at most
 * once: it times out instead, and the router invalidates behind it). Each command times out on its
 * own after the operation timeout ({@link TimeoutOptions}), and at most {@value #REQUEST_QUEUE}
 * commands wait for an answer per connection.
 */
final class RedisLink implements AutoCloseable {
  /** Commands in flight per connection, at most; one more fails at once. */
  static final int REQUEST_QUEUE = 65_536;

  private static final Logger LOG = LoggerFactory.getLogger(LettuceTransport.class);
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.ASCII, ByteArrayCodec.INSTANCE);

  private final LettuceTransport.Topology topology;
  private final List<InetSocketAddress> servers;
  private final Duration connectTimeout;
  private final ClientResources resources;
  private final AbstractRedisClient client;
  private final @Nullable ClusterClientOptions clusterConnecting;
  private final @Nullable ClusterClientOptions clusterConnected;
  private final AtomicBoolean connecting = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long nextAttempt = System.nanoTime();
  private volatile @Nullable StatefulConnection<String, byte[]> connection;
  private volatile @Nullable RedisClusterAsyncCommands<String, byte[]> commands;

  RedisLink(
      LettuceTransport.Topology topology,
      List<InetSocketAddress> servers,
      Duration operationTimeout,
      Duration connectTimeout) {
    this.topology = topology;
    this.servers = servers;
    this.connectTimeout = connectTimeout;
    this.resources =
        DefaultClientResources.builder()
            .commandLatencyRecorder(CommandLatencyRecorder.disabled())
            .build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(operationTimeout);
    SocketOptions socket =
        SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true).build();
    List<RedisURI> uris = new ArrayList<>();
    for (InetSocketAddress server : servers) {
      uris.add(
          RedisURI.builder()
              .withHost(server.getHostString())
              .withPort(server.getPort())
              .withTimeout(operationTimeout)
              .build());
    }
    if (topology == LettuceTransport.Topology.CLUSTER) {
      this.clusterConnecting = clusterOptions(timeouts, socket, false);
      this.clusterConnected = clusterOptions(timeouts, socket, true);
      RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
      cluster.setOptions(clusterConnecting);
      this.client = cluster;
    } else {
      RedisClient standalone = RedisClient.create(resources, uris.get(0));
      standalone.setOptions(
          LettuceVersions.withoutMaintenanceNotifications(
                  ClientOptions.builder()
                      .autoReconnect(true)
                      .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                      .requestQueueSize(REQUEST_QUEUE)
                      .timeoutOptions(timeouts)
                      .socketOptions(socket)
                      .replayFilter(command -> true))
              .build());
      this.client = standalone;
      this.clusterConnecting = null;
      this.clusterConnected = null;
    }
    CompletableFuture<?> first = connect();
    try {
      first.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "{}: not connected to {} within {} ms; retrying in the background every second, keys"
              + " missing meanwhile ({})",
          topology.clientName(),
          servers,
          connectTimeout.toMillis(),
          e.getCause() == null ? e.toString() : e.getCause().toString());
    }
  }

  /**
   * The Cluster client's options. Lettuce's Cluster connect fails when commands are rejected while
   * disconnected (its topology and handshake commands are), so that is set only once connected,
   * before the node connections are opened: they inherit it.
   */
  private static ClusterClientOptions clusterOptions(
      TimeoutOptions timeouts, SocketOptions socket, boolean rejectWhileDisconnected) {
    return (ClusterClientOptions)
        LettuceVersions.withoutMaintenanceNotifications(
                ClusterClientOptions.builder()
                    // The topology is read again on a redirect or persistent reconnects, and
                    // every 30 s.
                    .topologyRefreshOptions(
                        LettuceVersions.withAdaptiveRefresh(ClusterTopologyRefreshOptions.builder())
                            .enablePeriodicRefresh(Duration.ofSeconds(30))
                            .build())
                    .autoReconnect(true)
                    .disconnectedBehavior(
                        rejectWhileDisconnected
                            ? ClientOptions.DisconnectedBehavior.REJECT_COMMANDS
                            : ClientOptions.DisconnectedBehavior.DEFAULT)
                    .requestQueueSize(REQUEST_QUEUE)
                    .timeoutOptions(timeouts)
                    .socketOptions(socket)
                    .replayFilter(command -> true))
            .build();
  }

  boolean cluster() {
    return topology == LettuceTransport.Topology.CLUSTER;
  }

  /**
   * The commands of the connection, or null when it is not connected yet: then an attempt starts,
   * if none is under way and the last was a second ago or more.
   */
  @Nullable RedisClusterAsyncCommands<String, byte[]> commands() {
    RedisClusterAsyncCommands<String, byte[]> ready = commands;
    if (ready == null && System.nanoTime() - nextAttempt >= 0) {
      connect();
    }
    return ready;
  }

  /** Why there are no commands: for the failure of a command refused before it was sent. */
  String notConnected() {
    return "not connected to %s%s yet (retried every second)"
        .formatted((cluster() ? "the Redis Cluster at " : "Redis at "), servers);
  }

  private CompletableFuture<?> connect() {
    if (closed.get() || !connecting.compareAndSet(false, true)) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<? extends StatefulConnection<String, byte[]>> attempt;
    try {
      if (client instanceof RedisClusterClient cluster) {
        cluster.setOptions(java.util.Objects.requireNonNull(clusterConnecting));
        // connectAsync needs the topology read first (Lettuce's connect() reads it blocking).
        attempt =
            cluster
                .refreshPartitionsAsync()
                .toCompletableFuture()
                .thenCompose(read -> cluster.connectAsync(CODEC))
                .thenCompose(
                    made -> {
                      cluster.setOptions(java.util.Objects.requireNonNull(clusterConnected));
                      return connectNodes(made);
                    });
      } else {
        attempt = ((RedisClient) client).connectAsync(CODEC, uri()).toCompletableFuture();
      }
    } catch (RuntimeException e) {
      attempt = CompletableFuture.failedFuture(e);
    }
    return attempt.whenComplete(
        (made, failure) -> {
          nextAttempt = System.nanoTime() + RETRY_NANOS;
          if (made != null && failure == null) {
            if (closed.get()) {
              made.closeAsync();
            } else {
              connection = made;
              commands =
                  made instanceof StatefulRedisClusterConnection<String, byte[]> c
                      ? c.async()
                      : ((StatefulRedisConnection<String, byte[]>) made).async();
              LOG.info("{}: connected to {}", topology.clientName(), servers);
            }
          }
          connecting.set(false);
        });
  }

  private RedisURI uri() {
    InetSocketAddress server = servers.get(0);
    return RedisURI.builder()
        .withHost(server.getHostString())
        .withPort(server.getPort())
        .withTimeout(connectTimeout)
        .build();
  }

  /**
   * Opens the connection to every master before the first command: commands queued on a node
   * connection that is still being made could be written in another order than they were sent. A
   * node that does not connect is left to Lettuce (its keys fail until it is back).
   */
  private CompletableFuture<StatefulRedisClusterConnection<String, byte[]>> connectNodes(
      StatefulRedisClusterConnection<String, byte[]> made) {
    List<CompletableFuture<?>> nodes = new ArrayList<>();
    for (RedisClusterNode node : made.getPartitions()) {
      if (node.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
        nodes.add(
            made.getConnectionAsync(node.getNodeId())
                .orTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> null));
      }
    }
    return CompletableFuture.allOf(nodes.toArray(new CompletableFuture<?>[0]))
        .thenApply(done -> made);
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    StatefulConnection<String, byte[]> open = connection;
    commands = null;
    connection = null;
    try {
      if (open != null) {
        open.close();
      }
    } catch (RuntimeException e) {
      LOG.debug("closing the connection: {}", e.toString());
    }
    try {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    } catch (RuntimeException e) {
      LOG.debug("shutting down the client: {}", e.toString());
    }
    try {
      resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.debug("shutting down the client's threads: {}", e.toString());
    }
  }

  @Override
  public String toString() {
    return topology.clientName() + servers;
  }
}
