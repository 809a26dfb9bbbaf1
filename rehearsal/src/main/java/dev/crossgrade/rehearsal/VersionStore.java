package dev.crossgrade.rehearsal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * The versions of the source of truth: per key the current version, the last version whose cache
 * update has returned ({@link #completed}), and a lock that orders updates of one key. It lives in
 * a direct buffer, or in a memory-mapped file that the coordinator and its worker processes map
 * together, so every runtime loads from, updates and checks against one store. Content is {@link
 * Catalog}'s pure function of (key, version).
 *
 * <p>A read that starts when version {@code c} of a key is completed must return a version of at
 * least {@code c}: anything older is stale.
 */
final class VersionStore {
  private static final VarHandle LONGS =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final int SLOT = 24;
  private static final int LOCK = 0;
  private static final int VERSION = 8;
  private static final int COMPLETED = 16;

  private final ByteBuffer buffer;
  private final int keys;

  private VersionStore(ByteBuffer buffer, int keys) {
    this.buffer = buffer;
    this.keys = keys;
  }

  /** A store in this process only. */
  static VersionStore inMemory(int keys) {
    VersionStore store =
        new VersionStore(ByteBuffer.allocateDirect(keys * SLOT + 8).alignedSlice(8), keys);
    store.reset();
    return store;
  }

  /**
   * The store in {@code file}, mapped so that other processes mapping the same file share it;
   * {@code create} sizes and resets it.
   */
  static VersionStore mapped(Path file, int keys, boolean create) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = (long) keys * SLOT;
      if (!create && channel.size() < size) {
        throw new IOException(
            "%s holds %s bytes, not the %s of %s keys".formatted(file, channel.size(), size, keys));
      }
      VersionStore store =
          new VersionStore(channel.map(FileChannel.MapMode.READ_WRITE, 0, size), keys);
      if (create) {
        store.reset();
      }
      return store;
    }
  }

  int keys() {
    return keys;
  }

  /** Every key back to version 1, completed and unlocked; only while nobody uses the store. */
  void reset() {
    for (int i = 0; i < keys; i++) {
      LONGS.setVolatile(buffer, i * SLOT + LOCK, 0L);
      LONGS.setVolatile(buffer, i * SLOT + VERSION, 1L);
      LONGS.setVolatile(buffer, i * SLOT + COMPLETED, 1L);
    }
  }

  /** The current version of key {@code index}: what a load returns. */
  long current(int index) {
    return (long) LONGS.getVolatile(buffer, index * SLOT + VERSION);
  }

  /** The last version of key {@code index} whose cache update has returned. */
  long completed(int index) {
    return (long) LONGS.getVolatile(buffer, index * SLOT + COMPLETED);
  }

  /**
   * Writes a new version of key {@code index} and runs {@code cacheUpdate} with it, under the key's
   * lock (held across processes), then marks it completed.
   *
   * @return the new version
   */
  long update(int index, LongConsumer cacheUpdate) {
    int base = index * SLOT;
    lock(base);
    long next = (long) LONGS.getVolatile(buffer, base + VERSION) + 1;
    try {
      LONGS.setVolatile(buffer, base + VERSION, next);
      cacheUpdate.accept(next);
    } finally {
      LONGS.setVolatile(buffer, base + COMPLETED, next);
      LONGS.setVolatile(buffer, base + LOCK, 0L);
    }
    return next;
  }

  private void lock(int base) {
    int spins = 0;
    while (!LONGS.compareAndSet(buffer, base + LOCK, 0L, 1L)) {
      if (++spins < 100) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(20_000);
      }
    }
  }
}
