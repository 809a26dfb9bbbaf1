package dev.crossgrade.transport.lettuce;

import static org.assertj.core.api.Assertions.fail;

import io.lettuce.core.cluster.SlotHash;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Redis Cluster of three masters and no replicas for tests, each a {@link RedisServer} on
 * loopback in cluster mode, joined by {@code redis-cli --cluster create}. The nodes serve their
 * slots while another is down ({@code cluster-require-full-coverage no}), and a node restarted in
 * its directory rejoins with its slots, empty.
 */
public final class RedisCluster implements AutoCloseable {
  private static @Nullable RedisCluster shared;

  private final List<RedisServer> nodes;

  private RedisCluster(List<RedisServer> nodes) {
    this.nodes = nodes;
  }

  /** A new cluster of this test's own. */
  public static RedisCluster start() {
    List<RedisServer> nodes =
        List.of(
            RedisServer.startClusterNode(),
            RedisServer.startClusterNode(),
            RedisServer.startClusterNode());
    RedisCluster cluster = new RedisCluster(nodes);
    try {
      cluster.create();
      cluster.awaitHealthy();
    } catch (RuntimeException | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** One cluster shared by every test of this JVM, restored if a test left a node down. */
  public static synchronized RedisCluster shared() {
    if (shared == null) {
      shared = start();
    }
    for (RedisServer node : shared.nodes) {
      if (!node.running()) {
        node.restart();
      }
    }
    shared.awaitHealthy();
    return shared;
  }

  private void create() {
    List<String> command = new ArrayList<>();
    command.add(RedisServer.requireBinary("redis-cli").toString());
    command.add("--cluster");
    command.add("create");
    nodes.forEach(node -> command.add(node.hostPort()));
    command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
    try {
      Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = create.getInputStream().readAllBytes();
      if (!create.waitFor(60, TimeUnit.SECONDS) || create.exitValue() != 0) {
        fail(
            "redis-cli --cluster create failed: "
                + new String(output, StandardCharsets.UTF_8)
                + "\n"
                + nodes.get(0).log());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the cluster", e);
    }
  }

  /**
   * Waits up to 30 s until every running node says {@code cluster_state:ok} and knows the other
   * nodes, and every slot has a running master.
   */
  public void awaitHealthy() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    String last = "";
    while (System.nanoTime() < deadline) {
      boolean ok = true;
      for (RedisServer node : nodes) {
        try {
          String info = Resp.text(node.port(), "CLUSTER", "INFO");
          last = node + ": " + info.replace("\r\n", " ");
          if (!info.contains("cluster_state:ok")
              || !info.contains("cluster_known_nodes:" + nodes.size())
              || !info.contains("cluster_slots_ok:16384")) {
            ok = false;
          }
        } catch (UncheckedIOException | Resp.ErrorReply e) {
          ok = false;
          last = node + ": " + e.getMessage();
        }
      }
      if (ok) {
        return;
      }
      RedisServer.sleep(50);
    }
    fail("the Redis Cluster did not become healthy within 30 s; last: " + last);
  }

  /** The three nodes. */
  public List<RedisServer> nodes() {
    return nodes;
  }

  /** Every node's address, as seeds for a client. */
  public List<InetSocketAddress> seeds() {
    return nodes.stream().map(RedisServer::address).toList();
  }

  /** {@code host:port} of every node, as a config file lists them. */
  public List<String> hostPorts() {
    return nodes.stream().map(RedisServer::hostPort).toList();
  }

  /** The node that serves the slot of the Redis key {@code redisKey}. */
  public RedisServer nodeOf(String redisKey) {
    int slot = SlotHash.getSlot(redisKey);
    for (RedisServer node : nodes) {
      if (node.running() && owns(node, slot)) {
        return node;
      }
    }
    throw new IllegalStateException("no running node serves slot " + slot);
  }

  private static boolean owns(RedisServer node, int slot) {
    String nodes = Resp.text(node.port(), "CLUSTER", "NODES");
    for (String line : nodes.split("\n")) {
      if (!line.contains("myself")) {
        continue;
      }
      String[] fields = line.trim().split(" ");
      for (int i = 8; i < fields.length; i++) {
        String range = fields[i];
        if (range.startsWith("[")) {
          continue;
        }
        int dash = range.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
        if (slot >= from && slot <= to) {
          return true;
        }
      }
    }
    return false;
  }

  /** The number of keys on each node, in order. */
  public List<Long> keysPerNode() {
    return nodes.stream().map(RedisServer::keys).toList();
  }

  @Override
  public void close() {
    nodes.forEach(RedisServer::close);
  }

  @Override
  public String toString() {
    return "redis-cluster" + hostPorts();
  }
}
