package dev.crossgrade.transport.xmemcached;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.ItemTooLargeException;
import dev.crossgrade.transport.memcached.ItemLimit;
import dev.crossgrade.transport.memcached.KetamaRing;
import dev.crossgrade.transport.memcached.MemcachedTransport;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import net.rubyeye.xmemcached.GetsResponse;
import net.rubyeye.xmemcached.MemcachedClient;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.rubyeye.xmemcached.exception.MemcachedException;
import net.rubyeye.xmemcached.transcoders.CachedData;
import net.rubyeye.xmemcached.transcoders.CompressionMode;
import net.rubyeye.xmemcached.transcoders.Transcoder;

/**
 * The xmemcached adapter: the shared ketama placement ({@link KetamaRing}, the same as the
 * spymemcached transport's), failure mode on (a node that is down keeps its keys, which fail fast
 * until it is back, rather than moving them to another node), session healing every second, and our
 * raw-bytes transcoder. xmemcached has no asynchronous API, so each operation runs on the calling
 * thread, bounded by the operation timeout, and returns a completed future.
 */
final class RealXmemcachedTransport implements CacheTransport {
  private final MemcachedClient client;
  private final RawBytes transcoder = new RawBytes();
  private final long timeoutMillis;
  private final int maxValueBytes;
  private final ItemLimit limit = new ItemLimit(this::itemSizeMax, this::settings);

  RealXmemcachedTransport(MemcachedTransport.Settings settings) throws IOException {
    List<KetamaRing.Server> servers = settings.servers();
    Duration connectTimeout = settings.connectTimeout();
    this.timeoutMillis = settings.operationTimeout().toMillis();
    this.maxValueBytes = settings.itemSizeMax();
    XMemcachedClientBuilder builder =
        new XMemcachedClientBuilder(servers.stream().map(KetamaRing.Server::address).toList());
    builder.setSessionLocator(new XmemcachedPlacement(servers));
    builder.setFailureMode(true);
    builder.setConnectTimeout(connectTimeout.toMillis());
    builder.setOpTimeout(timeoutMillis);
    builder.setEnableHealSession(true);
    builder.setHealSessionInterval(1000);
    builder.setTranscoder(transcoder);
    builder.setName("crossgrade-xmemcached");
    this.client = builder.build();
  }

  @Override
  public String name() {
    return "xmemcached";
  }

  /** One blocking xmemcached call. */
  private interface Call<T> {
    T run() throws TimeoutException, InterruptedException, MemcachedException;
  }

  private static <T> CompletableFuture<T> call(Call<T> call) {
    try {
      return CompletableFuture.completedFuture(call.run());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CompletableFuture.failedFuture(e);
    } catch (TimeoutException | MemcachedException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Optional<byte[]>> get(String key) {
    return call(() -> Optional.ofNullable(client.get(key, timeoutMillis, transcoder)));
  }

  @Override
  public CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys) {
    if (keys.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    CompletableFuture<Map<String, byte[]>> bulk =
        call(
            () -> {
              Map<String, byte[]> found = client.get(keys, timeoutMillis, transcoder);
              return found == null ? Map.<String, byte[]>of() : found;
            });
    if (!bulk.isCompletedExceptionally() || timedOut(bulk)) {
      // A timeout already cost the caller the whole wait: asking key by key would cost one more
      // per key on a stalled node.
      return bulk;
    }
    // One failed node fails the whole multi-get; then ask key by key, so that the other nodes'
    // keys are still hits.
    Map<String, byte[]> found = new LinkedHashMap<>();
    for (String key : keys) {
      get(key).getNow(Optional.empty()).ifPresent(value -> found.put(key, value));
    }
    return CompletableFuture.completedFuture(found);
  }

  private static boolean timedOut(CompletableFuture<?> failed) {
    try {
      failed.join();
      return false;
    } catch (CompletionException e) {
      return e.getCause() instanceof TimeoutException;
    }
  }

  @Override
  public CompletableFuture<Optional<CasValue>> gets(String key) {
    return call(
        () -> {
          GetsResponse<byte[]> response = client.gets(key, timeoutMillis, transcoder);
          return response == null || response.getValue() == null
              ? Optional.empty()
              : Optional.of(new CasValue(response.getValue(), response.getCas()));
        });
  }

  @Override
  public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl) {
    CompletableFuture<Boolean> refused = limit.refuse(key, value);
    return refused != null
        ? refused
        : call(
            () ->
                client.set(key, MemcachedTransport.expiry(ttl), value, transcoder, timeoutMillis));
  }

  @Override
  public CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl) {
    CompletableFuture<Boolean> refused = limit.refuse(key, value);
    return refused != null
        ? refused
        : call(
            () ->
                client.add(key, MemcachedTransport.expiry(ttl), value, transcoder, timeoutMillis));
  }

  @Override
  public CompletableFuture<Boolean> cas(String key, long token, byte[] value, Duration ttl) {
    CompletableFuture<Boolean> refused = limit.refuse(key, value);
    return refused != null
        ? refused
        : call(
            () ->
                client.cas(
                    key, MemcachedTransport.expiry(ttl), value, transcoder, timeoutMillis, token));
  }

  @Override
  public CompletableFuture<Boolean> delete(String key) {
    return call(() -> client.delete(key, timeoutMillis));
  }

  /**
   * xmemcached blocks on every answer, so a batch is sent as: the deletes before the last step
   * without a reply ({@code noreply}, queued on the key's connection), then each set and the last
   * step waiting for its answer. Those answers come after the deletes sent before them on the same
   * connection, so a delete counts as done when the step after it answered, and failed with it.
   * Sets before the last step still cost a round trip each.
   */
  @Override
  public List<CompletableFuture<Boolean>> writeAll(List<Write> writes) {
    List<CompletableFuture<Boolean>> steps = new ArrayList<>(writes.size());
    List<CompletableFuture<Boolean>> unanswered = new ArrayList<>();
    for (int i = 0; i < writes.size(); i++) {
      Write write = writes.get(i);
      boolean last = i == writes.size() - 1;
      if (write.value() == null && !last) {
        CompletableFuture<Boolean> step = new CompletableFuture<>();
        try {
          client.deleteWithNoReply(write.key());
          unanswered.add(step);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          step.completeExceptionally(e);
        } catch (MemcachedException | RuntimeException e) {
          step.completeExceptionally(e);
        }
        steps.add(step);
        continue;
      }
      CompletableFuture<Boolean> step = issue(write);
      steps.add(step);
      // The answer vouches for the deletes sent before it on the connection, or fails them.
      // A write refused before it was sent (too large for the server) vouches for nothing: those
      // deletes are confirmed by a delete of their own instead (regression: the refusal was
      // counted once per delete, as if each had been too large).
      List<CompletableFuture<Boolean>> vouched = unanswered;
      List<String> vouchedKeys = new ArrayList<>();
      for (int d = i - vouched.size(); d < i; d++) {
        vouchedKeys.add(writes.get(d).key());
      }
      step.whenComplete(
          (answer, failure) -> {
            for (int d = 0; d < vouched.size(); d++) {
              CompletableFuture<Boolean> delete = vouched.get(d);
              if (failure == null) {
                delete.complete(true);
              } else if (refusedBeforeSending(failure)) {
                delete(vouchedKeys.get(d))
                    .whenComplete(
                        (deleted, error) -> {
                          if (error == null) {
                            delete.complete(true);
                          } else {
                            delete.completeExceptionally(error);
                          }
                        });
              } else {
                delete.completeExceptionally(failure);
              }
            }
          });
      unanswered = new ArrayList<>();
    }
    return steps;
  }

  @Override
  public void invalidate(String key) {
    try {
      // noreply: queued on the key's connection behind any write still in flight, no waiting.
      client.deleteWithNoReply(key);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (MemcachedException | RuntimeException e) {
      // Best effort: the cache retries the invalidation until one is confirmed.
    }
  }

  @Override
  public void close() {
    try {
      client.shutdown();
    } catch (IOException e) {
      // Closing is best effort; the connections are gone either way.
    }
  }

  /** The item size set in the builder, or 0 or less to ask the servers. */
  private int itemSizeMax() {
    return maxValueBytes;
  }

  /** {@code stats settings} of every server that answers. */
  private Collection<Map<String, String>> settings() {
    try {
      return client.getStatsByItem("settings", timeoutMillis).values();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } catch (TimeoutException | MemcachedException e) {
      return List.of();
    }
  }

  /** Whether a write failed because {@link ItemLimit} refused it before anything was sent. */
  private static boolean refusedBeforeSending(Throwable failure) {
    // Unwrapped as the router's GuardedTransport does: any depth of future wrapping.
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ItemTooLargeException;
  }

  /** Passes bytes through unchanged: the only transcoder this adapter uses. */
  static final class RawBytes implements Transcoder<byte[]> {
    @Override
    public CachedData encode(byte[] value) {
      // Sizes are checked before encoding (ItemLimit); xmemcached's own 1 MiB check would refuse
      // what a server with a larger item size stores.
      return new CachedData(MemcachedTransport.FLAGS, value, MemcachedTransport.LARGEST_VALUE, -1);
    }

    @Override
    public byte[] decode(CachedData data) {
      return data.getData();
    }

    @Override
    public void setPrimitiveAsString(boolean primitiveAsString) {}

    @Override
    public void setPackZeros(boolean packZeros) {}

    @Override
    public void setCompressionThreshold(int threshold) {}

    @Override
    public boolean isPrimitiveAsString() {
      return false;
    }

    @Override
    public boolean isPackZeros() {
      return false;
    }

    @Override
    public void setCompressionMode(CompressionMode mode) {}
  }

  @Override
  public String toString() {
    return "XmemcachedTransport{" + client.getAvailableServers() + "}";
  }
}
