package dev.crossgrade.rehearsal;

import java.util.Locale;

/**
 * The traffic of a rehearsal: how many keys and how popular each is, how many request threads each
 * runtime has, the total request rate that the traffic share splits between the runtimes, and the
 * share of requests that change the source of truth.
 *
 * @param keys the number of products
 * @param zipfExponent the exponent of the Zipf popularity of keys
 * @param threadsPerRuntime request threads of each runtime
 * @param requestsPerSecond requests per second of both runtimes together
 * @param writeFraction the share of requests that update or delete, 0 to 1
 * @param seed the seed of key popularity, of every thread's choices and of the content
 */
record Workload(
    int keys,
    double zipfExponent,
    int threadsPerRuntime,
    int requestsPerSecond,
    double writeFraction,
    long seed) {

  /** This as one line of text for a worker process. */
  String encode() {
    return String.format(
        Locale.ROOT,
        "%d,%s,%d,%d,%s,%d",
        keys,
        Double.toString(zipfExponent),
        threadsPerRuntime,
        requestsPerSecond,
        Double.toString(writeFraction),
        seed);
  }

  /** Reads what {@link #encode()} wrote. */
  static Workload decode(String text) {
    String[] fields = text.split(",", -1);
    if (fields.length != 6) {
      throw new IllegalArgumentException(
          "a workload has 6 fields, not " + fields.length + ": " + text);
    }
    return new Workload(
        Integer.parseInt(fields[0]),
        Double.parseDouble(fields[1]),
        Integer.parseInt(fields[2]),
        Integer.parseInt(fields[3]),
        Double.parseDouble(fields[4]),
        Long.parseLong(fields[5]));
  }
}
