package dev.crossgrade.transport.spymemcached;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.transport.memcached.ItemLimit;
import dev.crossgrade.transport.memcached.KetamaRing;
import dev.crossgrade.transport.memcached.MemcachedTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.CachedData;
import net.spy.memcached.ConnectionObserver;
import net.spy.memcached.DefaultConnectionFactory;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;
import net.spy.memcached.internal.BulkFuture;
import net.spy.memcached.internal.GetFuture;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.ops.OperationStatus;
import net.spy.memcached.ops.StatusCode;
import net.spy.memcached.transcoders.Transcoder;

/**
 * The spymemcached adapter: text protocol, the shared ketama placement ({@link KetamaRing}, the
 * same as the xmemcached transport's), {@link FailureMode#Cancel} (no redistribution to other
 * nodes), and our raw-bytes transcoder on every call and as the client default, so spymemcached's
 * serializing transcoder is never used.
 *
 * <p>Over 500 lines, on purpose: every operation of {@link CacheTransport} on spymemcached's
 * futures, with the connection factory and the transcoders it needs.
 */
final class RealSpymemcachedTransport implements CacheTransport {
  private static final int FLAGS = MemcachedTransport.FLAGS;

  private final MemcachedClient client;
  private final RawBytes transcoder;
  private final int maxValueBytes;
  private final ItemLimit limit = new ItemLimit(this::itemSizeMax, this::settings);

  RealSpymemcachedTransport(MemcachedTransport.Settings settings) throws IOException {
    List<KetamaRing.Server> servers = settings.servers();
    Duration opTimeout = settings.operationTimeout();
    Duration connectTimeout = settings.connectTimeout();
    this.maxValueBytes = settings.itemSizeMax();
    // With FailureMode.Cancel, operations on a node that is not connected yet are cancelled: wait
    // (up to the connect timeout) until every server is connected, so a new client does not start
    // with a burst of misses. Servers that are down stay misses until they are back.
    CountDownLatch connected = new CountDownLatch(servers.size());
    ConnectionObserver observer =
        new ConnectionObserver() {
          @Override
          public void connectionEstablished(SocketAddress address, int reconnectCount) {
            connected.countDown();
          }

          @Override
          public void connectionLost(SocketAddress address) {}
        };
    this.transcoder = new RawBytes(RawBytes.LARGEST);
    Map<String, String> names = new java.util.HashMap<>();
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (KetamaRing.Server server : servers) {
      names.put(KetamaRing.nodeName(server.address()), server.name());
      addresses.add(server.address());
    }
    this.client =
        new MemcachedClient(new Connections(opTimeout, transcoder, observer, names), addresses);
    try {
      connected.await(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String name() {
    return "spymemcached";
  }

  @Override
  public CompletableFuture<Optional<byte[]>> get(String key) {
    CompletableFuture<Optional<byte[]>> result = new CompletableFuture<>();
    try {
      GetFuture<byte[]> future = client.asyncGet(key, transcoder);
      cancelWith(result, future);
      future.addListener(
          done -> {
            try {
              result.complete(Optional.ofNullable((byte[]) done.get()));
            } catch (ExecutionException e) {
              result.completeExceptionally(e.getCause() == null ? e : e.getCause());
            } catch (RuntimeException | InterruptedException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  @Override
  public CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys) {
    if (keys.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    CompletableFuture<Map<String, byte[]>> bulk = new CompletableFuture<>();
    try {
      BulkFuture<Map<String, byte[]>> future = client.asyncGetBulk(keys, transcoder);
      cancelWith(bulk, future);
      future.addListener(
          done -> {
            try {
              Map<String, byte[]> found = new LinkedHashMap<>();
              for (Map.Entry<String, ?> entry : done.get().entrySet()) {
                if (entry.getValue() instanceof byte[] bytes) {
                  found.put(entry.getKey(), bytes);
                }
              }
              bulk.complete(found);
            } catch (ExecutionException | RuntimeException | InterruptedException e) {
              bulk.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      bulk.completeExceptionally(e);
    }
    // One failed node fails the whole bulk get; then ask key by key, so that the other nodes'
    // keys are still hits.
    return bulk.exceptionallyCompose(failure -> oneByOne(keys));
  }

  private CompletableFuture<Map<String, byte[]>> oneByOne(Collection<String> keys) {
    List<String> order = new ArrayList<>(keys);
    List<CompletableFuture<Optional<byte[]>>> gets = new ArrayList<>();
    for (String key : order) {
      gets.add(get(key).exceptionally(failure -> Optional.empty()));
    }
    return CompletableFuture.allOf(gets.toArray(new CompletableFuture<?>[0]))
        .thenApply(
            ignored -> {
              Map<String, byte[]> found = new LinkedHashMap<>();
              for (int i = 0; i < order.size(); i++) {
                String key = order.get(i);
                gets.get(i).join().ifPresent(value -> found.put(key, value));
              }
              return found;
            });
  }

  @Override
  public CompletableFuture<Optional<CasValue>> gets(String key) {
    CompletableFuture<Optional<CasValue>> result = new CompletableFuture<>();
    try {
      OperationFuture<CASValue<byte[]>> future = client.asyncGets(key, transcoder);
      cancelWith(result, future);
      future.addListener(
          done -> {
            try {
              Object value = done.get();
              if (value instanceof CASValue<?> cas && cas.getValue() instanceof byte[] bytes) {
                result.complete(Optional.of(new CasValue(bytes, cas.getCas())));
              } else if (value == null && !failed(done.getStatus())) {
                result.complete(Optional.empty());
              } else {
                result.completeExceptionally(failure("gets", key, done.getStatus()));
              }
            } catch (ExecutionException | RuntimeException | InterruptedException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  @Override
  public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl) {
    return store(
        key,
        value,
        "set",
        () -> client.set(key, MemcachedTransport.expiry(ttl), value, transcoder));
  }

  @Override
  public CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl) {
    return store(
        key,
        value,
        "add",
        () -> client.add(key, MemcachedTransport.expiry(ttl), value, transcoder));
  }

  /** A value write: refused before it is sent if it cannot fit, else sent by {@code send}. */
  private CompletableFuture<Boolean> store(
      String key, byte[] value, String operation, Supplier<OperationFuture<Boolean>> send) {
    CompletableFuture<Boolean> refused = limit.refuse(key, value);
    if (refused != null) {
      return refused;
    }
    try {
      return stored(key, operation, send.get());
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public CompletableFuture<Boolean> cas(String key, long token, byte[] value, Duration ttl) {
    CompletableFuture<Boolean> refused = limit.refuse(key, value);
    if (refused != null) {
      return refused;
    }
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    try {
      OperationFuture<CASResponse> future =
          client.asyncCAS(key, token, MemcachedTransport.expiry(ttl), value, transcoder);
      cancelWith(result, future);
      future.addListener(
          done -> {
            try {
              Object response = done.get();
              if (response == CASResponse.OK) {
                result.complete(true);
              } else if (response == CASResponse.EXISTS || response == CASResponse.NOT_FOUND) {
                result.complete(false);
              } else {
                result.completeExceptionally(failure("cas", key, done.getStatus()));
              }
            } catch (ExecutionException | RuntimeException | InterruptedException e) {
              result.completeExceptionally(e);
            }
          });
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  @Override
  public CompletableFuture<Boolean> delete(String key) {
    try {
      return stored(key, "delete", client.delete(key));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** spymemcached sends a node's operations in the order they are issued: all at once. */
  @Override
  public List<CompletableFuture<Boolean>> writeAll(List<Write> writes) {
    List<CompletableFuture<Boolean>> steps = new ArrayList<>(writes.size());
    for (Write write : writes) {
      steps.add(issue(write));
    }
    return steps;
  }

  @Override
  public void close() {
    client.shutdown(2, TimeUnit.SECONDS);
  }

  private CompletableFuture<Boolean> stored(
      String key, String operation, OperationFuture<Boolean> future) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    cancelWith(result, future);
    future.addListener(
        done -> {
          try {
            Object outcome = done.get();
            OperationStatus status = done.getStatus();
            if (Boolean.TRUE.equals(outcome) && !failed(status)) {
              result.complete(true);
            } else if (!failed(status)) {
              result.complete(false);
            } else {
              result.completeExceptionally(failure(operation, key, status));
            }
          } catch (ExecutionException | RuntimeException | InterruptedException e) {
            result.completeExceptionally(e);
          }
        });
    return result;
  }

  /** Whether a status is a failure rather than a success or a plain "not stored/found/exists". */
  private static boolean failed(OperationStatus status) {
    if (status == null || status.isSuccess()) {
      return false;
    }
    StatusCode code = status.getStatusCode();
    return code != StatusCode.ERR_NOT_FOUND
        && code != StatusCode.ERR_NOT_STORED
        && code != StatusCode.ERR_EXISTS;
  }

  private static IOException failure(String operation, String key, OperationStatus status) {
    return new IOException(
        "spymemcached " + operation + " of " + key + " failed: " + (status == null ? "?" : status));
  }

  private static <T> void cancelWith(CompletableFuture<T> result, Future<?> future) {
    result.whenComplete(
        (value, failure) -> {
          if (result.isCancelled()) {
            future.cancel(false);
          }
        });
  }

  /** The item size set in the builder, or 0 or less to ask the servers. */
  private int itemSizeMax() {
    return maxValueBytes;
  }

  /** {@code stats settings} of every server that answers. */
  private Collection<Map<String, String>> settings() {
    return client.getStats("settings").values();
  }

  /**
   * The client's settings: text protocol, {@link FailureMode#Cancel} (no redistribution to other
   * nodes), the shared key placement ({@link SpymemcachedPlacement}), reconnect after at most 1 s,
   * daemon threads, and the raw-bytes transcoder as the default.
   */
  private static final class Connections extends DefaultConnectionFactory {
    private final long opTimeoutMillis;
    private final Transcoder<Object> transcoder;
    private final List<ConnectionObserver> observers;
    private final Map<String, String> names;

    Connections(
        Duration opTimeout,
        RawBytes transcoder,
        ConnectionObserver observer,
        Map<String, String> names) {
      this.names = names;
      this.opTimeoutMillis = opTimeout.toMillis();
      this.transcoder = new RawObjects(transcoder);
      this.observers = List.of(observer);
    }

    @Override
    public NodeLocator createLocator(List<MemcachedNode> nodes) {
      return new SpymemcachedPlacement(nodes, names);
    }

    @Override
    public FailureMode getFailureMode() {
      return FailureMode.Cancel;
    }

    @Override
    public long getOperationTimeout() {
      return opTimeoutMillis;
    }

    @Override
    public long getMaxReconnectDelay() {
      return 1;
    }

    @Override
    public boolean isDaemon() {
      return true;
    }

    @Override
    public Transcoder<Object> getDefaultTranscoder() {
      return transcoder;
    }

    @Override
    public Collection<ConnectionObserver> getInitialObservers() {
      return observers;
    }

    /**
     * Listeners run on spymemcached's I/O thread: no hop through a thread pool for every answer.
     * What runs there is quick and never blocks (completing a future, decoding a value).
     */
    @Override
    public ExecutorService getListenerExecutorService() {
      return DirectExecutor.INSTANCE;
    }

    @Override
    public boolean isDefaultExecutorService() {
      return false;
    }
  }

  /** Runs each task on the thread that submits it; never shut down (it owns no thread). */
  private static final class DirectExecutor extends AbstractExecutorService {
    static final DirectExecutor INSTANCE = new DirectExecutor();

    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public List<Runnable> shutdownNow() {
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return false;
    }
  }

  /** Passes bytes through unchanged: the only transcoder this adapter uses. */
  static final class RawBytes implements Transcoder<byte[]> {
    /** memcached's largest item size ({@code -I 1024m}); sizes are checked before encoding. */
    static final int LARGEST = MemcachedTransport.LARGEST_VALUE;

    private final int maxSize;

    RawBytes(int maxSize) {
      this.maxSize = maxSize;
    }

    @Override
    public boolean asyncDecode(CachedData data) {
      return false;
    }

    @Override
    public CachedData encode(byte[] value) {
      return new CachedData(FLAGS, value, maxSize);
    }

    @Override
    public byte[] decode(CachedData data) {
      return data.getData();
    }

    @Override
    public int getMaxSize() {
      return maxSize;
    }
  }

  /** The client-wide default: bytes only, so nothing is ever Java-serialized by accident. */
  static final class RawObjects implements Transcoder<Object> {
    private final RawBytes bytes;

    RawObjects(RawBytes bytes) {
      this.bytes = bytes;
    }

    @Override
    public boolean asyncDecode(CachedData data) {
      return false;
    }

    @Override
    public CachedData encode(Object value) {
      if (value instanceof byte[] raw) {
        return bytes.encode(raw);
      }
      throw new IllegalArgumentException(
          "only byte[] values are written; got " + value.getClass().getName());
    }

    @Override
    public Object decode(CachedData data) {
      return bytes.decode(data);
    }

    @Override
    public int getMaxSize() {
      return bytes.getMaxSize();
    }
  }

  @Override
  public String toString() {
    return "SpymemcachedTransport{" + client.getAvailableServers() + "}";
  }
}
