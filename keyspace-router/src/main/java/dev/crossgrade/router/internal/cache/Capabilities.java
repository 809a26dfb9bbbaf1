package dev.crossgrade.router.internal.cache;

import dev.crossgrade.codec.ReadableFormat;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.VersionedCache;
import dev.crossgrade.router.internal.cache.CapabilityBoard.PeerState;
import dev.crossgrade.router.internal.cache.GuardedTransport.Fetched;
import dev.crossgrade.router.internal.cache.GuardedTransport.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cache's side of the capability records (see {@link CapabilityBoard}): it publishes this
 * runtime's record at every refresh and as soon as what it reads changes, reads the other
 * runtime's, and keeps what is known of it in a {@link PeerWatch}. While the other runtime is not
 * known to be live it looks every second, so a runtime that starts or comes back is honoured within
 * a second. Runs on the rollout's scheduler; never throws.
 */
public final class Capabilities {
  private static final Logger LOG = LoggerFactory.getLogger(VersionedCache.class);

  private final String keyspace;
  private final String runtime;
  private final List<ReadableFormat> readable;
  private final Keys keys;
  private final GuardedTransport transport;
  private final ScheduledExecutorService scheduler;
  private final Supplier<CacheState> state;
  private final Consumer<PeerState> onPeer;
  private final LongSupplier clock;
  private final PeerWatch watch;
  private volatile @Nullable List<Integer> published;
  private volatile @Nullable ScheduledFuture<?> next;
  private volatile boolean closed;

  Capabilities(
      String keyspace,
      String runtime,
      List<ReadableFormat> readable,
      Keys keys,
      GuardedTransport transport,
      ScheduledExecutorService scheduler,
      Supplier<CacheState> state,
      Consumer<PeerState> onPeer,
      LongSupplier clock) {
    this.keyspace = keyspace;
    this.runtime = runtime;
    this.readable = List.copyOf(readable);
    this.keys = keys;
    this.transport = transport;
    this.scheduler = scheduler;
    this.state = state;
    this.onPeer = onPeer;
    this.clock = clock;
    this.watch = new PeerWatch(clock.getAsLong());
  }

  /** Whether this runtime's record says what it reads now. */
  boolean current(List<Integer> reads) {
    return reads.equals(published);
  }

  /** Publishes this runtime's record soon, off the caller's thread. */
  void publishSoon() {
    if (closed) {
      return;
    }
    try {
      scheduler.execute(
          () -> {
            try {
              publish(state.get());
            } catch (RuntimeException e) {
              LOG.warn(
                  "publishing the capability record of keyspace {} failed: {}",
                  keyspace,
                  e.toString());
            }
          });
    } catch (RejectedExecutionException e) {
      // The rollout was closed.
    }
  }

  /** Writes this runtime's record: the generations it reads now, and the formats. */
  private void publish(CacheState s) {
    RolloutConfig config = s.config();
    int generation = config.runtime(runtime).orElseThrow().generation();
    List<Integer> reads = s.plan().readGenerations();
    byte[] record =
        CapabilityBoard.encode(runtime, generation, keyspace, s.spec().phase(), reads, readable);
    if (transport.set(keys.capability(runtime), record, config.capabilityTtl()).join()
        == Status.DONE) {
      published = reads;
    }
  }

  /** Publishes this runtime's record and reads the other runtime's; never throws. */
  void refresh() {
    try {
      CacheState s = state.get();
      publish(s);
      String other = s.plan().peer();
      if (other == null) {
        return;
      }
      Fetched fetched = transport.get(keys.capability(other)).join();
      long now = clock.getAsLong();
      if (!fetched.failed()) {
        byte[] bytes = fetched.value();
        watch.observed(bytes == null ? null : CapabilityBoard.decode(other, bytes), now);
      }
      onPeer.accept(watch.state(now, goneAfter(s.config()).toNanos()));
    } catch (RuntimeException e) {
      LOG.warn("capability refresh of keyspace {} failed: {}", keyspace, e.toString());
    }
  }

  /** Refreshes now and schedules the next refresh, for as long as the cache is open. */
  void start() {
    refresh();
    schedule();
  }

  private void schedule() {
    if (closed) {
      return;
    }
    CacheState s = state.get();
    long delay = s.config().capabilityRefresh().toMillis();
    if (s.plan().peer() != null && !s.plan().peerLive()) {
      delay = Math.min(delay, 1000);
    }
    try {
      next =
          scheduler.schedule(
              () -> {
                refresh();
                schedule();
              },
              delay,
              TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // The rollout was closed; nothing refreshes any more.
    }
  }

  void close() {
    closed = true;
    ScheduledFuture<?> task = next;
    if (task != null) {
      task.cancel(false);
    }
  }

  /**
   * How long the other runtime's record must be missing before it counts as gone: its TTL, and at
   * least two refresh intervals (a running runtime republishes at every refresh).
   */
  private static Duration goneAfter(RolloutConfig config) {
    Duration twoRefreshes = config.capabilityRefresh().multipliedBy(2);
    return config.capabilityTtl().compareTo(twoRefreshes) > 0
        ? config.capabilityTtl()
        : twoRefreshes;
  }
}
