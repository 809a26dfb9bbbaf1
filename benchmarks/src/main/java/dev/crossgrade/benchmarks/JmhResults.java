package dev.crossgrade.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The results of one JMH run, read from its JSON output ({@code -rf json}): score and allocation
 * per operation of each benchmark method and parameter set. A score is the median of the
 * measurement iterations, not their mean, so that one iteration slowed down by other work on a
 * shared machine does not decide a ratio.
 */
final class JmhResults {
  private static final String PACKAGE = "dev.crossgrade.benchmarks.";

  /**
   * One benchmark result.
   *
   * @param benchmark the class and method, such as {@code CodecBenchmark.encodeRaw}
   * @param params the JMH parameters
   * @param score the median of the primary metric's measurement iterations
   * @param unit the primary score's unit, such as {@code ns/op} or {@code ops/s}
   * @param allocatedBytes the median bytes allocated per operation ({@code -prof gc}), or NaN
   *     without it
   */
  record Result(
      String benchmark,
      Map<String, String> params,
      double score,
      String unit,
      double allocatedBytes) {}

  private final JsonNode root;
  private final List<Result> results;

  private JmhResults(JsonNode root, List<Result> results) {
    this.root = root;
    this.results = results;
  }

  /** Reads JMH's JSON output. */
  static JmhResults read(Path file, ObjectMapper mapper) throws IOException {
    JsonNode root = mapper.readTree(file.toFile());
    if (root == null || !root.isArray()) {
      throw new IOException(file + " is not a JMH JSON result array");
    }
    List<Result> results = new ArrayList<>();
    for (JsonNode run : root) {
      String benchmark = run.path("benchmark").asText();
      if (benchmark.startsWith(PACKAGE)) {
        benchmark = benchmark.substring(PACKAGE.length());
      }
      Map<String, String> params = new TreeMap<>();
      for (Map.Entry<String, JsonNode> entry : run.path("params").properties()) {
        params.put(entry.getKey(), entry.getValue().asText());
      }
      JsonNode primary = run.path("primaryMetric");
      double allocated = Double.NaN;
      for (Map.Entry<String, JsonNode> entry : run.path("secondaryMetrics").properties()) {
        if (entry.getKey().endsWith("gc.alloc.rate.norm")) {
          allocated = median(entry.getValue());
        }
      }
      results.add(
          new Result(
              benchmark,
              Map.copyOf(params),
              median(primary),
              primary.path("scoreUnit").asText(),
              allocated));
    }
    return new JmhResults(root, List.copyOf(results));
  }

  /**
   * The median of a metric's iteration scores ({@code rawData}, one array per fork), or its {@code
   * score} if it has none.
   */
  static double median(JsonNode metric) {
    List<Double> values = new ArrayList<>();
    for (JsonNode fork : metric.path("rawData")) {
      for (JsonNode iteration : fork) {
        values.add(iteration.asDouble());
      }
    }
    if (values.isEmpty()) {
      return metric.path("score").asDouble(Double.NaN);
    }
    Collections.sort(values);
    int n = values.size();
    return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2;
  }

  /** JMH's own JSON, as read. */
  JsonNode raw() {
    return root;
  }

  /** Every result. */
  List<Result> all() {
    return results;
  }

  /** The result of {@code benchmark} with parameter {@code param} = {@code value}, if any. */
  Optional<Result> find(String benchmark, String... paramsAndValues) {
    for (Result result : results) {
      if (!result.benchmark().equals(benchmark)) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i + 1 < paramsAndValues.length; i += 2) {
        matches &= paramsAndValues[i + 1].equals(result.params().get(paramsAndValues[i]));
      }
      if (matches) {
        return Optional.of(result);
      }
    }
    return Optional.empty();
  }

  /** The score of {@link #find}, or empty. */
  OptionalDouble score(String benchmark, String... paramsAndValues) {
    return find(benchmark, paramsAndValues)
        .map(r -> OptionalDouble.of(r.score()))
        .orElse(OptionalDouble.empty());
  }

  /** A run setting of the first result, such as {@code jdkVersion}, or empty text. */
  String setting(String name) {
    return root.isEmpty() ? "" : root.get(0).path(name).asText("");
  }

  /**
   * A numeric run setting over every result, such as {@code warmupIterations}: {@code 5}, or {@code
   * 5–10} when benchmarks differ.
   */
  String settingRange(String name) {
    int min = Integer.MAX_VALUE;
    int max = Integer.MIN_VALUE;
    for (JsonNode run : root) {
      int value = run.path(name).asInt();
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    if (min > max) {
      return "";
    }
    return min == max ? Integer.toString(min) : min + "–" + max;
  }
}
