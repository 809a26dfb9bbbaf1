package dev.crossgrade.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * What a report says about one JMH run: the rows of each table, with ratios of our path to the raw
 * one computed from that run, and the verdict on each target of the benchmark issue.
 *
 * <p>Over 500 lines, on purpose: every row type of the report and every target's verdict, computed
 * from one run; writing it is {@link ReportMarkdown}.
 *
 * @param machine where the run was measured
 * @param jdk the JVM that ran the benchmarks, as JMH recorded it
 * @param jmh JMH's version and the run's settings
 * @param command the command that produced the run
 * @param date when the report was written
 * @param quick whether this was a smoke run whose timings mean nothing
 * @param envelope the envelope and registry alone
 * @param codecs the codec rows
 * @param canonical the canonical JSON rows
 * @param router the key router rows
 * @param cache the cache path rows
 * @param targets the targets and whether each holds
 * @param missing benchmarks of the suite without a result
 */
record ReportModel(
    Report.Machine machine,
    String jdk,
    String jmh,
    String command,
    Instant date,
    boolean quick,
    EnvelopeOnly envelope,
    List<CodecRow> codecs,
    List<CanonicalRow> canonical,
    List<RouterRow> router,
    List<CacheRow> cache,
    List<Target> targets,
    List<String> missing) {

  /** The key parameters of {@link KeyRouterBenchmark}, in table order. */
  static final List<String> ROUTER_KEYS = List.of("ascii-8", "ascii-32", "ascii-64", "hashed-64");

  /** Envelope and registry overhead allowed, as a share of the raw library's time. */
  static final double MAX_ENVELOPE_OVERHEAD = 0.05;

  /** Header bytes allowed. */
  static final int MAX_HEADER_BYTES = 8;

  /** Canonical JSON throughput required, as a multiple of erdtman's. */
  static final double MIN_CANONICAL_SPEEDUP = 2.0;

  /** Physical-key construction time allowed for keys of up to 64 bytes, in ns. */
  static final double MAX_KEY_NANOS = 50;

  /**
   * One codec operation, raw library against our envelope path, and what the envelope and registry
   * alone add to it ({@link EnvelopeBenchmark}); times in ns/op, allocation in bytes/op (NaN if
   * missing).
   */
  record Op(
      double rawNs,
      double envelopeNs,
      double envelopeOnlyNs,
      double rawAlloc,
      double envelopeAlloc) {
    /** The envelope path's time over the raw library's. */
    double envelopePerRaw() {
      return envelopeNs / rawNs;
    }

    /**
     * What the envelope and registry add to a codec, measured alone, as a share of the raw
     * library's time.
     */
    double envelopeOverhead() {
      return envelopeOnlyNs / rawNs;
    }

    Map<String, @Nullable Object> toJson() {
      Map<String, @Nullable Object> json = new LinkedHashMap<>();
      json.put("rawNs", num(rawNs));
      json.put("envelopeNs", num(envelopeNs));
      json.put("envelopePerRaw", num(envelopePerRaw()));
      json.put("envelopeAloneNs", num(envelopeOnlyNs));
      json.put("envelopeOverheadShareOfRaw", num(envelopeOverhead()));
      json.put("rawBytesAllocated", num(rawAlloc));
      json.put("envelopeBytesAllocated", num(envelopeAlloc));
      return json;
    }
  }

  /**
   * The envelope and registry alone ({@link EnvelopeBenchmark}) with an empty body (times, ns/op)
   * and with a 64 KiB body (allocation, bytes/op).
   *
   * @param encodeNs the registry's encode of an empty body
   * @param bufferNs what a codec alone does around an empty body
   * @param decodeNs the registry's decode of an empty body
   * @param largeEncodeAlloc the registry's encode of a 64 KiB body
   * @param largeBufferAlloc what a codec alone allocates around a 64 KiB body
   * @param largeDecodeAlloc the registry's decode of a 64 KiB body
   */
  record EnvelopeOnly(
      double encodeNs,
      double bufferNs,
      double decodeNs,
      double largeEncodeAlloc,
      double largeBufferAlloc,
      double largeDecodeAlloc) {
    /** The body of the large payload, in bytes. */
    static final int LARGE_BODY = 65536;

    /** What the registry adds to an encode. */
    double encodeOverheadNs() {
      return Math.max(0, encodeNs - bufferNs);
    }

    /** Bytes the registry's encode of a 64 KiB body allocates beyond a codec alone. */
    double largeEncodeExtraAlloc() {
      return largeEncodeAlloc - largeBufferAlloc;
    }

    Map<String, @Nullable Object> toJson() {
      Map<String, @Nullable Object> json = new LinkedHashMap<>();
      json.put("encodeNs", num(encodeNs));
      json.put("bufferOnlyNs", num(bufferNs));
      json.put("encodeOverheadNs", num(encodeOverheadNs()));
      json.put("decodeOverheadNs", num(decodeNs));
      json.put("largeBodyBytes", LARGE_BODY);
      json.put("largeEncodeBytesAllocated", num(largeEncodeAlloc));
      json.put("largeBufferOnlyBytesAllocated", num(largeBufferAlloc));
      json.put("largeDecodeBytesAllocated", num(largeDecodeAlloc));
      return json;
    }
  }

  /** One codec and value size. */
  record CodecRow(String codec, String size, int rawBytes, int payloadBytes, Op encode, Op decode) {
    int headerBytes() {
      return payloadBytes - rawBytes;
    }
  }

  /** One canonical JSON input; times in ns/op, allocation in bytes/op. */
  record CanonicalRow(
      String input,
      int inputBytes,
      double oursNs,
      double erdtmanNs,
      double oursAlloc,
      double erdtmanAlloc) {
    /** Our throughput over erdtman's. */
    double speedup() {
      return erdtmanNs / oursNs;
    }
  }

  /** One logical key; times in ns/op, allocation in bytes/op. */
  record RouterRow(
      String key, double routerNs, double concatNs, double routerAlloc, double concatAlloc) {
    double routerPerConcat() {
      return routerNs / concatNs;
    }
  }

  /**
   * One cache operation on one client; throughput in ops/s over all threads: the cache, our
   * transport adapter alone, and the raw client's operation it is compared with.
   *
   * @param client the memcached client, as {@link CachePathBenchmark#client} names it
   * @param operation what the cache does, as the table says it
   * @param target the share of the raw client's throughput required, or NaN for none
   */
  record CacheRow(
      String client,
      String operation,
      double versionedOps,
      double transportOps,
      double rawOps,
      double target) {
    double versionedPerRaw() {
      return versionedOps / rawOps;
    }

    /** Whether the row meets its target; null when it has none or was not measured. */
    @Nullable Boolean holds() {
      double ratio = versionedPerRaw();
      return Double.isNaN(target) || Double.isNaN(ratio) ? null : ratio >= target;
    }
  }

  /** The client of {@link LettuceCachePathBenchmark}. */
  static final String LETTUCE = "lettuce";

  /**
   * The clients of the cache-path benchmarks, in table order: those of {@link CachePathBenchmark}
   * (its {@code client} parameter), then {@link LettuceCachePathBenchmark}'s.
   */
  static final List<String> CACHE_CLIENTS = List.of("spymemcached", "xmemcached", LETTUCE);

  /**
   * The name and parameters of {@code method} of the cache-path benchmark of {@code client}: the
   * memcached clients share {@link CachePathBenchmark}; Lettuce has {@link
   * LettuceCachePathBenchmark}, which has no transport-only rows.
   */
  static String[] cacheBenchmark(String client, String method) {
    return client.equals(LETTUCE)
        ? new String[] {"LettuceCachePathBenchmark." + method}
        : new String[] {"CachePathBenchmark." + method, "client", client};
  }

  /** Whether {@code client}'s benchmark has {@code method}. */
  static boolean cacheBenchmarkHas(String client, String method) {
    return !client.equals(LETTUCE)
        || !(method.endsWith("Transport") || method.equals("getVersionedNoMeters"));
  }

  /**
   * The cache path's rows: operation, the cache's benchmark, the raw one it is compared with, the
   * target (NaN: none), per client. Get 0.95x, set 0.9x, a set during a rollout 0.8x of one raw
   * set.
   */
  static final List<String[]> CACHE_ROWS =
      List.of(
          new String[] {"get", "getVersioned", "getRaw", "0.95"},
          new String[] {"set", "setVersioned", "setRaw", "0.9"},
          new String[] {"set in SPLIT (and invalidate)", "setDuringRollout", "setRaw", "0.8"},
          new String[] {"set in DUAL_WRITE (both generations)", "setDualWrite", "setRaw", "0.8"},
          new String[] {"async get", "getAsyncVersioned", "getAsyncRaw", "0.95"},
          new String[] {"async set", "setAsyncVersioned", "setRaw", "0.9"},
          new String[] {"get without a meter registry", "getVersionedNoMeters", "getRaw", "NaN"});

  /**
   * One target of the benchmark issue.
   *
   * @param name what is measured
   * @param goal the target
   * @param measured what this run measured, in words
   * @param holds whether it holds, or null if not measured
   */
  record Target(String name, String goal, String measured, @Nullable Boolean holds) {}

  /** Builds the model of {@code results}. */
  static ReportModel build(
      JmhResults results, Report.Machine machine, String command, Instant date, boolean quick) {
    String large = Integer.toString(EnvelopeOnly.LARGE_BODY);
    EnvelopeOnly envelope =
        new EnvelopeOnly(
            score(results, "EnvelopeBenchmark.encode", "body", "0"),
            score(results, "EnvelopeBenchmark.bufferOnly", "body", "0"),
            score(results, "EnvelopeBenchmark.decode", "body", "0"),
            alloc(results, "EnvelopeBenchmark.encode", "body", large),
            alloc(results, "EnvelopeBenchmark.bufferOnly", "body", large),
            alloc(results, "EnvelopeBenchmark.decode", "body", large));
    List<CodecRow> codecs = new ArrayList<>();
    for (String codec : Subject.CODECS) {
      for (Shape shape : Shape.values()) {
        Subject<?> subject = Subject.of(codec, shape);
        String[] params = {"codec", codec, "size", shape.label()};
        codecs.add(
            new CodecRow(
                codec,
                shape.label(),
                subject.encodeRaw().length,
                subject.encodeRegistry().length,
                op(results, "encode", params, envelope.encodeOverheadNs()),
                op(results, "decode", params, envelope.decodeNs())));
      }
    }
    List<CanonicalRow> canonical = new ArrayList<>();
    int rfcBytes = CanonicalInputs.rfc8785Inputs().stream().mapToInt(b -> b.length).sum();
    for (String input : List.of("rfc8785", CanonicalInputs.DOCUMENT)) {
      canonical.add(
          new CanonicalRow(
              input,
              input.equals("rfc8785") ? rfcBytes : CanonicalInputs.document().length,
              score(results, "CanonicalJsonBenchmark.ours", "input", input),
              score(results, "CanonicalJsonBenchmark.erdtman", "input", input),
              alloc(results, "CanonicalJsonBenchmark.ours", "input", input),
              alloc(results, "CanonicalJsonBenchmark.erdtman", "input", input)));
    }
    List<RouterRow> router = new ArrayList<>();
    for (String key : ROUTER_KEYS) {
      router.add(
          new RouterRow(
              key,
              score(results, "KeyRouterBenchmark.physicalKey", "key", key),
              score(results, "KeyRouterBenchmark.concat", "key", key),
              alloc(results, "KeyRouterBenchmark.physicalKey", "key", key),
              alloc(results, "KeyRouterBenchmark.concat", "key", key)));
    }
    List<CacheRow> cache = new ArrayList<>();
    for (String client : CACHE_CLIENTS) {
      for (String[] row : CACHE_ROWS) {
        String transport = row[1].startsWith("get") ? "getTransport" : "setTransport";
        if (!cacheBenchmarkHas(client, row[1])) {
          continue;
        }
        cache.add(
            new CacheRow(
                client,
                row[0],
                cacheScore(results, client, row[1]),
                cacheScore(results, client, transport),
                cacheScore(results, client, row[2]),
                Double.parseDouble(row[3])));
      }
    }
    String jdk =
        "%s (JDK %s)"
            .formatted(
                (results.setting("vmName") + " " + results.setting("vmVersion")).trim(),
                results.setting("jdkVersion"));
    String warmup =
        results.settingRange("warmupIterations").equals("0")
            ? "no warmup"
            : "%s warmup iteration(s) of %s"
                .formatted(results.settingRange("warmupIterations"), results.setting("warmupTime"));
    String jmh =
        String.format(
            Locale.ROOT,
            "JMH %s, %s fork(s), %s, %s measurement iteration(s) of %s, -prof gc; each score is"
                + " the median of the measurement iterations",
            results.setting("jmhVersion"),
            results.settingRange("forks"),
            warmup,
            results.settingRange("measurementIterations"),
            results.setting("measurementTime"));
    return new ReportModel(
        machine,
        jdk,
        jmh,
        command,
        date,
        quick,
        envelope,
        List.copyOf(codecs),
        List.copyOf(canonical),
        List.copyOf(router),
        List.copyOf(cache),
        targets(envelope, codecs, canonical, router, cache),
        Report.missing(results));
  }

  private static Op op(
      JmhResults results, String operation, String[] params, double envelopeOnlyNs) {
    String prefix = "CodecBenchmark." + operation;
    return new Op(
        score(results, prefix + "Raw", params),
        score(results, prefix + "Envelope", params),
        envelopeOnlyNs,
        alloc(results, prefix + "Raw", params),
        alloc(results, prefix + "Envelope", params));
  }

  private static double score(JmhResults results, String benchmark, String... params) {
    OptionalDouble score = results.score(benchmark, params);
    return score.isPresent() ? score.getAsDouble() : Double.NaN;
  }

  private static double cacheScore(JmhResults results, String client, String method) {
    if (!cacheBenchmarkHas(client, method)) {
      return Double.NaN;
    }
    String[] benchmark = cacheBenchmark(client, method);
    return score(results, benchmark[0], Arrays.copyOfRange(benchmark, 1, benchmark.length));
  }

  private static double alloc(JmhResults results, String benchmark, String... params) {
    return results
        .find(benchmark, params)
        .map(JmhResults.Result::allocatedBytes)
        .orElse(Double.NaN);
  }

  private static List<Target> targets(
      EnvelopeOnly envelope,
      List<CodecRow> codecs,
      List<CanonicalRow> canonical,
      List<RouterRow> router,
      List<CacheRow> cache) {
    List<Target> targets = new ArrayList<>();

    // Envelope and registry overhead, measured alone, over the raw library's time: worst case.
    double worst = Double.NEGATIVE_INFINITY;
    String worstAt = "";
    int within = 0;
    int measured = 0;
    for (CodecRow row : codecs) {
      for (Map.Entry<String, Op> op :
          List.of(Map.entry("encode", row.encode()), Map.entry("decode", row.decode()))) {
        double overhead = op.getValue().envelopeOverhead();
        if (Double.isNaN(overhead)) {
          continue;
        }
        measured++;
        if (overhead <= MAX_ENVELOPE_OVERHEAD) {
          within++;
        }
        if (overhead > worst) {
          worst = overhead;
          worstAt = row.codec() + " " + row.size() + " " + op.getKey();
        }
      }
    }
    targets.add(
        new Target(
            "Envelope + registry overhead",
            "≤ 5% of the raw library's time",
            measured == 0
                ? "not measured"
                : String.format(
                    Locale.ROOT,
                    "%d of %d operations within 5%%; worst %s%% (%s); envelope alone: encode"
                        + " +%.0f ns, decode %.0f ns",
                    within,
                    measured,
                    signedPercent(worst),
                    worstAt,
                    envelope.encodeOverheadNs(),
                    envelope.decodeNs()),
            measured == 0 ? null : within == measured));

    int maxHeader = codecs.stream().mapToInt(CodecRow::headerBytes).max().orElse(-1);
    targets.add(
        new Target(
            "Envelope header",
            "≤ 8 bytes",
            maxHeader + " bytes on every payload (payload − raw library bytes)",
            maxHeader >= 0 && maxHeader <= MAX_HEADER_BYTES));

    // No extra copy of the body: with a 64 KiB body, the registry allocates about what a codec
    // alone does on encode, and next to nothing on decode; a copy would be the whole body.
    double extraEncode = envelope.largeEncodeExtraAlloc();
    double decodeAlloc = envelope.largeDecodeAlloc();
    boolean copyMeasured = !Double.isNaN(extraEncode) && !Double.isNaN(decodeAlloc);
    targets.add(
        new Target(
            "No extra copy of the body",
            "64 KiB body: the envelope allocates < 1 KiB beyond what the codec alone does",
            copyMeasured
                ? String.format(
                    Locale.ROOT,
                    "encode %+.0f B/op beyond the codec alone, decode %.0f B/op in all",
                    extraEncode,
                    decodeAlloc)
                : "not measured",
            copyMeasured ? extraEncode < 1024 && decodeAlloc < 1024 : null));

    double minSpeedup =
        canonical.stream()
            .mapToDouble(CanonicalRow::speedup)
            .filter(d -> !Double.isNaN(d))
            .min()
            .orElse(Double.NaN);
    targets.add(
        new Target(
            "Canonical JSON",
            "≥ 2x erdtman's throughput",
            Double.isNaN(minSpeedup) ? "not measured" : describe(canonical),
            Double.isNaN(minSpeedup) ? null : minSpeedup >= MIN_CANONICAL_SPEEDUP));

    double maxKey =
        router.stream()
            .filter(r -> r.key().startsWith("ascii"))
            .mapToDouble(RouterRow::routerNs)
            .filter(d -> !Double.isNaN(d))
            .max()
            .orElse(Double.NaN);
    targets.add(
        new Target(
            "Physical-key construction",
            "< 50 ns for keys up to 64 bytes",
            Double.isNaN(maxKey)
                ? "not measured"
                : String.format(Locale.ROOT, "at most %.0f ns (8 to 64-byte ASCII keys)", maxKey),
            Double.isNaN(maxKey) ? null : maxKey < MAX_KEY_NANOS));

    List<String> perClient = new ArrayList<>();
    boolean all = true;
    boolean any = false;
    for (String client : CACHE_CLIENTS) {
      List<String> parts = new ArrayList<>();
      for (CacheRow row : cache) {
        Boolean holds = row.holds();
        if (!row.client().equals(client) || holds == null) {
          continue;
        }
        any = true;
        all &= holds;
        parts.add(
            String.format(
                Locale.ROOT,
                "%s %.2fx%s",
                row.operation().replaceFirst(" \\(.*", ""),
                row.versionedPerRaw(),
                holds ? "" : String.format(Locale.ROOT, " (< %.2fx)", row.target())));
      }
      if (!parts.isEmpty()) {
        perClient.add(client + ": " + String.join(", ", parts));
      }
    }
    targets.add(
        new Target(
            "Cache path",
            "get ≥ 0.95x, set ≥ 0.9x, a set in SPLIT or DUAL_WRITE ≥ 0.8x of the raw client's"
                + " throughput, sync and async, each client",
            any ? String.join("; ", perClient) : "not perClient",
            any ? all : null));
    return List.copyOf(targets);
  }

  private static String describe(List<CanonicalRow> canonical) {
    List<String> parts = new ArrayList<>();
    for (CanonicalRow row : canonical) {
      parts.add(String.format(Locale.ROOT, "%s %.2fx", row.input(), row.speedup()));
    }
    return String.join(", ", parts);
  }

  static String signedPercent(double share) {
    return String.format(Locale.ROOT, "%+.1f", share * 100);
  }

  /** A number for JSON: null for NaN. */
  static @Nullable Double num(double value) {
    return Double.isNaN(value) || Double.isInfinite(value) ? null : value;
  }

  /** The model as JSON-ready maps and lists. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", date.toString());
    json.put("command", command);
    json.put("quick", quick);
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("cpu", machine.cpu());
    host.put("cpus", machine.cpus());
    host.put("os", machine.os());
    host.put("memory", machine.memory());
    json.put("machine", host);
    json.put("jdk", jdk);
    json.put("settings", jmh);
    json.put("envelopeAlone", envelope.toJson());
    List<Object> codecRows = new ArrayList<>();
    for (CodecRow row : codecs) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("codec", row.codec());
      r.put("size", row.size());
      r.put("rawBytes", row.rawBytes());
      r.put("payloadBytes", row.payloadBytes());
      r.put("headerBytes", row.headerBytes());
      r.put("encode", row.encode().toJson());
      r.put("decode", row.decode().toJson());
      codecRows.add(r);
    }
    json.put("codecs", codecRows);
    List<Object> canonicalRows = new ArrayList<>();
    for (CanonicalRow row : canonical) {
      Map<String, @Nullable Object> r = new LinkedHashMap<>();
      r.put("input", row.input());
      r.put("inputBytes", row.inputBytes());
      r.put("oursNs", num(row.oursNs()));
      r.put("erdtmanNs", num(row.erdtmanNs()));
      r.put("throughputOursPerErdtman", num(row.speedup()));
      r.put("oursBytesAllocated", num(row.oursAlloc()));
      r.put("erdtmanBytesAllocated", num(row.erdtmanAlloc()));
      canonicalRows.add(r);
    }
    json.put("canonicalJson", canonicalRows);
    List<Object> routerRows = new ArrayList<>();
    for (RouterRow row : router) {
      Map<String, @Nullable Object> r = new LinkedHashMap<>();
      r.put("key", row.key());
      r.put("physicalKeyNs", num(row.routerNs()));
      r.put("concatNs", num(row.concatNs()));
      r.put("physicalKeyPerConcat", num(row.routerPerConcat()));
      r.put("physicalKeyBytesAllocated", num(row.routerAlloc()));
      r.put("concatBytesAllocated", num(row.concatAlloc()));
      routerRows.add(r);
    }
    json.put("router", routerRows);
    List<Object> cacheRows = new ArrayList<>();
    for (CacheRow row : cache) {
      Map<String, @Nullable Object> r = new LinkedHashMap<>();
      r.put("client", row.client());
      r.put("operation", row.operation());
      r.put("versionedCacheOpsPerSecond", num(row.versionedOps()));
      r.put("transportOpsPerSecond", num(row.transportOps()));
      r.put("rawClientOpsPerSecond", num(row.rawOps()));
      r.put("throughputOursPerRaw", num(row.versionedPerRaw()));
      r.put("target", num(row.target()));
      r.put("holds", row.holds());
      cacheRows.add(r);
    }
    json.put("cachePath", cacheRows);
    List<Object> targetRows = new ArrayList<>();
    for (Target target : targets) {
      Map<String, @Nullable Object> r = new LinkedHashMap<>();
      r.put("target", target.name());
      r.put("goal", target.goal());
      r.put("measured", target.measured());
      r.put("holds", target.holds());
      targetRows.add(r);
    }
    json.put("targets", targetRows);
    json.put("missing", missing);
    return json;
  }
}
