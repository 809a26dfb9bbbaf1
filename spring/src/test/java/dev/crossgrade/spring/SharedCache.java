package dev.crossgrade.spring;

import dev.crossgrade.router.MemcachedServer;
import dev.crossgrade.transport.lettuce.RedisCluster;
import dev.crossgrade.transport.lettuce.RedisServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared cache servers the Spring tests run both builds on: a real memcached, a real Redis and
 * a real 3-master Redis Cluster, each on loopback; the transport section of a rollout file that
 * names it, and the keys the server holds (as the router wrote them, Redis hash tags removed).
 */
enum SharedCache {
  MEMCACHED(
      () -> {
        MemcachedServer server = MemcachedServer.start();
        return new Running(
            "{client: spymemcached, servers: [" + server.hostPort() + "], timeout: 250ms}",
            () -> ServerKeys.list(server),
            server::close);
      }),
  REDIS(
      () -> {
        RedisServer server = RedisServer.start();
        return new Running(
            "{client: lettuce, servers: [" + server.hostPort() + "], timeout: 250ms}",
            () -> redisKeys(List.of(server)),
            server::close);
      }),
  REDIS_CLUSTER(
      () -> {
        RedisCluster cluster = RedisCluster.start();
        return new Running(
            "{client: lettuce-cluster, servers: ["
                + String.join(", ", cluster.hostPorts())
                + "], timeout: 250ms}",
            () -> redisKeys(cluster.nodes()),
            cluster::close);
      });

  private static final int MAX_KEYS = 100_000;

  /** A started server. */
  record Running(String transport, KeyLister keys, Runnable stop) implements AutoCloseable {
    List<String> list() {
      return keys.list();
    }

    @Override
    public void close() {
      stop.run();
    }
  }

  /** Lists a server's keys. */
  interface KeyLister {
    List<String> list();
  }

  interface Starter {
    Running start();
  }

  private final Starter starter;

  SharedCache(Starter starter) {
    this.starter = starter;
  }

  Running start() {
    return starter.start();
  }

  /** Every node's keys by {@code SCAN}, each without the transport's leading {@code {tag}}. */
  static List<String> redisKeys(List<RedisServer> nodes) {
    List<String> keys = new ArrayList<>();
    for (RedisServer node : nodes) {
      String cursor = "0";
      do {
        List<?> reply = (List<?>) node.command("SCAN", cursor, "COUNT", "1000");
        cursor = text(reply.get(0));
        for (Object key : (List<?>) reply.get(1)) {
          keys.add(untagged(text(key)));
        }
      } while (!cursor.equals("0") && keys.size() < MAX_KEYS);
    }
    return keys;
  }

  private static String untagged(String redisKey) {
    int close = redisKey.indexOf('}');
    return redisKey.startsWith("{") && close > 0 ? redisKey.substring(close + 1) : redisKey;
  }

  private static String text(Object reply) {
    return reply instanceof byte[] bytes
        ? new String(bytes, StandardCharsets.UTF_8)
        : String.valueOf(reply);
  }
}
