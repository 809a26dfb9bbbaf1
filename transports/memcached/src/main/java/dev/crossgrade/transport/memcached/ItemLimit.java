package dev.crossgrade.transport.memcached;

import dev.crossgrade.router.ItemTooLargeException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The largest value a memcached transport may send under a key, so that the server never answers
 * {@code SERVER_ERROR object too large for cache} (on which spymemcached drops and reopens the
 * connection, failing every operation queued on that node). An item holds the value, the key and a
 * header, and must fit in the server's {@code item_size_max} ({@code memcached -I}, default 1 MiB):
 * the largest value is {@code item_size_max - key length - }{@value #ITEM_OVERHEAD}.
 *
 * <p>{@code item_size_max} is read from {@code stats settings} of every server that answers, at the
 * first write of a value over 1 KiB, and the smallest applies; it is read again in the background
 * every minute, so a server that joins or restarts with another {@code -I} is known within a
 * minute. Until a server has answered, memcached's default of 1 MiB applies; when the item size is
 * set explicitly ({@link MemcachedTransport.Builder#itemSizeMax}, for a proxy that does not pass
 * {@code stats} through), only that value applies.
 */
public final class ItemLimit {
  /** memcached's default {@code item_size_max}: 1 MiB. */
  public static final int DEFAULT_ITEM_SIZE_MAX = 1 << 20;

  /**
   * Bytes of an item besides its key and value in memcached 1.5 and 1.6 on a 64-bit server, for the
   * flags 0 that both transports write: a 48-byte item header, 8 bytes of CAS, the key's
   * terminating NUL and the value's CRLF.
   */
  public static final int ITEM_OVERHEAD = 48 + 8 + 1 + 2;

  private static final Logger LOG = LoggerFactory.getLogger(ItemLimit.class);
  private static final long REFRESH_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final IntSupplier configured;
  private final Supplier<Collection<Map<String, String>>> settings;
  private volatile int serverItemSize;
  private volatile boolean asked;
  private volatile long nextAsk;
  private volatile boolean asking;

  /**
   * A limit for a transport.
   *
   * @param configured the item size set explicitly, or 0 or less to ask the servers; read at each
   *     use, so a transport can pass a field its constructor has yet to assign
   * @param settings {@code stats settings} of every server that answered; may block up to the
   *     operation timeout, and may throw
   */
  public ItemLimit(IntSupplier configured, Supplier<Collection<Map<String, String>>> settings) {
    this.configured = configured;
    this.settings = settings;
  }

  /**
   * A write future failed with {@link ItemTooLargeException} if {@code value} does not fit in an
   * item under {@code key}; null if it fits and may be sent.
   */
  public <T> @Nullable CompletableFuture<T> refuse(String key, byte[] value) {
    ItemTooLargeException refused = refusal(key, value.length);
    return refused == null ? null : CompletableFuture.failedFuture(refused);
  }

  /** Why a value of {@code valueLength} bytes cannot be sent under {@code key}; null if it fits. */
  public @Nullable ItemTooLargeException refusal(String key, int valueLength) {
    // Values below every possible item size need no look at the servers at all.
    if (valueLength <= 1024 - ITEM_OVERHEAD - key.length()) {
      return null;
    }
    int itemSize = itemSizeMax();
    int max = maxValueLength(itemSize, key.length());
    if (valueLength <= max) {
      return null;
    }
    String source =
        configured.getAsInt() > 0
            ? "item size " + itemSize + " set by MemcachedTransport.Builder.itemSizeMax"
            : serverItemSize > 0
                ? "item_size_max " + itemSize + " from the server's stats settings"
                : "item size " + itemSize + ", memcached's default; the server has not said";
    return new ItemTooLargeException(
        key,
        valueLength,
        max,
        "%s, less the %s-byte key and %s bytes of header"
            .formatted(source, key.length(), ITEM_OVERHEAD));
  }

  /** The largest value memcached stores under a key of {@code keyLength} bytes. */
  public static int maxValueLength(int itemSizeMax, int keyLength) {
    return itemSizeMax - ITEM_OVERHEAD - keyLength;
  }

  /** The item size in force: set, read from the servers, or the default. */
  public int itemSizeMax() {
    int set = configured.getAsInt();
    if (set > 0) {
      return set;
    }
    long now = System.nanoTime();
    if (!asked) {
      synchronized (this) {
        if (!asked) {
          ask(); // the first write waits for the answer (one operation timeout at most)
          asked = true;
        }
      }
    } else if (now - nextAsk >= 0 && !asking) {
      asking = true;
      CompletableFuture.runAsync(this::ask);
    }
    int known = serverItemSize;
    return known > 0 ? known : DEFAULT_ITEM_SIZE_MAX;
  }

  private void ask() {
    int smallest = Integer.MAX_VALUE;
    try {
      for (Map<String, String> stats : settings.get()) {
        Integer size = parse(stats.get("item_size_max"));
        if (size != null) {
          smallest = Math.min(smallest, size);
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("stats settings failed: {}", e.toString());
    } finally {
      boolean answered = smallest != Integer.MAX_VALUE;
      if (answered) {
        serverItemSize = smallest;
      }
      nextAsk = System.nanoTime() + (answered ? REFRESH_NANOS : RETRY_NANOS);
      asking = false;
    }
  }

  private static @Nullable Integer parse(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      int size = Integer.parseInt(text.trim());
      return size >= 1024 ? size : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
