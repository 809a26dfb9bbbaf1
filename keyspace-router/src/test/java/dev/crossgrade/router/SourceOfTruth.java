package dev.crossgrade.router;

import dev.crossgrade.router.TestFormats.ItemV1;
import dev.crossgrade.router.TestFormats.ItemV2;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The database behind the cache in the concurrency tests: a version per key, whose content is a
 * pure function of (key, version), so any value read can be checked exactly; every seventh version
 * is a deletion. {@link #completed} is the last version whose cache update (set or delete) has
 * returned: a read that starts after that must not see anything older.
 */
final class SourceOfTruth {
  private static final String[] WORDS = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta"
  };

  private final AtomicLongArray version;
  private final AtomicLongArray completed;
  private final ReentrantLock[] locks;
  private final String[] history;
  private final java.util.concurrent.ConcurrentHashMap<Long, Long> unconfirmed =
      new java.util.concurrent.ConcurrentHashMap<>();

  SourceOfTruth(int keys) {
    this.version = new AtomicLongArray(keys);
    this.completed = new AtomicLongArray(keys);
    this.locks = new ReentrantLock[keys];
    this.history = new String[keys];
    java.util.Arrays.fill(history, "");
    for (int i = 0; i < keys; i++) {
      locks[i] = new ReentrantLock();
      version.set(i, 1);
      completed.set(i, 1);
    }
  }

  int size() {
    return version.length();
  }

  static String key(int index) {
    return "item-" + index;
  }

  static @Nullable List<String> words(int index, long version) {
    if (version % 7 == 0) {
      return null;
    }
    return List.of(
        "k" + index, "v" + version, WORDS[(int) ((index * 31L + version) % WORDS.length)]);
  }

  long current(int index) {
    return version.get(index);
  }

  long completed(int index) {
    return completed.get(index);
  }

  /** The loader of the new runtime: the current content, or null when deleted. */
  @Nullable ItemV2 loadV2(int index) {
    long v = version.get(index);
    List<String> words = words(index, v);
    return words == null ? null : new ItemV2(key(index), v, words);
  }

  /** The loader of the old runtime. */
  @Nullable ItemV1 loadV1(int index) {
    ItemV2 item = loadV2(index);
    return item == null ? null : TestFormats.down(item);
  }

  /** Runs {@code cacheUpdate} for a new version under the key's lock, then marks it completed. */
  void update(int index, VersionAction cacheUpdate) {
    locks[index].lock();
    try {
      long next = version.incrementAndGet(index);
      cacheUpdate.run(next, words(index, next));
      completed.set(index, next);
    } finally {
      locks[index].unlock();
    }
  }

  /** A cache update for a new version. */
  interface VersionAction {
    void run(long version, @Nullable List<String> words);
  }

  /** A cache update for a new version that says whether the cache confirmed it. */
  interface ConfirmedAction {
    boolean run(long version, @Nullable List<String> words);
  }

  /**
   * Runs {@code cacheUpdate} for a new version under the key's lock; the version counts as
   * completed only when the update returned true (the promise covers confirmed writes). An
   * unconfirmed version is remembered with the time until which a late landing of it is within the
   * stated window ({@code lateWindowNanos} after the update returned).
   */
  boolean updateConfirmed(int index, long lateWindowNanos, ConfirmedAction cacheUpdate) {
    locks[index].lock();
    try {
      long next = version.incrementAndGet(index);
      boolean confirmed = cacheUpdate.run(next, words(index, next));
      String line = history[index] + " v" + next + (confirmed ? "" : "(unconfirmed)");
      history[index] = line.substring(Math.max(0, line.length() - 80));
      if (confirmed) {
        completed.set(index, next);
      } else {
        unconfirmed.put(((long) index << 32) | next, System.nanoTime() + lateWindowNanos);
      }
      return confirmed;
    } finally {
      locks[index].unlock();
    }
  }

  /** The last confirmed and unconfirmed versions of {@code index}, for messages. */
  String history(int index) {
    locks[index].lock();
    try {
      return history[index].trim();
    } finally {
      locks[index].unlock();
    }
  }

  /**
   * Whether {@code version} of {@code index} was written by an update that returned false, and a
   * read that started at {@code readStart} is within the stated late-landing window of it.
   */
  boolean lateLanding(int index, long version, long readStart) {
    Long until = unconfirmed.get(((long) index << 32) | version);
    return until != null && readStart - until <= 0;
  }

  /**
   * Why a read of key {@code index} that started when {@code completedBefore} was completed and
   * returned {@code item} (null for none) is wrong, or null if it is right.
   */
  @Nullable String check(int index, long completedBefore, @Nullable ItemV2 item) {
    long now = version.get(index);
    if (item == null) {
      for (long v = completedBefore; v <= now; v++) {
        if (words(index, v) == null) {
          return null;
        }
      }
      return "no value for "
          + key(index)
          + " but versions "
          + completedBefore
          + ".."
          + now
          + " all exist";
    }
    if (!item.id().equals(key(index))) {
      return "value of " + item.id() + " served for " + key(index);
    }
    if (item.version() < completedBefore) {
      return "stale: version "
          + item.version()
          + " of "
          + key(index)
          + " after "
          + completedBefore
          + " completed";
    }
    if (item.version() > now) {
      return "version "
          + item.version()
          + " of "
          + key(index)
          + " is from the future (now "
          + now
          + ")";
    }
    List<String> expected = words(index, item.version());
    if (!item.words().equals(expected)) {
      return "wrong content for "
          + key(index)
          + " v"
          + item.version()
          + ": "
          + item.words()
          + " != "
          + expected;
    }
    return null;
  }
}
