package dev.crossgrade.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The built-in compatibility matrix: JDK 17 and JDK 25 (forked workers) against each other for
 * every codec in both directions, Kryo 4 against Kryo 5 with and without the Kryo 4 reader,
 * MessagePack's old and new specs with and without the old-spec writer, schema v1 against v2 of a
 * sample type (a field added, removed, renamed, widened) for each codec and its evolution settings,
 * naive against canonical JSON compared as bytes across JDKs, and text in the platform default
 * charset from JDK 17 under a non-UTF-8 locale read on JDK 25.
 *
 * <p>
 *
 * {@snippet :
 * MatrixReport report = CompatibilityMatrix.builtIn(MatrixOptions.newBuilder().tries(10_000).build());
 * report.writeText(System.out);
 * }
 */
public final class CompatibilityMatrix {
  private CompatibilityMatrix() {}

  /**
   * Runs the built-in matrix; takes a few tens of seconds on two cores at 10,000 tries per cell.
   *
   * @throws UncheckedIOException if a JDK that is present cannot start a worker
   */
  public static MatrixReport builtIn(MatrixOptions options) {
    long start = System.nanoTime();
    List<String> runtimes = new ArrayList<>();
    Host local = new Host.InProcess("harness JVM " + System.getProperty("java.version"));
    runtimes.add(
        "harness: JDK %s at %s"
            .formatted(System.getProperty("java.version"), System.getProperty("java.home")));
    JdkWorker jdk17 = null;
    JdkWorker jdk25 = null;
    try {
      jdk17 = startWorker(options, 17, runtimes);
      jdk25 = startWorker(options, 25, runtimes);
      BuiltInMatrix.Hosts hosts =
          new BuiltInMatrix.Hosts(local, jdk17, jdk25, missing(options, 17), missing(options, 25));
      List<Cell> cells = BuiltInMatrix.cells(hosts);
      List<CellResult> results = runAll(cells, options);
      return new MatrixReport(
          "built-in compatibility matrix",
          results,
          Duration.ofNanos(System.nanoTime() - start),
          runtimes,
          options.tries());
    } finally {
      if (jdk17 != null) {
        jdk17.close();
      }
      if (jdk25 != null) {
        jdk25.close();
      }
    }
  }

  private static String missing(MatrixOptions options, int feature) {
    return "no JDK %s on this machine (looked under /usr/lib/jvm; set one with MatrixOptions.jdkHome)"
        .formatted(feature);
  }

  private static @Nullable JdkWorker startWorker(
      MatrixOptions options, int feature, List<String> runtimes) {
    Path home = options.jdkHomes().get(feature);
    if (home == null) {
      runtimes.add("JDK " + feature + ": missing");
      return null;
    }
    try {
      JdkWorker worker = JdkWorker.start(home, options.workerClassPath());
      runtimes.add(
          "JDK %s: %s at %s, forked worker under LANG=C, default charset %s"
              .formatted(feature, worker.version(), home, worker.defaultCharset()));
      return worker;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a worker on JDK " + feature + " at " + home, e);
    }
  }

  /** The values of a domain: generic ones projected from one shared sample, others their own. */
  static List<Object> values(
      Domain domain, Map<String, List<Object>> cache, MatrixOptions options) {
    List<Object> cached = cache.get(domain.name());
    if (cached != null) {
      return cached;
    }
    List<Object> values;
    if (domain.layout() == null && !domain.stringsOnly()) {
      List<Object> widest;
      synchronized (cache) {
        widest =
            cache.computeIfAbsent(
                BuiltInMatrix.WIDEST.name(),
                name -> Values.sample(BuiltInMatrix.WIDEST, options.tries(), options.seed()));
      }
      values = new ArrayList<>(widest.size());
      for (Object value : widest) {
        values.add(domain.project(value));
      }
    } else {
      values = Values.sample(domain, options.tries(), options.seed() ^ domain.name().hashCode());
    }
    cache.putIfAbsent(domain.name(), values);
    return cache.get(domain.name());
  }

  /**
   * Runs the cells in two lanes: those on forked workers and those in this JVM, which overlap while
   * a worker computes.
   */
  static List<CellResult> runAll(List<Cell> cells, MatrixOptions options) {
    Map<String, List<Object>> values = new ConcurrentHashMap<>();
    CellResult[] results = new CellResult[cells.size()];
    AtomicInteger done = new AtomicInteger();
    Object progressLock = new Object();
    List<Integer> forked = new ArrayList<>();
    List<Integer> inProcess = new ArrayList<>();
    for (int i = 0; i < cells.size(); i++) {
      Cell cell = cells.get(i);
      (cell.writerHost() instanceof Host.InProcess ? inProcess : forked).add(i);
    }
    ExecutorService lanes =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "crossgrade-matrix");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (List<Integer> lane : List.of(forked, inProcess)) {
        futures.add(
            lanes.submit(
                () -> {
                  for (int index : lane) {
                    Cell cell = cells.get(index);
                    List<Object> tried = values(cell.domain(), values, options);
                    CellResult result = CellRunner.run(cell, tried);
                    if (result.verdict() == Verdict.NOT_RUN && options.ci()) {
                      result =
                          new CellResult(
                              result.group(),
                              result.writer(),
                              result.reader(),
                              result.codec(),
                              Verdict.FAIL,
                              0,
                              0,
                              null,
                              result.explanation() + "; under CI=true every cell must run",
                              result.expectation());
                    }
                    results[index] = result;
                    synchronized (progressLock) {
                      options.progress().cellDone(done.incrementAndGet(), cells.size(), result);
                    }
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the matrix", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the matrix failed: " + e.getCause(), e.getCause());
    } finally {
      lanes.shutdownNow();
    }
    return List.of(results);
  }
}
