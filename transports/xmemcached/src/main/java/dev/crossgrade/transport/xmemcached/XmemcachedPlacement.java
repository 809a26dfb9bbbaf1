package dev.crossgrade.transport.xmemcached;

import com.google.code.yanf4j.core.Session;
import dev.crossgrade.transport.memcached.KetamaRing;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.rubyeye.xmemcached.impl.AbstractMemcachedSessionLocator;
import org.jspecify.annotations.Nullable;

/**
 * xmemcached's session locator on the shared {@link KetamaRing}, so xmemcached places every key
 * where spymemcached does. The ring is built once from the configured servers, not from the
 * sessions connected at the moment (xmemcached hands over fewer sessions while a node is down, and
 * a ring of those would move that node's keys to the others, where they miss the invalidations sent
 * meanwhile and come back stale). A key whose node has no open session fails fast.
 */
final class XmemcachedPlacement extends AbstractMemcachedSessionLocator {
  private final KetamaRing<List<KetamaRing.Server>> ring;
  private volatile Map<String, List<Session>> sessions = Map.of();

  XmemcachedPlacement(List<KetamaRing.Server> servers) {
    this.ring = KetamaRing.of(servers, KetamaRing.Server::name);
  }

  @Override
  public @Nullable Session getSessionByKey(String key) {
    List<KetamaRing.Server> owners = ring.nodeFor(key);
    if (owners == null) {
      return null;
    }
    List<Session> open = sessions.get(KetamaRing.nodeName(owners.get(0).address()));
    if (open == null || open.isEmpty()) {
      return null; // no connection to the key's node now: the call fails fast
    }
    for (Session session : open) {
      if (!session.isClosed()) {
        return session;
      }
    }
    // Every connection of the key's node is closed: return one anyway in failure mode (the call
    // fails fast), never another node's session.
    return failureMode ? open.get(0) : null;
  }

  @Override
  public void updateSessions(Collection<Session> list) {
    Map<String, List<Session>> byAddress = new HashMap<>();
    for (Session session : list) {
      InetSocketAddress address = session.getRemoteSocketAddress();
      if (address != null) {
        byAddress
            .computeIfAbsent(KetamaRing.nodeName(address), unused -> new ArrayList<>())
            .add(session);
      }
    }
    sessions = Map.copyOf(byAddress);
  }
}
