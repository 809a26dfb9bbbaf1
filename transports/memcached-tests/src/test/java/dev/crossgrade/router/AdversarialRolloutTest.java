package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV1;
import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.router.internal.cache.CacheMetrics;
import dev.crossgrade.transport.memcached.KetamaRing;
import dev.crossgrade.transport.memcached.MemcachedTransport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The randomized two-runtime run of an adversary: the old and the new runtime on every client
 * topology (the two clients mixed on one cluster given as IP literals among them), the two runtimes
 * in different phases most of the time (each phase change reaches one runtime first, the other up
 * to 400 ms later, with rollbacks), the capability records lost (flush_all, a memcached restart),
 * eviction pressure (a small memcached and a filler), and a third process of the new runtime behind
 * a delay proxy that sometimes holds its bytes longer than the timeout (late landings). Every read
 * is checked against a versioned source of truth: stale means older than a write whose set or
 * delete returned true before the read began.
 *
 * <p>A write that timed out and landed late is visible for at most about one operation timeout (the
 * documented window, {@code LateWriteTest}); reads of such a value inside that window are counted
 * apart, and anything else older than a confirmed write fails the test.
 */
class AdversarialRolloutTest {
  private static final int KEYS = 200;
  private static final Duration TIMEOUT = Duration.ofMillis(200);
  private static final long RUN_MILLIS = 5_000;
  private static final long DELAY_MILLIS = 600;

  enum Topology {
    EMBEDDED(0, null, null),
    SPYMEMCACHED(1, MemcachedClient.SPYMEMCACHED, MemcachedClient.SPYMEMCACHED),
    XMEMCACHED(1, MemcachedClient.XMEMCACHED, MemcachedClient.XMEMCACHED),
    SPYMEMCACHED_CLUSTER(3, MemcachedClient.SPYMEMCACHED, MemcachedClient.SPYMEMCACHED),
    XMEMCACHED_CLUSTER(3, MemcachedClient.XMEMCACHED, MemcachedClient.XMEMCACHED),
    OLD_ON_SPYMEMCACHED_NEW_ON_XMEMCACHED(
        3, MemcachedClient.SPYMEMCACHED, MemcachedClient.XMEMCACHED),
    OLD_ON_XMEMCACHED_NEW_ON_SPYMEMCACHED(
        3, MemcachedClient.XMEMCACHED, MemcachedClient.SPYMEMCACHED);

    final int servers;
    final @Nullable MemcachedClient oldClient;
    final @Nullable MemcachedClient newClient;

    Topology(
        int servers, @Nullable MemcachedClient oldClient, @Nullable MemcachedClient newClient) {
      this.servers = servers;
      this.oldClient = oldClient;
      this.newClient = newClient;
    }
  }

  /** What went wrong, and what happened, over one run. */
  private static final class Tally {
    final Queue<String> violations = new ConcurrentLinkedQueue<>();
    final Queue<Throwable> exceptions = new ConcurrentLinkedQueue<>();
    final AtomicLong reads = new AtomicLong();
    final AtomicLong writes = new AtomicLong();
    final AtomicLong unconfirmed = new AtomicLong();
    final AtomicLong stale = new AtomicLong();
    final AtomicLong wrong = new AtomicLong();
    final AtomicLong lateWindowReads = new AtomicLong();
    final AtomicLong mixedPhaseMillis = new AtomicLong();
    int flushes;
    int restarts;
    int delayBursts;
    int phaseChanges;
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void anAdversarialRun_servesNoStaleOrWrongValueAndNoException(Topology topology)
      throws Exception {
    List<MemcachedServer> servers = new ArrayList<>();
    List<DelayProxy> proxies = new ArrayList<>();
    List<AutoCloseable> open = new ArrayList<>();
    try {
      for (int i = 0; i < topology.servers; i++) {
        // Small servers: the filler below keeps them evicting.
        MemcachedServer server = MemcachedServer.start("-m", "4");
        servers.add(server);
        DelayProxy proxy = new DelayProxy(server.ipAddress());
        proxies.add(proxy);
        open.add(proxy);
      }
      run(topology, servers, proxies, open);
    } finally {
      for (int i = open.size() - 1; i >= 0; i--) {
        open.get(i).close();
      }
      servers.forEach(MemcachedServer::close);
    }
  }

  private void run(
      Topology topology,
      List<MemcachedServer> servers,
      List<DelayProxy> proxies,
      List<AutoCloseable> open)
      throws Exception {
    String yaml =
        TwoRuntimes.yaml(TwoRuntimes.randomPrefix(), Phase.SPLIT, 100, "key")
            .replace("timeout: 500ms", "timeout: " + TIMEOUT.toMillis() + "ms")
            .replace(
                "capabilities: {ttl: 30s, refresh: 10s}", "capabilities: {ttl: 6s, refresh: 2s}");
    RolloutConfig config = RolloutConfig.parse(yaml, "adversarial.yaml");
    CacheTransport embedded = CacheTransport.embedded(256 * 1024); // small: it evicts too
    Supplier<CacheTransport> oldTransport =
        () ->
            topology.oldClient == null ? embedded : connect(topology.oldClient, addresses(servers));
    Supplier<CacheTransport> newTransport =
        () ->
            topology.newClient == null ? embedded : connect(topology.newClient, addresses(servers));
    CacheTransport forOld = oldTransport.get();
    CacheTransport forNew = newTransport.get();
    CacheTransport forSlow =
        topology.newClient == null
            ? embedded
            : connectViaProxies(topology.newClient, servers, proxies);
    CacheTransport forFiller = topology.newClient == null ? embedded : newTransport.get();
    for (CacheTransport t : List.of(forOld, forNew, forSlow, forFiller)) {
      if (t != embedded) {
        open.add(t);
      }
    }
    open.add(embedded);
    SimpleMeterRegistry oldMeters = new SimpleMeterRegistry();
    SimpleMeterRegistry newMeters = new SimpleMeterRegistry();
    Rollout oldRollout = Rollout.newBuilder().config(config).meterRegistry(oldMeters).build();
    Rollout newRollout = Rollout.newBuilder().config(config).meterRegistry(newMeters).build();
    open.add(oldRollout);
    open.add(newRollout);
    VersionedCache<String, ItemV1> old =
        VersionedCache.<String, ItemV1>newBuilder()
            .keyspace(TwoRuntimes.KEYSPACE)
            .runtime(TestFormats.OLD_RUNTIME)
            .registry(TestFormats.oldRegistry())
            .transport(forOld)
            .rollout(oldRollout)
            .meterRegistry(oldMeters)
            .build();
    VersionedCache<String, ItemV2> neu = newCache(forNew, newRollout, newMeters);
    VersionedCache<String, ItemV2> slow = newCache(forSlow, newRollout, newMeters);
    open.add(old);
    open.add(neu);
    open.add(slow);

    SourceOfTruth truth = new SourceOfTruth(KEYS);
    Tally tally = new Tally();
    AtomicBoolean running = new AtomicBoolean(true);
    long lateWindow = Duration.ofMillis(DELAY_MILLIS + 2 * TIMEOUT.toMillis() + 300).toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      threads.add(loop(running, tally, () -> read(old, null, truth, tally)));
      threads.add(loop(running, tally, () -> read(null, neu, truth, tally)));
    }
    threads.add(loop(running, tally, () -> read(null, slow, truth, tally)));
    threads.add(loop(running, tally, () -> write(old, null, truth, tally, lateWindow)));
    threads.add(loop(running, tally, () -> write(null, neu, truth, tally, lateWindow)));
    threads.add(loop(running, tally, () -> write(null, slow, truth, tally, lateWindow)));
    threads.add(loop(running, tally, () -> fill(forFiller)));
    threads.forEach(Thread::start);

    chaos(topology, servers, proxies, embedded, config.prefix(), oldRollout, newRollout, tally);

    running.set(false);
    for (Thread thread : threads) {
      thread.join(30_000);
    }
    double decodeFailures =
        count(oldMeters, CacheMetrics.DECODE_FAILURE)
            + count(newMeters, CacheMetrics.DECODE_FAILURE);
    System.out.printf(
        Locale.ROOT,
        "ADVERSARIAL-FIGURE %s reads=%d writes=%d unconfirmedWrites=%d stale=%d wrong=%d"
            + " exceptions=%d lateWindowReads=%d decodeFailures=%.0f newerFormatMisses=%.0f"
            + " lossyUpcastMisses=%.0f phaseChanges=%d mixedPhases=%d%% flushes=%d restarts=%d"
            + " delayBursts=%d evictionsOrMisses=%.0f%n",
        topology.name().toLowerCase(Locale.ROOT),
        tally.reads.get(),
        tally.writes.get(),
        tally.unconfirmed.get(),
        tally.stale.get(),
        tally.wrong.get(),
        tally.exceptions.size(),
        tally.lateWindowReads.get(),
        decodeFailures,
        count(oldMeters, CacheMetrics.MISS, "newer-format"),
        count(newMeters, CacheMetrics.MISS, "lossy-upcast"),
        tally.phaseChanges,
        100 * tally.mixedPhaseMillis.get() / RUN_MILLIS,
        tally.flushes,
        tally.restarts,
        tally.delayBursts,
        count(oldMeters, CacheMetrics.MISS) + count(newMeters, CacheMetrics.MISS));

    assertThat(tally.exceptions).as("exceptions that reached a caller").isEmpty();
    assertThat(tally.violations).as("stale or wrong values served").isEmpty();
    assertThat(decodeFailures).as("decode failures").isZero();
    assertThat(tally.reads.get()).as("reads checked").isGreaterThan(2000);
    assertThat(tally.mixedPhaseMillis.get())
        .as("time in mixed phases")
        .isGreaterThan(RUN_MILLIS / 3);
  }

  /** Phase changes that reach one runtime first; flushes, a restart, delay bursts. */
  private void chaos(
      Topology topology,
      List<MemcachedServer> servers,
      List<DelayProxy> proxies,
      CacheTransport embedded,
      String prefix,
      Rollout oldRollout,
      Rollout newRollout,
      Tally tally) {
    Random random = new Random(topology.ordinal() * 7919L + 11);
    long start = System.nanoTime();
    boolean flushed = false;
    boolean restarted = false;
    Phase phase = Phase.SPLIT;
    int percent = 100;
    while (elapsed(start) < RUN_MILLIS) {
      // The next phase: any phase may follow any (forward, or back: a rollback).
      Phase next = Phase.values()[random.nextInt(Phase.values().length)];
      int nextPercent = new int[] {0, 50, 100}[random.nextInt(3)];
      boolean oldFirst = random.nextBoolean();
      Rollout first = oldFirst ? oldRollout : newRollout;
      Rollout second = oldFirst ? newRollout : oldRollout;
      first.setWriterPercent(TwoRuntimes.KEYSPACE, nextPercent);
      first.setPhase(TwoRuntimes.KEYSPACE, next);
      tally.phaseChanges++;
      long mixedSince = System.nanoTime();
      // While the change has reached one runtime only: faults.
      if (!flushed && elapsed(start) > RUN_MILLIS * 3 / 10) {
        flushed = true;
        tally.flushes++;
        if (servers.isEmpty()) {
          for (String runtime : List.of(TestFormats.OLD_RUNTIME, TestFormats.NEW_RUNTIME)) {
            embedded
                .delete(KeyRouter.withPrefix(prefix).capabilityKey(TwoRuntimes.KEYSPACE, runtime))
                .join();
          }
        } else {
          servers.forEach(MemcachedServer::flushAll);
        }
      }
      if (!restarted && !servers.isEmpty() && elapsed(start) > RUN_MILLIS * 55 / 100) {
        restarted = true;
        tally.restarts++;
        servers.get(0).restart();
      }
      if (!proxies.isEmpty() && random.nextInt(3) == 0) {
        tally.delayBursts++;
        proxies.forEach(p -> p.delay(DELAY_MILLIS));
        MemcachedServer.sleep(150 + random.nextInt(250));
        proxies.forEach(p -> p.delay(0));
      }
      MemcachedServer.sleep(100 + random.nextInt(300));
      if (next != phase || nextPercent != percent) {
        tally.mixedPhaseMillis.addAndGet((System.nanoTime() - mixedSince) / 1_000_000);
      }
      second.setWriterPercent(TwoRuntimes.KEYSPACE, nextPercent);
      second.setPhase(TwoRuntimes.KEYSPACE, next);
      phase = next;
      percent = nextPercent;
      MemcachedServer.sleep(random.nextInt(60));
    }
  }

  private static long elapsed(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void read(
      @Nullable VersionedCache<String, ItemV1> old,
      @Nullable VersionedCache<String, ItemV2> neu,
      SourceOfTruth truth,
      Tally tally) {
    int index = pick();
    String key = SourceOfTruth.key(index);
    long before = truth.completed(index);
    long start = System.nanoTime();
    int kind = ThreadLocalRandom.current().nextInt(10);
    if (kind < 7) {
      ItemV2 value =
          old != null
              ? up(old.getOrLoad(key, k -> truth.loadV1(index)))
              : neu.getOrLoad(key, k -> truth.loadV2(index));
      check(
          truth,
          tally,
          index,
          before,
          start,
          value,
          old != null ? "old getOrLoad" : "new getOrLoad");
    } else if (kind < 9) {
      ItemV2 value = old != null ? up(old.get(key).orElse(null)) : neu.get(key).orElse(null);
      if (value != null) {
        check(truth, tally, index, before, start, value, old != null ? "old get" : "new get");
      }
    } else {
      int other = pick();
      long otherBefore = truth.completed(other);
      List<String> keys = List.of(key, SourceOfTruth.key(other));
      Map<String, ?> found = old != null ? old.getAll(keys) : neu.getAll(keys);
      for (Map.Entry<String, ?> entry : found.entrySet()) {
        boolean first = entry.getKey().equals(key);
        ItemV2 value =
            entry.getValue() instanceof ItemV1 v1 ? TestFormats.up(v1) : (ItemV2) entry.getValue();
        check(
            truth,
            tally,
            first ? index : other,
            first ? before : otherBefore,
            start,
            value,
            old != null ? "old getAll" : "new getAll");
      }
    }
  }

  private static void check(
      SourceOfTruth truth,
      Tally tally,
      int index,
      long confirmedBefore,
      long readStart,
      @Nullable ItemV2 value,
      String op) {
    tally.reads.incrementAndGet();
    String violation = truth.check(index, confirmedBefore, value);
    if (violation == null) {
      return;
    }
    if (value != null
        && value.version() < confirmedBefore
        && truth.lateLanding(index, value.version(), readStart)) {
      tally.lateWindowReads.incrementAndGet();
      return;
    }
    if (violation.startsWith("stale")) {
      tally.stale.incrementAndGet();
    } else {
      tally.wrong.incrementAndGet();
    }
    if (tally.violations.size() < 10) {
      tally.violations.add(op + ": " + violation + "; updates of the key:" + truth.history(index));
    }
  }

  private static void write(
      @Nullable VersionedCache<String, ItemV1> old,
      @Nullable VersionedCache<String, ItemV2> neu,
      SourceOfTruth truth,
      Tally tally,
      long lateWindow) {
    int index = pick();
    String key = SourceOfTruth.key(index);
    boolean useSet = ThreadLocalRandom.current().nextBoolean();
    boolean confirmed =
        truth.updateConfirmed(
            index,
            lateWindow,
            (version, words) -> {
              if (words == null || !useSet) {
                return old != null ? old.delete(key) : neu.delete(key);
              }
              ItemV2 value = new ItemV2(key, version, words);
              return old != null ? old.set(key, TestFormats.down(value)) : neu.set(key, value);
            });
    tally.writes.incrementAndGet();
    if (!confirmed) {
      tally.unconfirmed.incrementAndGet();
    }
    MemcachedServer.sleep(3);
  }

  /** Keeps the small servers full: other keys of about the same size as the test's values. */
  private static void fill(CacheTransport transport) {
    byte[] junk = new byte[64 + ThreadLocalRandom.current().nextInt(96)];
    transport.set(
        "filler:" + ThreadLocalRandom.current().nextInt(1 << 20), junk, Duration.ofMinutes(5));
    MemcachedServer.sleep(1);
  }

  private static VersionedCache<String, ItemV2> newCache(
      CacheTransport transport, Rollout rollout, MeterRegistry meters) {
    return VersionedCache.<String, ItemV2>newBuilder()
        .keyspace(TwoRuntimes.KEYSPACE)
        .runtime(TestFormats.NEW_RUNTIME)
        .registry(TestFormats.newRegistry())
        .compatibleRegistry(TestFormats.compatibleRegistry())
        .transport(transport)
        .rollout(rollout)
        .meterRegistry(meters)
        .build();
  }

  private static CacheTransport connect(MemcachedClient client, List<InetSocketAddress> servers) {
    MemcachedTransport.Builder builder = client.newBuilder().operationTimeout(TIMEOUT);
    servers.forEach(builder::server);
    return builder.build();
  }

  private static List<InetSocketAddress> addresses(List<MemcachedServer> servers) {
    return servers.stream().map(MemcachedServer::ipAddress).toList();
  }

  /** Through the proxies, each placed by its server's own name, as a direct client places. */
  private static CacheTransport connectViaProxies(
      MemcachedClient client, List<MemcachedServer> servers, List<DelayProxy> proxies) {
    MemcachedTransport.Builder builder = client.newBuilder().operationTimeout(TIMEOUT);
    for (int i = 0; i < servers.size(); i++) {
      builder.server(proxies.get(i).address(), KetamaRing.nodeName(servers.get(i).ipAddress()));
    }
    return builder.build();
  }

  private static Thread loop(AtomicBoolean running, Tally tally, Runnable body) {
    Thread thread =
        new Thread(
            () -> {
              while (running.get()) {
                try {
                  body.run();
                } catch (RuntimeException | Error e) {
                  tally.exceptions.add(e);
                  return;
                }
              }
            });
    thread.setDaemon(true);
    return thread;
  }

  private static int pick() {
    double r = ThreadLocalRandom.current().nextDouble();
    return (int) (KEYS * r * r * r);
  }

  private static @Nullable ItemV2 up(@Nullable ItemV1 value) {
    return value == null ? null : TestFormats.up(value);
  }

  private static double count(MeterRegistry registry, String outcome) {
    return Search.in(registry)
        .name(CacheMetrics.REQUESTS)
        .tag("outcome", outcome)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static double count(MeterRegistry registry, String outcome, String reason) {
    return Search.in(registry)
        .name(CacheMetrics.REQUESTS)
        .tag("outcome", outcome)
        .tag("reason", reason)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
