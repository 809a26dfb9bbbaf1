package dev.crossgrade.router.internal.config;

import dev.crossgrade.router.internal.config.ConfigFile.Observation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The reads of a watched config file, each on a reader thread and waited for at most a timeout. A
 * read that does not return (a file swapped for a FIFO between the type check and the open) is
 * abandoned with its thread; once {@value #MAX_STUCK_READS} such reads are left, the file is not
 * read again until one of them returns. Whatever happens, a read gives an {@link Observation},
 * never an exception.
 */
public final class WatchedFileReads implements AutoCloseable {
  /** Reads the file once; {@link ConfigFile#read} but for tests. */
  public interface Source {
    /** Reads at most {@code maxBytes} of {@code file}. */
    Observation read(Path file, long maxBytes);
  }

  static final int MAX_STUCK_READS = 2;

  private final Source source;
  private final long maxBytes;
  private final Duration timeout;
  private final ThreadFactory threads;
  private final AtomicInteger stuckReads = new AtomicInteger();
  private volatile @Nullable ExecutorService reader;

  /**
   * Reads of one file.
   *
   * @param source what reads it
   * @param maxBytes the largest file read
   * @param timeout how long one read is waited for
   * @param threads makes the reader thread (a daemon)
   */
  public WatchedFileReads(Source source, long maxBytes, Duration timeout, ThreadFactory threads) {
    this.source = Objects.requireNonNull(source, "source");
    this.maxBytes = maxBytes;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.threads = Objects.requireNonNull(threads, "threads");
  }

  /** Reads {@code path} on the reader thread, waiting at most the timeout. */
  public Observation read(Path path) {
    String name = path.toString();
    if (stuckReads.get() >= MAX_STUCK_READS) {
      return Observation.problem(
          name,
          "earlier reads of the file have not returned; not reading it again until they do",
          "make the path a regular file; a FIFO or a hung network file system blocks readers");
    }
    ExecutorService executor = reader;
    if (executor == null) {
      executor = Executors.newSingleThreadExecutor(threads);
      reader = executor;
    }
    // 0 running, 1 returned, 2 abandoned: whoever moves it from 0 decides who counts.
    AtomicInteger state = new AtomicInteger();
    Future<Observation> future;
    try {
      future =
          executor.submit(
              () -> {
                try {
                  return source.read(path, maxBytes);
                } finally {
                  if (!state.compareAndSet(0, 1)) {
                    stuckReads.decrementAndGet();
                  }
                }
              });
    } catch (RejectedExecutionException e) {
      return Observation.problem(name, "the rollout is closed", "use an open rollout");
    }
    try {
      return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      if (state.compareAndSet(0, 2)) {
        stuckReads.incrementAndGet();
        executor.shutdownNow();
        reader = null;
        return Observation.problem(
            name,
            "reading the file did not finish within " + Durations.format(timeout),
            "make the path a regular file on a local file system");
      }
      return getNow(future, name);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return Observation.problem(
          name, "cannot read the file: " + cause, "check the path and the permissions");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Observation.problem(name, "interrupted while reading the file", "reload again");
    }
  }

  private static Observation getNow(Future<Observation> done, String name) {
    try {
      return done.get();
    } catch (ExecutionException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return Observation.problem(name, "cannot read the file: " + e, "reload again");
    }
  }

  /** Stops the reader thread; a read after this is a problem, not an exception. */
  @Override
  public void close() {
    ExecutorService executor = reader;
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
