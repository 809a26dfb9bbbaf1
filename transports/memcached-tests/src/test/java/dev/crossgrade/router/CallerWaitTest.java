package dev.crossgrade.router;

import static dev.crossgrade.router.TwoRuntimes.v2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.router.TestFormats.ItemV2;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A read that fails (the server did not answer in time) costs the caller one transport round trip,
 * then a miss or a load: no fallback read of the other generation and no lease adds after it, each
 * of which would wait another timeout. Regression: in the fallback phases a get against a paused
 * memcached took two timeouts and a getOrLoad four before the loader ran; in SHADOW a getAll took
 * one per key, and xmemcached's multi-get one more per key after its own timeout. The waits against
 * a real paused server are printed as {@code FAULT-FIGURE} lines, not asserted.
 */
class CallerWaitTest {
  private static final Duration TIMEOUT = Duration.ofMillis(200);

  /** A transport that counts its calls and, once failing, fails every call at once. */
  static final class CountingTransport implements CacheTransport {
    private final CacheTransport delegate = CacheTransport.embedded();
    final AtomicInteger calls = new AtomicInteger();
    volatile boolean failing;

    private <T> CompletableFuture<T> call(java.util.function.Supplier<CompletableFuture<T>> op) {
      calls.incrementAndGet();
      return failing ? CompletableFuture.failedFuture(new IOException("no answer")) : op.get();
    }

    @Override
    public String name() {
      return "counting";
    }

    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
      return call(() -> delegate.get(key));
    }

    @Override
    public CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys) {
      return call(() -> delegate.getMulti(keys));
    }

    @Override
    public CompletableFuture<Optional<CasValue>> gets(String key) {
      return call(() -> delegate.gets(key));
    }

    @Override
    public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl) {
      return call(() -> delegate.set(key, value, ttl));
    }

    @Override
    public CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl) {
      return call(() -> delegate.add(key, value, ttl));
    }

    @Override
    public CompletableFuture<Boolean> cas(String key, long token, byte[] value, Duration ttl) {
      return call(() -> delegate.cas(key, token, value, ttl));
    }

    @Override
    public CompletableFuture<Boolean> delete(String key) {
      return call(() -> delegate.delete(key));
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Phase.class,
      names = {"READ_FALLBACK", "DUAL_WRITE", "SPLIT", "UNIFIED", "SHADOW"})
  void aFailedReadIsOneRoundTripThenAMissOrALoad(Phase phase) {
    RolloutConfig config =
        RolloutConfig.parse(TwoRuntimes.yaml(TwoRuntimes.randomPrefix(), phase, 100, "key"), "t");
    try (CountingTransport transport = new CountingTransport();
        Rollout rollout =
            Rollout.newBuilder().config(config).meterRegistry(new SimpleMeterRegistry()).build();
        VersionedCache<String, ItemV2> cache =
            VersionedCache.<String, ItemV2>newBuilder()
                .keyspace(TwoRuntimes.KEYSPACE)
                .runtime(TestFormats.NEW_RUNTIME)
                .registry(TestFormats.newRegistry())
                .compatibleRegistry(TestFormats.compatibleRegistry())
                .transport(transport)
                .rollout(rollout)
                .meterRegistry(new SimpleMeterRegistry())
                .build()) {
      ItemV2 value = v2("k", 1, "cached");
      assertThat(cache.set("k", value)).isTrue();
      transport.failing = true;

      transport.calls.set(0);
      assertThat(cache.get("k")).isEmpty();
      assertThat(transport.calls).as("round trips of a failed get").hasValue(1);

      transport.calls.set(0);
      assertThat(cache.getAll(List.of("k", "j"))).isEmpty();
      assertThat(transport.calls).as("round trips of a failed getAll").hasValue(1);

      transport.calls.set(0);
      ItemV2 loaded = v2("k", 2, "loaded");
      assertThat(cache.getOrLoad("k", key -> loaded)).isEqualTo(loaded);
      assertThat(transport.calls).as("round trips of a failed getOrLoad").hasValue(1);

      transport.failing = false;
      assertThat(cache.get("k")).as("the failed load cached nothing").contains(value);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Backend.class,
      names = {"SPYMEMCACHED", "XMEMCACHED"})
  void waitsAgainstAPausedServer(Backend backend) {
    try (MemcachedServer server = MemcachedServer.start();
        TwoRuntimes t =
            TwoRuntimes.onServers(backend, List.of(server), Phase.DUAL_WRITE, TIMEOUT)) {
      t.neu.set("k", v2("k", 1, "cached"));
      server.pause();
      try {
        long start = System.nanoTime();
        assertThat(t.neu.get("k")).isEmpty();
        figure(backend, "get", start);
        start = System.nanoTime();
        assertThat(t.neu.getAll(List.of("k", "j"))).isEmpty();
        figure(backend, "getAll", start);
        start = System.nanoTime();
        assertThat(t.neu.getOrLoad("k", key -> v2("k", 2, "loaded"))).isNotNull();
        figure(backend, "getOrLoad", start);
        start = System.nanoTime();
        assertThat(t.neu.set("k", v2("k", 3, "new"))).isFalse();
        figure(backend, "set", start);
        start = System.nanoTime();
        assertThat(t.neu.delete("k")).isFalse();
        figure(backend, "delete", start);
      } finally {
        server.resume();
      }
    }
  }

  @Test
  void anXmemcachedMultiGetThatTimesOutIsNotRetriedKeyByKey() {
    try (MemcachedServer server = MemcachedServer.start();
        CacheTransport transport = Backend.XMEMCACHED.connect(List.of(server), TIMEOUT)) {
      assertThat(transport.set("a", new byte[] {1}, Duration.ofMinutes(1)).join()).isTrue();
      server.pause();
      try {
        assertThatThrownBy(() -> transport.getMulti(List.of("a", "b", "c")).join())
            .hasCauseInstanceOf(TimeoutException.class);
      } finally {
        server.resume();
      }
      assertThat(transport.getMulti(List.of("a", "b")).join()).containsOnlyKeys("a");
    }
  }

  private static void figure(Backend backend, String op, long start) {
    System.out.printf(
        Locale.ROOT,
        "FAULT-FIGURE %s %s-while-paused %d ms (timeout %d ms)%n",
        backend.name().toLowerCase(Locale.ROOT),
        op,
        (System.nanoTime() - start) / 1_000_000,
        TIMEOUT.toMillis());
  }
}
