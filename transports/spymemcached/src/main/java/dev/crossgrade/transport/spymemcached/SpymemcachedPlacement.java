package dev.crossgrade.transport.spymemcached;

import dev.crossgrade.transport.memcached.KetamaRing;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.MemcachedNodeROImpl;
import net.spy.memcached.NodeLocator;

/**
 * spymemcached's node locator on the shared {@link KetamaRing}, so spymemcached places every key
 * where xmemcached does. The client runs with {@code FailureMode.Cancel}: a key whose node is down
 * fails fast and never moves to another node, so {@link #getSequence} offers no alternatives.
 */
final class SpymemcachedPlacement implements NodeLocator {
  private final Map<String, String> names;
  private volatile List<MemcachedNode> nodes;
  private volatile KetamaRing<List<MemcachedNode>> ring;

  /**
   * @param names the placement name of each server, by {@link KetamaRing#nodeName} of its address
   */
  SpymemcachedPlacement(List<MemcachedNode> nodes, Map<String, String> names) {
    this.names = Map.copyOf(names);
    this.nodes = List.copyOf(nodes);
    this.ring = ring(this.nodes);
  }

  private KetamaRing<List<MemcachedNode>> ring(List<MemcachedNode> nodes) {
    return KetamaRing.of(nodes, this::name);
  }

  private String name(MemcachedNode node) {
    String address = KetamaRing.nodeName((InetSocketAddress) node.getSocketAddress());
    return names.getOrDefault(address, address);
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
    return new SpymemcachedPlacement(copies, names);
  }

  @Override
  public void updateLocator(List<MemcachedNode> nodes) {
    List<MemcachedNode> copy = List.copyOf(nodes);
    this.ring = ring(copy);
    this.nodes = copy;
  }
}
