package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code transport.client} resolves through {@link CacheTransportProvider}: the built-in clients,
 * and those that a module on the class path lists for {@link java.util.ServiceLoader}.
 */
class CacheTransportProviderTest {
  @TempDir Path services;

  /** A client from "another module": an embedded store, counted. */
  public static final class Fake implements CacheTransportProvider {
    static final AtomicInteger CREATED = new AtomicInteger();

    /** Called by ServiceLoader. */
    public Fake() {}

    @Override
    public String name() {
      return "fake";
    }

    @Override
    public CacheTransport create(RolloutConfig.TransportSpec spec) {
      if (spec.servers().size() > 1) {
        throw new IllegalArgumentException("fake talks to one server, was given " + spec.servers());
      }
      CREATED.incrementAndGet();
      return CacheTransport.embedded();
    }
  }

  /** A provider whose name no config could spell. */
  public static final class BadName extends Named {
    /** Called by ServiceLoader. */
    public BadName() {
      super("Fake Client");
    }
  }

  /** A provider that claims a name another has. */
  public static final class Impostor extends Named {
    /** Called by ServiceLoader. */
    public Impostor() {
      super("embedded");
    }
  }

  /** A provider that fails while it is created. */
  public static final class Throwing extends Named {
    /** Called by ServiceLoader. */
    public Throwing() {
      super(fail());
    }

    private static String fail() {
      throw new IllegalStateException("cannot start");
    }
  }

  abstract static class Named implements CacheTransportProvider {
    private final String name;

    Named(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public CacheTransport create(RolloutConfig.TransportSpec spec) {
      throw new AssertionError("never chosen");
    }
  }

  /** Runs {@code body} with a context class loader that also sees {@code providers} listed. */
  private <T> T withProviders(List<String> providers, Callable<T> body) throws Exception {
    Path file = services.resolve("META-INF/services/" + CacheTransportProvider.class.getName());
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", providers) + "\n", StandardCharsets.UTF_8);
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader())) {
      thread.setContextClassLoader(loader);
      return body.call();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  private static String config(String transport) {
    return TwoRuntimes.yaml("p", Phase.SPLIT, 0, "key")
        .replace("transport: {timeout: 500ms}", "transport: " + transport);
  }

  @Test
  void embeddedIsBuiltIn_theOthersComeFromTheClassPath() {
    // spymemcached and xmemcached are this module's test stand-ins (StandInClients).
    assertThat(CacheTransportProvider.names())
        .containsExactly("embedded", "spymemcached", "xmemcached");
    assertThat(CacheTransportProvider.find("spymemcached"))
        .get()
        .isInstanceOf(StandInClients.Spymemcached.class);
  }

  @Test
  void aProviderOnTheClassPath_isAClientThatAConfigCanName() throws Exception {
    withProviders(
        List.of(Fake.class.getName()),
        () -> {
          assertThat(CacheTransportProvider.names())
              .containsExactly("embedded", "spymemcached", "xmemcached", "fake");
          RolloutConfig config =
              RolloutConfig.parse(config("{client: fake, servers: [127.0.0.1:1]}"), "f.yaml");
          assertThat(config.transport().client()).isEqualTo("fake");
          assertThat(config.summary()).contains("transport:  fake 127.0.0.1:1");
          int before = Fake.CREATED.get();
          try (CacheTransport transport = CacheTransport.fromConfig(config.transport())) {
            assertThat(Fake.CREATED.get()).isEqualTo(before + 1);
            assertThat(transport.set("k", new byte[] {1}, Duration.ofMinutes(1)).join()).isTrue();
          }
          return null;
        });
  }

  @Test
  void anUnknownClient_isAConfigErrorThatListsTheAvailableOnes() {
    ValidationResult result =
        RolloutConfig.validate(config("{client: memcache, servers: [127.0.0.1:6379]}"), "l.yaml");

    assertThat(result.errors()).extracting(ConfigError::field).containsExactly("transport.client");
    assertThat(result.errorReport())
        .contains("l.yaml:5:")
        .contains("unknown client 'memcache'")
        .contains("write it exactly as one of embedded")
        .contains("crossgrade-transport-lettuce");
  }

  @Test
  void aClientOfATransportModuleNotOnTheClassPath_namesTheModuleToAdd() {
    // keyspace-router's own tests run without the transport modules (spymemcached and xmemcached
    // are stand-ins here).
    for (String client : List.of("lettuce", "lettuce-cluster")) {
      ValidationResult result =
          RolloutConfig.validate(
              config("{client: " + client + ", servers: [127.0.0.1:6379]}"), "m.yaml");

      assertThat(result.errors())
          .extracting(ConfigError::field)
          .containsExactly("transport.client");
      assertThat(result.errorReport())
          .contains("m.yaml:5:")
          .contains("client '" + client + "' is not on the class path")
          .contains("add the dependency crossgrade-transport-lettuce (it provides " + client + ")");
    }
  }

  @Test
  void aProviderThatFailsToLoad_hasABadName_orRepeatsAName_isLeftOut() throws Exception {
    List<String> names =
        withProviders(
            List.of(
                "dev.crossgrade.router.NoSuchProvider",
                Throwing.class.getName(),
                BadName.class.getName(),
                Impostor.class.getName(),
                Fake.class.getName()),
            CacheTransportProvider::names);

    assertThat(names).containsExactly("embedded", "spymemcached", "xmemcached", "fake");
  }

  @Test
  void aTransportSectionThatDoesNotSuitTheClient_failsWithTheProvidersMessage() throws Exception {
    withProviders(
        List.of(Fake.class.getName()),
        () -> {
          RolloutConfig config =
              RolloutConfig.parse(config("{client: fake, servers: [h:1, h:2]}"), "f.yaml");
          assertThatThrownBy(() -> CacheTransport.fromConfig(config.transport()))
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("fake talks to one server");
          return null;
        });
  }

  @Test
  void aSpecNamingNoAvailableClient_isRefusedWithTheAvailableOnes() {
    RolloutConfig.TransportSpec spec =
        new RolloutConfig.TransportSpec(
            "lettuce",
            List.of("127.0.0.1:6379"),
            Duration.ofMillis(250),
            Duration.ofSeconds(1),
            1 << 20);

    assertThatThrownBy(() -> CacheTransport.fromConfig(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no cache client 'lettuce'")
        .hasMessageContaining("available: embedded, spymemcached, xmemcached");
  }

  @Test
  void theDefaultClient_isTheEmbeddedStore() {
    RolloutConfig config = RolloutConfig.parse(config("{embeddedSize: 2MiB}"), "e.yaml");
    assertThat(config.transport().client()).isEqualTo("embedded");
    assertThat(config.transport().embeddedBytes()).isEqualTo(2L << 20);
    try (CacheTransport transport = CacheTransport.fromConfig(config.transport())) {
      assertThat(transport.name()).isEqualTo("embedded");
    }
  }
}
