package dev.crossgrade.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Turns one JMH run's JSON output into {@code results.json} and {@code RESULTS.md}: tables that set
 * our paths against the raw libraries with ratios from that same run, the targets of the benchmark
 * issue with whether each holds, and the machine, JDK, date and command.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.crossgrade.benchmarks.Report JMH_JSON OUT_DIR
 * [--command TEXT] [--quick]}. It exits with 2 if a benchmark of the suite has no result (the suite
 * did not run completely), never because of a timing.
 */
public final class Report {
  private Report() {}

  /** Writes the report; see the class documentation for the arguments. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println(
          "usage: Report JMH_JSON OUT_DIR [--command TEXT] [--quick]  (writes OUT_DIR/results.json"
              + " and OUT_DIR/RESULTS.md)");
      System.exit(64);
    }
    Path input = Path.of(args[0]);
    Path out = Path.of(args[1]);
    String command = "benchmarks/run";
    boolean quick = false;
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--command") && i + 1 < args.length) {
        command = args[++i];
      } else if (args[i].equals("--quick")) {
        quick = true;
      } else {
        System.err.println("unknown argument: " + args[i]);
        System.exit(64);
      }
    }
    int status = write(input, out, command, quick);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Writes {@code out/RESULTS.md} and {@code out/results.json} from JMH's JSON output.
   *
   * @return 0, or 2 if a benchmark of the suite has no result
   */
  static int write(Path input, Path out, String command, boolean quick) throws IOException {
    ObjectMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    JmhResults results = JmhResults.read(input, mapper);
    ReportModel model =
        ReportModel.build(
            results,
            Machine.describe(),
            command,
            Instant.now().truncatedTo(ChronoUnit.SECONDS),
            quick);
    Files.createDirectories(out);
    Files.writeString(
        out.resolve("RESULTS.md"), ReportMarkdown.render(model), StandardCharsets.UTF_8);
    Map<String, Object> json = new LinkedHashMap<>(model.toJson());
    json.put("jmh", results.raw());
    mapper.writeValue(out.resolve("results.json").toFile(), json);
    System.out.println(
        "wrote " + out.resolve("RESULTS.md") + " and " + out.resolve("results.json"));
    if (!model.missing().isEmpty()) {
      System.err.println("benchmarks without a result: " + model.missing());
      return 2;
    }
    return 0;
  }

  /** The machine a run was measured on. */
  record Machine(String cpu, int cpus, String os, String memory) {
    static Machine describe() {
      String cpu =
          firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
      String memory =
          firstValue(Path.of("/proc/meminfo"), "MemTotal").map(Machine::gib).orElse("unknown");
      return new Machine(
          cpu,
          Runtime.getRuntime().availableProcessors(),
          "%s %s %s"
              .formatted(
                  System.getProperty("os.name"),
                  System.getProperty("os.version"),
                  System.getProperty("os.arch")),
          memory);
    }

    private static java.util.Optional<String> firstValue(Path file, String key) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          int colon = line.indexOf(':');
          if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
            return java.util.Optional.of(line.substring(colon + 1).trim());
          }
        }
      } catch (IOException | RuntimeException e) {
        // Not Linux, or not readable: the caller falls back.
      }
      return java.util.Optional.empty();
    }

    private static String gib(String memTotal) {
      String digits = memTotal.replaceAll("[^0-9]", "");
      if (digits.isEmpty()) {
        return memTotal;
      }
      return String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(digits) / (1024.0 * 1024.0));
    }
  }

  /** A ratio, or NaN when either side is missing. */
  static double ratio(OptionalDouble numerator, OptionalDouble denominator) {
    if (numerator.isEmpty() || denominator.isEmpty() || denominator.getAsDouble() == 0) {
      return Double.NaN;
    }
    return numerator.getAsDouble() / denominator.getAsDouble();
  }

  /** Collects the names of the suite's benchmarks that have no result in {@code results}. */
  static List<String> missing(JmhResults results) {
    List<String> missing = new ArrayList<>();
    for (String codec : Subject.CODECS) {
      for (Shape shape : Shape.values()) {
        for (String method :
            List.of("encodeRaw", "encodeEnvelope", "decodeRaw", "decodeEnvelope")) {
          require(
              missing, results, "CodecBenchmark." + method, "codec", codec, "size", shape.label());
        }
      }
    }
    for (String method : List.of("encode", "bufferOnly", "decode")) {
      for (String body : List.of("0", Integer.toString(ReportModel.EnvelopeOnly.LARGE_BODY))) {
        require(missing, results, "EnvelopeBenchmark." + method, "body", body);
      }
    }
    for (String input : List.of("rfc8785", CanonicalInputs.DOCUMENT)) {
      for (String method : List.of("ours", "erdtman")) {
        require(missing, results, "CanonicalJsonBenchmark." + method, "input", input);
      }
    }
    for (String key : ReportModel.ROUTER_KEYS) {
      for (String method : List.of("physicalKey", "concat")) {
        require(missing, results, "KeyRouterBenchmark." + method, "key", key);
      }
    }
    for (String client : ReportModel.CACHE_CLIENTS) {
      List<String> methods = new ArrayList<>(List.of("getTransport", "setTransport"));
      for (String[] row : ReportModel.CACHE_ROWS) {
        methods.add(row[1]);
        methods.add(row[2]);
      }
      for (String method : new java.util.LinkedHashSet<>(methods)) {
        if (ReportModel.cacheBenchmarkHas(client, method)) {
          String[] benchmark = ReportModel.cacheBenchmark(client, method);
          require(
              missing,
              results,
              benchmark[0],
              java.util.Arrays.copyOfRange(benchmark, 1, benchmark.length));
        }
      }
    }
    return List.copyOf(missing);
  }

  private static void require(
      List<String> missing, JmhResults results, String benchmark, String... params) {
    if (results.find(benchmark, params).isEmpty()) {
      StringBuilder name = new StringBuilder(benchmark);
      for (int i = 0; i + 1 < params.length; i += 2) {
        name.append(i == 0 ? " " : ",").append(params[i]).append('=').append(params[i + 1]);
      }
      missing.add(name.toString());
    }
  }
}
