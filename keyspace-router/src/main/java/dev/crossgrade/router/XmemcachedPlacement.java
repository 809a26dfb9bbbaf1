package dev.crossgrade.router;

import com.google.code.yanf4j.core.Session;
import java.util.Collection;
import java.util.List;
import net.rubyeye.xmemcached.impl.AbstractMemcachedSessionLocator;
import org.jspecify.annotations.Nullable;

/**
 * xmemcached's session locator on the shared {@link KetamaRing}, so xmemcached places every key
 * where spymemcached does. In failure mode (always on here) xmemcached keeps a closed stand-in
 * session for a node that is down: its keys fail fast there and never move to another node.
 */
final class XmemcachedPlacement extends AbstractMemcachedSessionLocator {
  private volatile KetamaRing<List<Session>> ring = KetamaRing.of(List.of(), s -> null);

  @Override
  public @Nullable Session getSessionByKey(String key) {
    List<Session> owners = ring.nodeFor(key);
    if (owners == null) {
      return null;
    }
    for (Session session : owners) {
      if (!session.isClosed()) {
        return session;
      }
    }
    // Every connection of the key's node is closed: return it anyway in failure mode (the call
    // fails fast), rather than another node's session.
    return failureMode ? owners.get(0) : null;
  }

  @Override
  public void updateSessions(Collection<Session> sessions) {
    ring = KetamaRing.of(List.copyOf(sessions), Session::getRemoteSocketAddress);
  }
}
