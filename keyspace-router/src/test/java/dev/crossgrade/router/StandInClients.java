package dev.crossgrade.router;

/**
 * Stand-ins for the clients of the memcached transport modules, which depend on this module and so
 * cannot be on its test class path: they give the names {@code spymemcached} and {@code xmemcached}
 * to this module's config tests (sample files, reloads, mutations), and build an embedded store.
 * Listed for {@link java.util.ServiceLoader} in {@code src/test/stand-ins}, which only this
 * module's test run has on its class path: never in the test jar that other modules use.
 */
final class StandInClients {
  private StandInClients() {}

  /** {@code spymemcached}, as the config tests know it. */
  public static final class Spymemcached extends StandIn {
    /** Called by ServiceLoader. */
    public Spymemcached() {
      super("spymemcached");
    }
  }

  /** {@code xmemcached}, as the config tests know it. */
  public static final class Xmemcached extends StandIn {
    /** Called by ServiceLoader. */
    public Xmemcached() {
      super("xmemcached");
    }
  }

  abstract static class StandIn implements CacheTransportProvider {
    private final String name;

    StandIn(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public CacheTransport create(RolloutConfig.TransportSpec spec) {
      return CacheTransport.embedded(spec.embeddedBytes());
    }
  }
}
