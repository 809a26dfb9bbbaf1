package dev.crossgrade.transport.lettuce;

import dev.crossgrade.router.CacheTransport;
import dev.crossgrade.router.ItemTooLargeException;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The Lettuce adapter: one {@link RedisLink}, raw bytes under {@link RedisKeys} keys, {@code SET ..
 * PX} for set, {@code SET .. NX PX} for add, {@link ValueDigest} for gets and cas, {@code DEL}; a
 * multi-get is one {@code MGET} per Cluster slot (see {@link #getMulti}). Futures complete on
 * Lettuce's I/O threads; a failure is a {@link LettuceTransportException}, no answer in time a
 * {@link TimeoutException}, and a value over the largest one an {@link ItemTooLargeException}
 * before anything is sent.
 */
final class RealLettuceTransport implements CacheTransport {
  /** The longest expiry sent: 100 years (Redis refuses one that overflows its clock). */
  private static final long MAX_TTL_MILLIS = Duration.ofDays(36_500).toMillis();

  private final String name;
  private final RedisLink link;
  private final Duration timeout;
  private final int maxValueBytes;

  RealLettuceTransport(
      LettuceTransport.Topology topology,
      List<InetSocketAddress> servers,
      Duration operationTimeout,
      Duration connectTimeout,
      int maxValueBytes) {
    this.name = topology.clientName();
    this.timeout = operationTimeout;
    this.maxValueBytes = maxValueBytes;
    this.link = new RedisLink(topology, servers, operationTimeout, connectTimeout);
  }

  @Override
  public String name() {
    return name;
  }

  /** One command on the connection, sent by {@code send}, its answer mapped by {@code value}. */
  private interface Send<T> {
    RedisFuture<T> to(RedisClusterAsyncCommands<String, byte[]> commands);
  }

  private <T, R> CompletableFuture<R> call(
      String op, String key, Send<T> send, Function<@Nullable T, R> value) {
    RedisClusterAsyncCommands<String, byte[]> commands = link.commands();
    if (commands == null) {
      return CompletableFuture.failedFuture(
          new LettuceTransportException("redis " + op + " of " + key + ": " + link.notConnected()));
    }
    RedisFuture<T> sent;
    try {
      sent = send.to(commands);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(failure(op, key, e));
    }
    CompletableFuture<R> result = new CompletableFuture<>();
    sent.whenComplete(
        (answer, thrown) -> {
          if (thrown != null) {
            result.completeExceptionally(failure(op, key, thrown));
            return;
          }
          try {
            result.complete(value.apply(answer));
          } catch (RuntimeException e) {
            result.completeExceptionally(failure(op, key, e));
          }
        });
    // A caller that gives up (the router's deadline) cancels: a command not yet written is not.
    result.whenComplete(
        (answer, thrown) -> {
          if (thrown instanceof CancellationException) {
            sent.cancel(false);
          }
        });
    return result;
  }

  /** What a caller sees of a failure: a timeout, or a {@link LettuceTransportException}. */
  private Throwable failure(String op, String key, Throwable thrown) {
    Throwable cause = thrown;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RedisCommandTimeoutException) {
      TimeoutException timedOut =
          new TimeoutException(
              "redis " + op + " of " + key + ": no answer within " + timeout.toMillis() + " ms");
      timedOut.initCause(cause);
      return timedOut;
    }
    if (cause instanceof TimeoutException
        || cause instanceof CancellationException
        || cause instanceof LettuceTransportException) {
      return cause;
    }
    return new LettuceTransportException(
        "redis " + op + " of " + key + " failed: " + cause.getMessage(), cause);
  }

  /** A failed future for a key that is no valid cache key; null if it is one. */
  private static <T> @Nullable CompletableFuture<T> invalid(String key) {
    try {
      RedisKeys.of(key);
      return null;
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private <T> @Nullable CompletableFuture<T> tooLarge(String key, byte[] value) {
    if (value.length <= maxValueBytes) {
      return null;
    }
    return CompletableFuture.failedFuture(
        new ItemTooLargeException(
            key,
            value.length,
            maxValueBytes,
            "the largest value set by LettuceTransport.Builder.maximumValueSize, default 8 MiB;"
                + " Redis itself takes up to 512 MiB"));
  }

  @Override
  public CompletableFuture<Optional<byte[]>> get(String key) {
    CompletableFuture<Optional<byte[]>> refused = invalid(key);
    if (refused != null) {
      return refused;
    }
    String redisKey = RedisKeys.of(key);
    return call("GET", key, c -> c.get(redisKey), Optional::ofNullable);
  }

  /**
   * On a standalone server one {@code MGET}. In a Cluster one {@code MGET} per slot, sent at once
   * (Redis refuses an {@code MGET} across slots, and the keys of a batch are in different slots but
   * for the generations of one key); rather than Lettuce's own cross-slot {@code MGET}, which fails
   * whole when one node is down, the slots that answer give their hits and the others are misses.
   * Only when every slot fails does the future fail.
   */
  @Override
  public CompletableFuture<Map<String, byte[]>> getMulti(Collection<String> keys) {
    if (keys.isEmpty()) {
      return CompletableFuture.completedFuture(Map.of());
    }
    Map<String, String> byRedisKey = new LinkedHashMap<>();
    for (String key : keys) {
      CompletableFuture<Map<String, byte[]>> refused = invalid(key);
      if (refused != null) {
        return refused;
      }
      byRedisKey.put(RedisKeys.of(key), key);
    }
    if (!link.cluster()) {
      return mget(new ArrayList<>(byRedisKey.keySet()), byRedisKey);
    }
    Map<Integer, List<String>> bySlot = new LinkedHashMap<>();
    for (String redisKey : byRedisKey.keySet()) {
      bySlot.computeIfAbsent(SlotHash.getSlot(redisKey), slot -> new ArrayList<>()).add(redisKey);
    }
    if (bySlot.size() == 1) {
      return mget(bySlot.values().iterator().next(), byRedisKey);
    }
    List<CompletableFuture<Map<String, byte[]>>> parts = new ArrayList<>();
    for (List<String> slotKeys : bySlot.values()) {
      parts.add(mget(slotKeys, byRedisKey));
    }
    CompletableFuture<Map<String, byte[]>> all = new CompletableFuture<>();
    CompletableFuture.allOf(parts.toArray(new CompletableFuture<?>[0]))
        .whenComplete(
            (done, ignored) -> {
              Map<String, byte[]> found = new LinkedHashMap<>();
              Throwable failure = null;
              int failed = 0;
              for (CompletableFuture<Map<String, byte[]>> part : parts) {
                try {
                  found.putAll(part.join());
                } catch (CompletionException | CancellationException e) {
                  failed++;
                  failure = e.getCause() == null ? e : e.getCause();
                }
              }
              if (failed == parts.size() && failure != null) {
                all.completeExceptionally(failure);
              } else {
                all.complete(found);
              }
            });
    all.whenComplete(
        (found, thrown) -> {
          if (thrown instanceof CancellationException) {
            parts.forEach(part -> part.cancel(false));
          }
        });
    return all;
  }

  private CompletableFuture<Map<String, byte[]>> mget(
      List<String> redisKeys, Map<String, String> byRedisKey) {
    String first = byRedisKey.get(redisKeys.get(0));
    String what =
        redisKeys.size() == 1 ? first : first + " and " + (redisKeys.size() - 1) + " more";
    return call(
        "MGET",
        what,
        c -> c.mget(redisKeys.toArray(new String[0])),
        answer -> {
          Map<String, byte[]> found = new LinkedHashMap<>();
          if (answer != null) {
            for (KeyValue<String, byte[]> entry : answer) {
              if (entry.hasValue()) {
                found.put(byRedisKey.get(entry.getKey()), entry.getValue());
              }
            }
          }
          return found;
        });
  }

  @Override
  public CompletableFuture<Optional<CasValue>> gets(String key) {
    CompletableFuture<Optional<CasValue>> refused = invalid(key);
    if (refused != null) {
      return refused;
    }
    String redisKey = RedisKeys.of(key);
    return call(
        "GET",
        key,
        c -> c.get(redisKey),
        value ->
            value == null
                ? Optional.empty()
                : Optional.of(new CasValue(value, ValueDigest.token(value))));
  }

  @Override
  public CompletableFuture<Boolean> set(String key, byte[] value, Duration ttl) {
    CompletableFuture<Boolean> refused = refusal(key, value);
    if (refused != null) {
      return refused;
    }
    String redisKey = RedisKeys.of(key);
    long millis = ttlMillis(ttl);
    return call(
        "SET",
        key,
        c ->
            millis == 0
                ? c.set(redisKey, value)
                : c.set(redisKey, value, SetArgs.Builder.px(millis)),
        "OK"::equals);
  }

  @Override
  public CompletableFuture<Boolean> add(String key, byte[] value, Duration ttl) {
    CompletableFuture<Boolean> refused = refusal(key, value);
    if (refused != null) {
      return refused;
    }
    String redisKey = RedisKeys.of(key);
    long millis = ttlMillis(ttl);
    SetArgs args = millis == 0 ? SetArgs.Builder.nx() : SetArgs.Builder.nx().px(millis);
    return call("SET NX", key, c -> c.set(redisKey, value, args), "OK"::equals);
  }

  @Override
  public CompletableFuture<Boolean> cas(String key, long token, byte[] value, Duration ttl) {
    CompletableFuture<Boolean> refused = refusal(key, value);
    if (refused != null) {
      return refused;
    }
    String[] redisKey = {RedisKeys.of(key)};
    byte[] hex = ValueDigest.hex(token);
    byte[] expiry = Long.toString(ttlMillis(ttl)).getBytes(StandardCharsets.US_ASCII);
    return call(
        "EVAL cas",
        key,
        c ->
            c.<Long>eval(
                ValueDigest.CAS_SCRIPT, ScriptOutputType.INTEGER, redisKey, hex, value, expiry),
        stored -> stored != null && stored == 1L);
  }

  @Override
  public CompletableFuture<Boolean> delete(String key) {
    CompletableFuture<Boolean> refused = invalid(key);
    if (refused != null) {
      return refused;
    }
    String redisKey = RedisKeys.of(key);
    return call("DEL", key, c -> c.del(redisKey), deleted -> deleted != null && deleted > 0);
  }

  /**
   * Sends every step at once, in order: the keys of a batch share a placement key, so a hash tag
   * and a slot, so one connection, on which Redis runs commands in the order sent. One round trip.
   */
  @Override
  public List<CompletableFuture<Boolean>> writeAll(List<Write> writes) {
    List<CompletableFuture<Boolean>> steps = new ArrayList<>(writes.size());
    for (Write write : writes) {
      steps.add(issue(write));
    }
    return steps;
  }

  private @Nullable CompletableFuture<Boolean> refusal(String key, byte[] value) {
    CompletableFuture<Boolean> refused = invalid(key);
    return refused != null ? refused : tooLarge(key, value);
  }

  /** The expiry in milliseconds, rounded up; 0 for none (a zero or negative ttl). */
  static long ttlMillis(Duration ttl) {
    if (ttl.isZero() || ttl.isNegative()) {
      return 0;
    }
    if (ttl.compareTo(Duration.ofMillis(MAX_TTL_MILLIS)) >= 0) {
      return MAX_TTL_MILLIS;
    }
    long millis = ttl.toMillis();
    return ttl.equals(Duration.ofMillis(millis)) ? millis : millis + 1;
  }

  @Override
  public void close() {
    link.close();
  }

  @Override
  public String toString() {
    return "LettuceTransport{" + link + "}";
  }
}
