package dev.crossgrade.rehearsal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What one runtime did during one step: counters, latency buckets, per-tick counts for the charts,
 * the CPU time of its request threads, the sizes of the values it encoded per format, and a few
 * examples of values that were wrong. Immutable; {@link #encode()} and {@link #decode(String)}
 * carry it from a worker process as one line of text.
 *
 * @param requests reads, updates and deletes
 * @param reads getOrLoad calls
 * @param hits reads served from the cache
 * @param loads reads that called the loader
 * @param updates updates of the source of truth
 * @param deletes deletions in the source of truth
 * @param decodeErrors reads that threw a decode error at the caller
 * @param otherFailures requests that threw anything else at the caller
 * @param wrongValues reads that returned a value that no version of the key ever had
 * @param staleValues reads that returned a version older than the one completed when they began
 * @param wrongBeforeLossSeen of the wrong values, those served by reads of the new runtime that
 *     began before it had seen its upcaster and downcaster lose data (from then on it serves no
 *     upcast value)
 * @param absorbedDecodeFailures payloads the framework could not read and served as a miss instead
 * @param cpuNanos CPU time of the request threads
 * @param encoded per format ({@code kryo5@v2}), the values encoded and their total bytes
 * @param latency request latency buckets of {@link LatencyHistogram}
 * @param tickReads reads per tick
 * @param tickHits hits per tick
 * @param tickErrors decode errors and other failures per tick
 * @param tickViolations wrong and stale values per tick
 * @param tickCpuNanos CPU time of the request threads per tick
 * @param tickRequests requests per tick
 * @param examples up to one description of each kind of fault served: a decode error, another
 *     failure, a wrong value and a stale value
 * @param cohortWrites per cohort of the request, the new runtime's writes ({@code set}) that wrote
 *     the new format (in some generation) and those that did not
 */
record StepStats(
    long requests,
    long reads,
    long hits,
    long loads,
    long updates,
    long deletes,
    long decodeErrors,
    long otherFailures,
    long wrongValues,
    long staleValues,
    long wrongBeforeLossSeen,
    long absorbedDecodeFailures,
    long cpuNanos,
    Map<String, long[]> encoded,
    long[] latency,
    long[] tickReads,
    long[] tickHits,
    long[] tickErrors,
    long[] tickViolations,
    long[] tickCpuNanos,
    long[] tickRequests,
    List<String> examples,
    Map<String, long[]> cohortWrites) {

  static final int MAX_EXAMPLES = 4;
  private static final int SECTIONS = 11;
  private static final int SCALARS = 13;

  StepStats {
    Map<String, long[]> copy = new TreeMap<>();
    encoded.forEach((format, sums) -> copy.put(format, sums.clone()));
    encoded = copy;
    examples = List.copyOf(examples);
    Map<String, long[]> selections = new TreeMap<>();
    cohortWrites.forEach((cohort, counts) -> selections.put(cohort, counts.clone()));
    cohortWrites = selections;
  }

  /** Nothing, with {@code ticks} empty ticks. */
  static StepStats empty(int ticks) {
    return new StepStats(
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        Map.of(),
        new long[LatencyHistogram.BUCKETS],
        new long[ticks],
        new long[ticks],
        new long[ticks],
        new long[ticks],
        new long[ticks],
        new long[ticks],
        List.of(),
        Map.of());
  }

  /** The sum of this and {@code other}, tick by tick. */
  StepStats plus(StepStats other) {
    Map<String, long[]> formats = new TreeMap<>();
    encoded.forEach((format, sums) -> formats.put(format, sums.clone()));
    other.encoded.forEach(
        (format, sums) ->
            formats.merge(format, sums.clone(), (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
    List<String> allExamples = new ArrayList<>(examples);
    for (String example : other.examples) {
      if (allExamples.size() < MAX_EXAMPLES
          && allExamples.stream().noneMatch(e -> sameKind(e, example))) {
        allExamples.add(example);
      }
    }
    return new StepStats(
        requests + other.requests,
        reads + other.reads,
        hits + other.hits,
        loads + other.loads,
        updates + other.updates,
        deletes + other.deletes,
        decodeErrors + other.decodeErrors,
        otherFailures + other.otherFailures,
        wrongValues + other.wrongValues,
        staleValues + other.staleValues,
        wrongBeforeLossSeen + other.wrongBeforeLossSeen,
        absorbedDecodeFailures + other.absorbedDecodeFailures,
        cpuNanos + other.cpuNanos,
        formats,
        add(latency, other.latency),
        add(tickReads, other.tickReads),
        add(tickHits, other.tickHits),
        add(tickErrors, other.tickErrors),
        add(tickViolations, other.tickViolations),
        add(tickCpuNanos, other.tickCpuNanos),
        add(tickRequests, other.tickRequests),
        allExamples,
        sum(cohortWrites, other.cohortWrites));
  }

  private static Map<String, long[]> sum(Map<String, long[]> a, Map<String, long[]> b) {
    Map<String, long[]> out = new TreeMap<>();
    a.forEach((key, counts) -> out.put(key, counts.clone()));
    b.forEach(
        (key, counts) ->
            out.merge(key, counts.clone(), (x, y) -> new long[] {x[0] + y[0], x[1] + y[1]}));
    return out;
  }

  /** Whether two examples are of one kind: the same text up to the first colon. */
  static boolean sameKind(String a, String b) {
    int colon = a.indexOf(':');
    return colon >= 0 && b.startsWith(a.substring(0, colon + 1));
  }

  private static long[] add(long[] a, long[] b) {
    long[] sum = Arrays.copyOf(a, Math.max(a.length, b.length));
    for (int i = 0; i < b.length; i++) {
      sum[i] += b[i];
    }
    return sum;
  }

  /** This as one line of text, without spaces. */
  String encode() {
    StringBuilder out = new StringBuilder();
    long[] scalars = {
      requests,
      reads,
      hits,
      loads,
      updates,
      deletes,
      decodeErrors,
      otherFailures,
      wrongValues,
      staleValues,
      wrongBeforeLossSeen,
      absorbedDecodeFailures,
      cpuNanos
    };
    out.append(join(scalars)).append('|');
    out.append(pairs(encoded)).append('|');
    StringBuilder buckets = new StringBuilder();
    for (int i = 0; i < latency.length; i++) {
      if (latency[i] != 0) {
        if (buckets.length() > 0) {
          buckets.append(',');
        }
        buckets.append(i).append(':').append(latency[i]);
      }
    }
    out.append(buckets).append('|');
    out.append(join(tickReads)).append('|');
    out.append(join(tickHits)).append('|');
    out.append(join(tickErrors)).append('|');
    out.append(join(tickViolations)).append('|');
    out.append(join(tickCpuNanos)).append('|');
    out.append(join(tickRequests)).append('|');
    StringBuilder texts = new StringBuilder();
    for (String example : examples) {
      if (texts.length() > 0) {
        texts.append(',');
      }
      texts.append(base64(example));
    }
    out.append(texts).append('|');
    out.append(pairs(cohortWrites));
    return out.toString();
  }

  /** A map of names to two counts as {@code BASE64:N:M,...}. */
  private static String pairs(Map<String, long[]> map) {
    StringBuilder out = new StringBuilder();
    map.forEach(
        (name, sums) -> {
          if (out.length() > 0) {
            out.append(',');
          }
          out.append(base64(name)).append(':').append(sums[0]).append(':').append(sums[1]);
        });
    return out.toString();
  }

  private static Map<String, long[]> pairs(String text) {
    Map<String, long[]> map = new HashMap<>();
    if (!text.isEmpty()) {
      for (String entry : text.split(",", -1)) {
        String[] fields = entry.split(":", -1);
        map.put(
            unbase64(fields[0]), new long[] {Long.parseLong(fields[1]), Long.parseLong(fields[2])});
      }
    }
    return map;
  }

  /**
   * Reads what {@link #encode()} wrote.
   *
   * @throws IllegalArgumentException if {@code line} is not such a text
   */
  static StepStats decode(String line) {
    String[] parts = line.split("\\|", -1);
    if (parts.length != SECTIONS) {
      throw new IllegalArgumentException(
          "step statistics have %s sections, not %s: %s"
              .formatted(parts.length, SECTIONS, abbreviate(line)));
    }
    long[] scalars = longs(parts[0]);
    if (scalars.length != SCALARS) {
      throw new IllegalArgumentException(
          "step statistics have %s counters, not %s: %s"
              .formatted(scalars.length, SCALARS, abbreviate(line)));
    }
    Map<String, long[]> formats = pairs(parts[1]);
    long[] latency = new long[LatencyHistogram.BUCKETS];
    if (!parts[2].isEmpty()) {
      for (String entry : parts[2].split(",", -1)) {
        int colon = entry.indexOf(':');
        latency[Integer.parseInt(entry.substring(0, colon))] =
            Long.parseLong(entry.substring(colon + 1));
      }
    }
    List<String> examples = new ArrayList<>();
    if (!parts[9].isEmpty()) {
      for (String text : parts[9].split(",", -1)) {
        examples.add(unbase64(text));
      }
    }
    return new StepStats(
        scalars[0],
        scalars[1],
        scalars[2],
        scalars[3],
        scalars[4],
        scalars[5],
        scalars[6],
        scalars[7],
        scalars[8],
        scalars[9],
        scalars[10],
        scalars[11],
        scalars[12],
        formats,
        latency,
        longs(parts[3]),
        longs(parts[4]),
        longs(parts[5]),
        longs(parts[6]),
        longs(parts[7]),
        longs(parts[8]),
        examples,
        pairs(parts[10]));
  }

  private static String join(long[] values) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(values[i]);
    }
    return out.toString();
  }

  private static long[] longs(String text) {
    if (text.isEmpty()) {
      return new long[0];
    }
    return Arrays.stream(text.split(",", -1)).mapToLong(Long::parseLong).toArray();
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String unbase64(String text) {
    return new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 120) + "...";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StepStats s && encode().equals(s.encode());
  }

  @Override
  public int hashCode() {
    return encode().hashCode();
  }

  @Override
  public String toString() {
    return "StepStats{requests=%s, hits=%s/%s, errors=%s, wrong=%s, stale=%s}"
        .formatted(requests, hits, reads, decodeErrors, wrongValues, staleValues);
  }
}
