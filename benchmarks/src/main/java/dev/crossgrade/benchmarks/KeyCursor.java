package dev.crossgrade.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Each benchmark thread's position in the {@link CachePathBenchmark#KEYS} keys of a cache path. */
@State(Scope.Thread)
public class KeyCursor {
  private int next;

  /** Creates a cursor; JMH places it with {@link #setUp()}. */
  public KeyCursor() {}

  /** Starts each thread at a random offset. */
  @Setup
  public void setUp() {
    next = ThreadLocalRandom.current().nextInt(CachePathBenchmark.KEYS);
  }

  int next() {
    int index = next;
    next = index + 1 == CachePathBenchmark.KEYS ? 0 : index + 1;
    return index;
  }
}
