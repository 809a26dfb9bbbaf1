package dev.crossgrade.spring;

import dev.crossgrade.router.MemcachedServer;
import dev.crossgrade.router.Phase;
import dev.crossgrade.spring.Products.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/** Starts the tests' Spring Boot applications and writes their rollout files. */
final class Apps {
  private Apps() {}

  /** The transport section of a rollout file: embedded, or spymemcached on {@code server}. */
  static String transport(@Nullable MemcachedServer server) {
    return server == null
        ? "{client: embedded}"
        : "{client: spymemcached, servers: [" + server.hostPort() + "], timeout: 250ms}";
  }

  /** A rollout file with the keyspace "products" from shop-v1 to shop-v2, and more keyspaces. */
  static String rolloutYaml(String transport, Phase phase, int percent, String... moreKeyspaces) {
    StringBuilder yaml = new StringBuilder();
    yaml.append("version: 1\n")
        .append("prefix: shop\n")
        .append("capabilities: {ttl: 60s, refresh: 15s}\n")
        .append("transport: ")
        .append(transport)
        .append('\n')
        .append("runtimes:\n")
        .append("  - {name: shop-v1, generation: 1}\n")
        .append("  - {name: shop-v2, generation: 2}\n")
        .append("keyspaces:\n");
    List<String> names = new ArrayList<>(List.of("products"));
    names.addAll(List.of(moreKeyspaces));
    for (String name : names) {
      yaml.append("  - name: ")
          .append(name)
          .append('\n')
          .append("    from: shop-v1\n")
          .append("    to: shop-v2\n")
          .append("    phase: ")
          .append(phase.label())
          .append('\n')
          .append("    ttl: 10m\n")
          .append("    writer: {codec: kryo5, schemaVersion: 2, percent: ")
          .append(percent)
          .append(", stickiness: key}\n");
    }
    return yaml.toString();
  }

  /** Replaces {@code file} with {@code yaml} by an atomic rename, as the README says to. */
  static void write(Path file, String yaml) {
    try {
      Path next = file.resolveSibling(file.getFileName() + ".next");
      Files.writeString(next, yaml, StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts {@code app} as {@code runtime}, without a web server, on the rollout file. */
  static ConfigurableApplicationContext start(
      Class<?> app, Path rolloutFile, String runtime, Catalog catalog, String... properties) {
    return builder(app, rolloutFile, runtime, catalog, properties)
        .web(WebApplicationType.NONE)
        .run();
  }

  /** {@link #start} with {@code loader} as the application's class loader. */
  static ConfigurableApplicationContext start(
      Class<?> app, Path rolloutFile, String runtime, Catalog catalog, ClassLoader loader) {
    return builder(app, rolloutFile, runtime, catalog)
        .web(WebApplicationType.NONE)
        .resourceLoader(new DefaultResourceLoader(loader))
        .run();
  }

  static SpringApplicationBuilder builder(
      Class<?> app, Path rolloutFile, String runtime, Catalog catalog, String... properties) {
    List<String> all = new ArrayList<>();
    all.add("crossgrade.rollout-file=" + rolloutFile);
    all.add("crossgrade.runtime=" + runtime);
    all.add("crossgrade.poll-interval=100ms");
    all.add("logging.level.root=WARN");
    all.add("spring.main.register-shutdown-hook=false");
    all.addAll(List.of(properties));
    ApplicationContextInitializer<ConfigurableApplicationContext> database =
        context -> context.getBeanFactory().registerSingleton("catalog", catalog);
    return new SpringApplicationBuilder(app)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false)
        .initializers(database)
        .properties(all.toArray(String[]::new));
  }

  /** Waits, up to {@code limit}, for {@code condition}; false if it did not hold by then. */
  static boolean await(BooleanSupplier condition, Duration limit) {
    long end = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        return false;
      }
      MemcachedServer.sleep(20);
    }
    return true;
  }

  /**
   * Whether the app has applied a file with {@code phase} and {@code writerPercent}: a step that
   * keeps the phase and changes only the percentage is not applied until the percentage shows.
   */
  static boolean applied(ConfigurableApplicationContext app, Phase phase, int writerPercent) {
    return app.getBean(CrossgradeCacheManager.class)
        .status("products")
        .map(status -> status.phase() == phase && status.writerPercent() == writerPercent)
        .orElse(false);
  }
}
