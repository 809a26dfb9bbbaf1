package dev.crossgrade.router;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.MemcachedNodeROImpl;
import net.spy.memcached.NodeLocator;

/**
 * spymemcached's node locator on the shared {@link KetamaRing}, so spymemcached places every key
 * where xmemcached does. The client runs with {@code FailureMode.Cancel}: a key whose node is down
 * fails fast and never moves to another node, so {@link #getSequence} offers no alternatives.
 */
final class SpymemcachedPlacement implements NodeLocator {
  private volatile List<MemcachedNode> nodes;
  private volatile KetamaRing<List<MemcachedNode>> ring;

  SpymemcachedPlacement(List<MemcachedNode> nodes) {
    this.nodes = List.copyOf(nodes);
    this.ring = ring(this.nodes);
  }

  private static KetamaRing<List<MemcachedNode>> ring(List<MemcachedNode> nodes) {
    return KetamaRing.of(nodes, node -> (InetSocketAddress) node.getSocketAddress());
  }

  @Override
  public MemcachedNode getPrimary(String key) {
    List<MemcachedNode> owners = ring.nodeFor(key);
    if (owners == null) {
      throw new IllegalStateException("no memcached server");
    }
    return owners.get(0);
  }

  @Override
  public Iterator<MemcachedNode> getSequence(String key) {
    return List.<MemcachedNode>of().iterator();
  }

  @Override
  public Collection<MemcachedNode> getAll() {
    return nodes;
  }

  @Override
  public NodeLocator getReadonlyCopy() {
    List<MemcachedNode> copies = new ArrayList<>();
    for (MemcachedNode node : nodes) {
      copies.add(new MemcachedNodeROImpl(node));
    }
    return new SpymemcachedPlacement(copies);
  }

  @Override
  public void updateLocator(List<MemcachedNode> nodes) {
    List<MemcachedNode> copy = List.copyOf(nodes);
    this.ring = ring(copy);
    this.nodes = copy;
  }
}
