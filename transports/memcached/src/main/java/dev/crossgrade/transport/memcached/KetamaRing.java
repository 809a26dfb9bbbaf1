package dev.crossgrade.transport.memcached;

import dev.crossgrade.router.KeyRouter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Ketama consistent hashing, the one key placement both memcached adapters use, so that two
 * runtimes on different clients put every key on the same server.
 *
 * <p>The clients' own ketama rings hash a server's {@code toString()}, which differs between them
 * for the same address ({@code 127.0.0.1:11211} against {@code /127.0.0.1:11211}) and between
 * spellings of it (an IP literal, a host name). This ring hashes a canonical name instead: the
 * resolved IP address and the port ({@link #nodeName}), the same for every spelling, in every
 * server order; or a name given to the server ({@link Server#name}). The ring is fixed when the
 * client starts: a node that is down keeps its keys (they fail fast) and none move to another node,
 * where they would miss the invalidations sent meanwhile. The points are ketama's (160 per server:
 * MD5 of {@code name-i}, four little-endian 32-bit points per digest); a key goes to the first
 * point at or after the MD5 of its {@link KeyRouter#placementKey placement key}. Immutable.
 *
 * @param <N> the client's node type
 */
public final class KetamaRing<N> {
  private static final int DIGESTS_PER_NODE = 40;
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(KetamaRing::md5);

  private final long[] points;
  private final List<N> owners;

  private KetamaRing(long[] points, List<N> owners) {
    this.points = points;
    this.owners = owners;
  }

  /**
   * A server of a cluster and the name its keys are placed by.
   *
   * @param address where to connect
   * @param name the placement name: by default {@link #nodeName} of the address; a server reached
   *     at different addresses from different hosts (a proxy, NAT, an alias) needs the same name
   *     everywhere
   */
  public record Server(InetSocketAddress address, String name) {
    /** Checks the parts. */
    public Server {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(name, "name");
    }

    /** A server placed by its resolved IP address and port. */
    public static Server of(InetSocketAddress address) {
      return new Server(address, nodeName(address));
    }
  }

  /**
   * The ring over {@code nodes}, placed by {@code name}; several nodes with one name (a client's
   * stand-in for a node that is down, say) share its points.
   */
  public static <N> KetamaRing<List<N>> of(List<N> nodes, Function<N, String> name) {
    // Group by name, sorted, so the ring does not depend on the order servers are given.
    List<String> names = new ArrayList<>();
    List<List<N>> groups = new ArrayList<>();
    nodes.stream()
        .sorted(Comparator.comparing(name))
        .forEach(
            node -> {
              String nodeName = name.apply(node);
              if (!names.isEmpty() && names.get(names.size() - 1).equals(nodeName)) {
                groups.get(groups.size() - 1).add(node);
              } else {
                names.add(nodeName);
                List<N> group = new ArrayList<>();
                group.add(node);
                groups.add(group);
              }
            });
    int count = names.size() * DIGESTS_PER_NODE * 4;
    long[] keyed = new long[count];
    int n = 0;
    for (int node = 0; node < names.size(); node++) {
      for (int i = 0; i < DIGESTS_PER_NODE; i++) {
        byte[] digest = digest(names.get(node) + "-" + i);
        for (int h = 0; h < 4; h++) {
          // The 32-bit point above the node index (31 bits): sorting orders by point, then by
          // name (nodes are sorted by name), so a collision goes the same way everywhere.
          keyed[n++] = (point(digest, h) << 31) | node;
        }
      }
    }
    Arrays.sort(keyed);
    long[] points = new long[count];
    List<List<N>> owners = new ArrayList<>(count);
    int kept = 0;
    for (int i = 0; i < count; i++) {
      long point = keyed[i] >>> 31;
      if (kept > 0 && points[kept - 1] == point) {
        continue; // a collision: the first name keeps the point
      }
      points[kept++] = point;
      owners.add(List.copyOf(groups.get((int) (keyed[i] & 0x7FFF_FFFFL))));
    }
    return new KetamaRing<>(Arrays.copyOf(points, kept), List.copyOf(owners));
  }

  /** The node holding {@code physicalKey}; null when the ring is empty. */
  public @Nullable N nodeFor(String physicalKey) {
    if (points.length == 0) {
      return null;
    }
    long hash = hash(KeyRouter.placementKey(physicalKey));
    int i = Arrays.binarySearch(points, hash);
    if (i < 0) {
      i = -i - 1;
      if (i == points.length) {
        i = 0;
      }
    }
    return owners.get(i);
  }

  /**
   * The name a server is hashed by: its IP address as {@link InetAddress#getHostAddress()} writes
   * it ({@code [..]} around IPv6, scope dropped) and the port. A host name is resolved first, so
   * {@code localhost:11211}, {@code 127.0.0.1:11211} and {@code /127.0.0.1:11211} are one server.
   *
   * @throws IllegalArgumentException if the address cannot be resolved
   */
  public static String nodeName(InetSocketAddress address) {
    InetAddress ip = address.getAddress();
    if (ip == null) {
      ip = new InetSocketAddress(address.getHostString(), address.getPort()).getAddress();
    }
    if (ip == null) {
      throw new IllegalArgumentException(
          ("cannot resolve memcached server %s:%s; key placement needs "
                  + "its IP address (fix the name or use an IP literal)")
              .formatted(address.getHostString(), address.getPort()));
    }
    String host = ip.getHostAddress();
    int scope = host.indexOf('%');
    if (scope >= 0) {
      host = host.substring(0, scope);
    }
    return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  private static long hash(String key) {
    return point(digest(key), 0);
  }

  private static long point(byte[] digest, int h) {
    return ((long) (digest[3 + h * 4] & 0xFF) << 24)
        | ((long) (digest[2 + h * 4] & 0xFF) << 16)
        | ((long) (digest[1 + h * 4] & 0xFF) << 8)
        | (digest[h * 4] & 0xFF);
  }

  private static byte[] digest(String text) {
    MessageDigest md5 = MD5.get();
    md5.reset();
    return md5.digest(text.getBytes(StandardCharsets.UTF_8));
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has MD5", e);
    }
  }
}
