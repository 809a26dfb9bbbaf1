package dev.crossgrade.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.router.MemcachedServer;
import dev.crossgrade.router.Phase;
import dev.crossgrade.spring.Products.Catalog;
import dev.crossgrade.spring.Products.ProductV2;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Values are decoded with the application's class loader as the thread's context class loader, also
 * on the memcached client's I/O thread, whose own context loader is the one of the thread that
 * started the client: under DevTools, a loader older than the restart loader the application runs
 * in.
 */
class ClassLoaderTest {
  @TempDir Path dir;

  /** What each decode saw: its thread and that thread's context class loader. */
  record Decode(String thread, ClassLoader loader) {}

  static final ConcurrentLinkedQueue<Decode> DECODES = new ConcurrentLinkedQueue<>();

  /** Kryo 5 for {@link ProductV2}, recording what each decode sees. */
  static final class RecordingCodec implements Codec<ProductV2> {
    private final Codec<ProductV2> kryo = Products.kryo5();

    @Override
    public CodecDescriptor descriptor() {
      return kryo.descriptor();
    }

    @Override
    public Class<ProductV2> valueType() {
      return ProductV2.class;
    }

    @Override
    public void encode(ProductV2 value, PayloadBuffer out, Limits limits) {
      kryo.encode(value, out, limits);
    }

    @Override
    public ProductV2 decode(byte[] bytes, int offset, int length, Limits limits) {
      Thread thread = Thread.currentThread();
      DECODES.add(new Decode(thread.getName(), thread.getContextClassLoader()));
      return kryo.decode(bytes, offset, length, limits);
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching(proxyTargetClass = true)
  static class RecordingApp {
    @Bean
    CodecRegistry<ProductV2> products() {
      return CodecRegistry.newBuilder(ProductV2.class)
          .currentSchemaVersion(2)
          .writer(new RecordingCodec())
          .build();
    }

    @Bean
    Lookup lookup(Catalog catalog) {
      return new Lookup(catalog);
    }
  }

  static class Lookup {
    private final Catalog catalog;

    Lookup(Catalog catalog) {
      this.catalog = catalog;
    }

    @Cacheable("products")
    public ProductV2 find(String sku) {
      return Catalog.v2(sku, catalog.load(sku));
    }
  }

  @Test
  void decodesOnTheIoThread_seeTheApplicationsClassLoader_notTheClientThreadsOwn()
      throws Exception {
    try (MemcachedServer memcached = MemcachedServer.start();
        URLClassLoader restartLoader =
            new URLClassLoader("restart", new URL[0], getClass().getClassLoader())) {
      Path yaml = dir.resolve("rollout.yaml");
      Apps.write(yaml, Apps.rolloutYaml(Apps.transport(memcached), Phase.SPLIT, 100));
      Catalog catalog = new Catalog();
      try (ConfigurableApplicationContext app =
          Apps.start(RecordingApp.class, yaml, "shop-v2", catalog, restartLoader)) {
        Lookup lookup = app.getBean(Lookup.class);
        // Requests come in on threads of the application, such as a web server's.
        Thread request =
            new Thread(
                () -> {
                  // Enough reads that some complete on the client's I/O thread even on a loaded
                  // machine (JDK 25 CI under load: all 15 of 20 decodes ran on the caller).
                  for (int i = 0; i < 400; i++) {
                    lookup.find("sku-" + (i % 5));
                  }
                },
                "request");
        request.setContextClassLoader(restartLoader);
        request.start();
        request.join(60_000);

        assertThat(catalog.loads()).isEqualTo(5);
        assertThat(DECODES).hasSizeGreaterThanOrEqualTo(300);
        assertThat(DECODES)
            .allSatisfy(decode -> assertThat(decode.loader()).isSameAs(restartLoader));
        assertThat(DECODES)
            .as("some decodes ran on the memcached client's I/O thread")
            .anySatisfy(decode -> assertThat(decode.thread()).isNotEqualTo("request"));
      }
    }
  }
}
