package dev.crossgrade.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossgrade.router.MemcachedServer;
import dev.crossgrade.router.Phase;
import dev.crossgrade.spring.Products.Catalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Actuator endpoint {@code crossgrade} and the health indicator, over HTTP in a real web
 * application on a real memcached: the report per keyspace, health DOWN while the rollout file's
 * last change is rejected or the server does not answer, and UP again once fixed.
 */
class ActuatorTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  int port;

  record Response(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The crossgrade component of a health answer. */
    JsonNode crossgrade() {
      return json().path("components").path("crossgrade");
    }
  }

  @Test
  void theEndpointReportsEachKeyspace_andHealthFollowsTheFileAndTheServer() {
    try (MemcachedServer memcached = MemcachedServer.start()) {
      Path yaml = dir.resolve("rollout.yaml");
      String transport = Apps.transport(memcached);
      Apps.write(yaml, Apps.rolloutYaml(transport, Phase.SPLIT, 100, "orders"));
      try (ConfigurableApplicationContext app =
          Apps.builder(
                  ShopV2App.class,
                  yaml,
                  "shop-v2",
                  new Catalog(),
                  "server.port=0",
                  "server.address=127.0.0.1",
                  "management.endpoints.web.exposure.include=health,crossgrade",
                  "management.endpoint.health.show-details=always")
              .web(WebApplicationType.SERVLET)
              .run()) {
        port =
            Objects.requireNonNull(
                app.getEnvironment().getProperty("local.server.port", Integer.class));
        app.getBean(ShopV2App.ProductService.class).find("sku-1");

        Response report = get("/actuator/crossgrade");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body())
            .contains("\"rolloutFile\":\"" + yaml + "\"")
            .contains("\"runtime\":\"shop-v2\"")
            .contains("\"transport\":\"spymemcached\"")
            .contains("\"lastChangeRejected\":false")
            .contains("\"name\":\"products\"")
            .contains("\"phase\":\"SPLIT\"")
            .contains("\"inUse\":true")
            .contains("\"writeGenerations\":[2]")
            .contains("\"writerFormats\":{\"g2\":")
            .contains("\"name\":\"orders\"")
            .contains("\"inUse\":false");
        Response one = get("/actuator/crossgrade/products");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.body()).contains("\"readGeneration\":2").contains("\"holdBacks\":[]");
        assertThat(get("/actuator/crossgrade/nothing").status()).isEqualTo(404);
        assertThat(get("/actuator/health").crossgrade().path("status").asText()).isEqualTo("UP");

        // A change the file cannot make: the last good config stays, and health says why.
        Apps.write(
            yaml,
            Apps.rolloutYaml(transport, Phase.SPLIT, 100, "orders")
                .replace("phase: SPLIT", "phase: dual-write"));
        assertThat(awaitHealth(503)).isTrue();
        JsonNode down = get("/actuator/health").crossgrade();
        assertThat(down.path("status").asText()).isEqualTo("DOWN");
        assertThat(down.path("details").path("rejected").toString()).contains("DUAL_WRITE");
        assertThat(get("/actuator/crossgrade").body()).contains("\"lastChangeRejected\":true");

        Apps.write(yaml, Apps.rolloutYaml(transport, Phase.READ_FALLBACK, 100, "orders"));
        assertThat(awaitHealth(200)).isTrue();
        assertThat(get("/actuator/crossgrade/products").body())
            .contains("\"phase\":\"READ_FALLBACK\"");

        // A server that does not answer.
        memcached.pause();
        try {
          assertThat(awaitHealth(503)).isTrue();
          JsonNode unreachable = get("/actuator/health").crossgrade();
          assertThat(unreachable.path("status").asText()).isEqualTo("DOWN");
          assertThat(unreachable.path("details").path("transportError").asText())
              .startsWith("spymemcached did not answer a read within");
        } finally {
          memcached.resume();
        }
        assertThat(awaitHealth(200)).isTrue();
        assertThat(get("/actuator/health").crossgrade().path("status").asText()).isEqualTo("UP");
      }
    }
  }

  private boolean awaitHealth(int status) {
    return Apps.await(() -> get("/actuator/health").status() == status, Duration.ofSeconds(30));
  }

  private Response get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
