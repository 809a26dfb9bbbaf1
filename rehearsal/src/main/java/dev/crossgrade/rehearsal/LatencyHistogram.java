package dev.crossgrade.rehearsal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Request latencies in nanoseconds, in log-linear buckets (32 per power of two, so a percentile is
 * within about 3%): thread-safe to record, and mergeable across threads and processes.
 */
final class LatencyHistogram {
  static final int SUB_BUCKETS = 32;
  private static final int SHIFT = 5; // log2(SUB_BUCKETS)
  static final int BUCKETS = (64 - SHIFT) * SUB_BUCKETS;

  private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

  void record(long nanos) {
    counts.incrementAndGet(bucket(Math.max(0, nanos)));
  }

  /** A copy of the bucket counts. */
  long[] snapshot() {
    long[] copy = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      copy[i] = counts.get(i);
    }
    return copy;
  }

  static int bucket(long value) {
    if (value < SUB_BUCKETS) {
      return (int) value;
    }
    int magnitude = 63 - Long.numberOfLeadingZeros(value); // >= SHIFT
    int sub = (int) (value >>> (magnitude - SHIFT)) - SUB_BUCKETS; // 0..31
    return (magnitude - SHIFT + 1) * SUB_BUCKETS + sub;
  }

  /** The smallest value that falls in {@code bucket}. */
  static long lowest(int bucket) {
    if (bucket < SUB_BUCKETS) {
      return bucket;
    }
    int magnitude = bucket / SUB_BUCKETS - 1 + SHIFT;
    long sub = bucket % SUB_BUCKETS + SUB_BUCKETS;
    return sub << (magnitude - SHIFT);
  }

  /**
   * The value at quantile {@code q} (0 to 1) of the counts: the middle of the bucket it falls in, 0
   * when there are no counts.
   */
  static long quantile(long[] counts, double q) {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        long low = lowest(i);
        long high = i + 1 < BUCKETS ? lowest(i + 1) : low;
        return low + (high - low) / 2;
      }
    }
    return lowest(counts.length - 1);
  }
}
