package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.transport.memcached.KetamaRing;
import dev.crossgrade.transport.memcached.MemcachedTransport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Both memcached adapters place every key on the same server, whatever the spelling of the servers
 * (IP literal, host name, IPv6 forms) and their order; and every generation of a logical key on the
 * same server. Regression: with IP literals, spymemcached's and xmemcached's own ketama rings
 * (which hash {@code 127.0.0.1:port} and {@code /127.0.0.1:port}) put 68 % of keys on different
 * nodes of a 3-node cluster, so a runtime on one client served values the other had replaced.
 */
class KeyPlacementTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final int KEYS = 600;

  /**
   * Placement tests are not about timeouts: thousands of operations on a shared, noisy 2-core CI
   * machine must not fail on one GC pause (CI regression: a 1 s timeout on op 4,000-odd).
   */
  private static final Duration PATIENT = Duration.ofSeconds(15);

  @Test
  void everySpellingOfAServerHasOneName() {
    assertThat(KetamaRing.nodeName(new InetSocketAddress("127.0.0.1", 11211)))
        .isEqualTo("127.0.0.1:11211");
    assertThat(KetamaRing.nodeName(new InetSocketAddress("localhost", 11211)))
        .isEqualTo(KetamaRing.nodeName(new InetSocketAddress("127.0.0.1", 11211)));
    assertThat(KetamaRing.nodeName(InetSocketAddress.createUnresolved("127.0.0.1", 11211)))
        .isEqualTo("127.0.0.1:11211");
    assertThat(KetamaRing.nodeName(new InetSocketAddress("::1", 11211)))
        .isEqualTo(KetamaRing.nodeName(new InetSocketAddress("0:0:0:0:0:0:0:1", 11211)))
        .isEqualTo(KetamaRing.nodeName(MemcachedTransport.parseAddress("[::1]:11211")))
        .isEqualTo("[0:0:0:0:0:0:0:1]:11211");
    assertThatThrownBy(
            () ->
                KetamaRing.nodeName(InetSocketAddress.createUnresolved("no-such-host.invalid", 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot resolve memcached server no-such-host.invalid:1");
  }

  @Test
  void theRingDoesNotDependOnServerOrderOrSpelling() {
    List<InetSocketAddress> ips = new ArrayList<>();
    List<InetSocketAddress> names = new ArrayList<>();
    for (int port = 11211; port < 11216; port++) {
      ips.add(new InetSocketAddress("127.0.0.1", port));
      names.add(new InetSocketAddress("localhost", port));
    }
    Collections.reverse(names);
    KetamaRing<List<InetSocketAddress>> a = KetamaRing.of(ips, KetamaRing::nodeName);
    KetamaRing<List<InetSocketAddress>> b = KetamaRing.of(names, KetamaRing::nodeName);
    Map<Integer, Integer> perNode = new HashMap<>();
    for (int i = 0; i < 5000; i++) {
      String key = "shop:users:g2:" + i;
      int port = a.nodeFor(key).get(0).getPort();
      assertThat(b.nodeFor(key).get(0).getPort()).as(key).isEqualTo(port);
      perNode.merge(port, 1, Integer::sum);
    }
    // Ketama spreads keys over every node (160 points each): none gets under half its share.
    assertThat(perNode)
        .hasSize(5)
        .allSatisfy((port, count) -> assertThat(count).isGreaterThan(500));
  }

  @Test
  void everyGenerationOfAKeyHasOnePlacementKey() {
    assertThat(KeyRouter.placementKey("shop:users:g1:42")).isEqualTo("shop:users:42");
    assertThat(KeyRouter.placementKey("shop:users:g65535:42")).isEqualTo("shop:users:42");
    assertThat(KeyRouter.placementKey("shop:users:g2:#abc")).isEqualTo("shop:users:#abc");
    assertThat(KeyRouter.placementKey("shop:users:g2:a:b")).isEqualTo("shop:users:a:b");
    // Other shapes are their own placement key.
    assertThat(KeyRouter.placementKey("shop:_cg:caps:users:v1"))
        .isEqualTo("shop:_cg:caps:users:v1");
    assertThat(KeyRouter.placementKey("shop:users:gx:42")).isEqualTo("shop:users:gx:42");
    assertThat(KeyRouter.placementKey("shop:users:g:42")).isEqualTo("shop:users:g:42");
    assertThat(KeyRouter.placementKey("shop:users:g12")).isEqualTo("shop:users:g12");
    assertThat(KeyRouter.placementKey("plain")).isEqualTo("plain");
    KeyRouter router = KeyRouter.withPrefix("shop");
    String long1 = router.physicalKey("users", 1, "x".repeat(300));
    String long2 = router.physicalKey("users", 2, "x".repeat(300));
    assertThat(KeyRouter.placementKey(long1)).isEqualTo(KeyRouter.placementKey(long2));
  }

  @Test
  void spymemcachedAndXmemcachedPutEveryKeyOnTheSameNodeOfARealClusterWithIpLiterals() {
    List<MemcachedServer> cluster = MemcachedServer.sharedCluster();
    List<InetSocketAddress> ips = cluster.stream().map(MemcachedServer::ipAddress).toList();
    List<InetSocketAddress> names = cluster.stream().map(MemcachedServer::address).toList();
    String p = TwoRuntimes.randomPrefix();
    // Both directions, and the two clients given different spellings of the same servers.
    try (CacheTransport spy = connect(MemcachedClient.SPYMEMCACHED, ips);
        CacheTransport xmem = connect(MemcachedClient.XMEMCACHED, ips);
        CacheTransport xmemByName = connect(MemcachedClient.XMEMCACHED, reversed(names))) {
      List<CacheTransport> nodes = new ArrayList<>();
      for (MemcachedServer server : cluster) {
        nodes.add(connect(MemcachedClient.SPYMEMCACHED, List.of(server.ipAddress())));
      }
      try {
        int[] perNode = new int[cluster.size()];
        for (int i = 0; i < KEYS; i++) {
          String bySpy = p + ":ks:g1:spy-" + i;
          String byXmem = p + ":ks:g2:xmem-" + i;
          assertThat(spy.set(bySpy, bytes(bySpy), MINUTE).join()).isTrue();
          assertThat(xmem.set(byXmem, bytes(byXmem), MINUTE).join()).isTrue();
          assertThat(xmem.get(bySpy).join())
              .as("xmemcached reads what spymemcached wrote")
              .isPresent();
          assertThat(xmemByName.get(bySpy).join()).as("by host name").isPresent();
          assertThat(spy.get(byXmem).join())
              .as("spymemcached reads what xmemcached wrote")
              .isPresent();
          int spyNode = holder(nodes, bySpy);
          perNode[spyNode]++;
          // The same logical key in another generation, written by the other client: same node.
          String sibling = p + ":ks:g2:spy-" + i;
          assertThat(xmem.set(sibling, bytes(sibling), MINUTE).join()).isTrue();
          assertThat(holder(nodes, sibling)).as("generations of one key").isEqualTo(spyNode);
        }
        for (int count : perNode) {
          assertThat(count).as("keys per node").isGreaterThan(KEYS / 10);
        }
      } finally {
        nodes.forEach(CacheTransport::close);
      }
    }
  }

  /**
   * Regression (found by AdversarialRolloutTest): xmemcached hands the locator only the sessions
   * connected at the moment, and a ring of those moved a down node's keys to the other nodes, where
   * they missed invalidations and later came back stale. Keys of a node that is down now fail.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(MemcachedClient.class)
  void aNodeThatIsDown_keepsItsKeys_noneMoveToAnotherNode(MemcachedClient client) throws Exception {
    List<MemcachedServer> cluster =
        List.of(MemcachedServer.start(), MemcachedServer.start(), MemcachedServer.start());
    String p = TwoRuntimes.randomPrefix();
    try (CacheTransport transport =
        connect(
            client,
            cluster.stream().map(MemcachedServer::ipAddress).toList(),
            Duration.ofSeconds(1))) {
      List<CacheTransport> nodes = new ArrayList<>();
      for (MemcachedServer server : cluster) {
        nodes.add(connect(MemcachedClient.SPYMEMCACHED, List.of(server.ipAddress())));
      }
      try {
        List<String> onNode0 = new ArrayList<>();
        for (int i = 0; onNode0.size() < 30; i++) {
          String key = p + ":ks:g2:k" + i;
          assertThat(transport.set(key, bytes("before"), MINUTE).join()).isTrue();
          if (holder(nodes, key) == 0) {
            onNode0.add(key);
          }
        }
        cluster.get(0).kill();
        MemcachedServer.sleep(1500); // the client notices and (xmemcached) drops the session
        for (String key : onNode0) {
          Boolean stored;
          try {
            stored =
                transport
                    .set(key, bytes("during"), MINUTE)
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
          } catch (java.util.concurrent.ExecutionException e) {
            stored = false;
          }
          assertThat(stored).as("%s written while its node is down", key).isFalse();
          assertThat(nodes.get(1).get(key).join()).as("%s on node 1", key).isEmpty();
          assertThat(nodes.get(2).get(key).join()).as("%s on node 2", key).isEmpty();
        }
      } finally {
        nodes.forEach(CacheTransport::close);
      }
    } finally {
      cluster.forEach(MemcachedServer::close);
    }
  }

  /** A server reached through a proxy, placed by the server's own name: keys land as direct. */
  @Test
  void aServerBehindAProxy_placedByItsOwnName_placesKeysAsADirectClient() throws Exception {
    List<MemcachedServer> cluster = MemcachedServer.sharedCluster();
    String p = TwoRuntimes.randomPrefix();
    List<DelayProxy> proxies = new ArrayList<>();
    try {
      MemcachedTransport.Builder viaProxies =
          MemcachedClient.XMEMCACHED.newBuilder().operationTimeout(PATIENT);
      for (MemcachedServer server : cluster) {
        DelayProxy proxy = new DelayProxy(server.ipAddress());
        proxies.add(proxy);
        viaProxies.server(proxy.address(), KetamaRing.nodeName(server.ipAddress()));
      }
      try (CacheTransport proxied = viaProxies.build();
          CacheTransport direct =
              connect(
                  MemcachedClient.SPYMEMCACHED,
                  cluster.stream().map(MemcachedServer::ipAddress).toList())) {
        for (int i = 0; i < 200; i++) {
          String key = p + ":ks:g1:" + i;
          assertThat(proxied.set(key, bytes(key), MINUTE).join()).isTrue();
          assertThat(direct.get(key).join()).as(key).isPresent();
        }
      }
    } finally {
      for (DelayProxy proxy : proxies) {
        proxy.close();
      }
    }
    assertThatThrownBy(
            () ->
                MemcachedClient.SPYMEMCACHED
                    .newBuilder()
                    .server(new InetSocketAddress("127.0.0.1", 1))
                    .server(new InetSocketAddress("localhost", 1))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two servers are placed by the name '127.0.0.1:1'");
  }

  /** The index of the one server that holds {@code key}. */
  private static int holder(List<CacheTransport> nodes, String key) {
    int found = -1;
    for (int n = 0; n < nodes.size(); n++) {
      if (nodes.get(n).get(key).join().isPresent()) {
        assertThat(found).as("%s on one node only", key).isEqualTo(-1);
        found = n;
      }
    }
    assertThat(found).as("%s is on some node", key).isNotNegative();
    return found;
  }

  private static CacheTransport connect(MemcachedClient client, List<InetSocketAddress> servers) {
    return connect(client, servers, PATIENT);
  }

  private static CacheTransport connect(
      MemcachedClient client, List<InetSocketAddress> servers, Duration timeout) {
    MemcachedTransport.Builder builder = client.newBuilder().operationTimeout(timeout);
    servers.forEach(builder::server);
    return builder.build();
  }

  private static List<InetSocketAddress> reversed(List<InetSocketAddress> list) {
    List<InetSocketAddress> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
