package dev.crossgrade.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crossgrade.benchmarks.ReportModel.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report from synthetic JMH output whose scores are chosen to make each target hold or not. */
class ReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Report.Machine MACHINE =
      new Report.Machine("test cpu", 2, "test os", "1 GiB");

  @TempDir Path dir;

  /** A full suite's output: times in ns/op (ops/s for the cache path), allocation in B/op. */
  private final Map<String, double[]> scores = new HashMap<>();

  ReportTest() {
    for (String codec : Subject.CODECS) {
      for (Shape shape : Shape.values()) {
        for (String op : List.of("encode", "decode")) {
          put(codecKey(op + "Raw", codec, shape), 100, 1000);
          put(codecKey(op + "Envelope", codec, shape), 104, 2008);
        }
      }
    }
    // The envelope alone: encode 30 ns against a 26 ns buffer, decode 4 ns: 4% of raw's 100 ns;
    // with a 64 KiB body, encode allocates 8 B more than the buffer, decode 112 B.
    put("EnvelopeBenchmark.encode body=0", 30, 80);
    put("EnvelopeBenchmark.bufferOnly body=0", 26, 72);
    put("EnvelopeBenchmark.decode body=0", 4, 112);
    put("EnvelopeBenchmark.encode body=65536", 9000, 147_500);
    put("EnvelopeBenchmark.bufferOnly body=65536", 8900, 147_492);
    put("EnvelopeBenchmark.decode body=65536", 5, 112);
    for (String input : List.of("rfc8785", "order-10k")) {
      put("CanonicalJsonBenchmark.ours input=" + input, 100, 500);
      put("CanonicalJsonBenchmark.erdtman input=" + input, 300, 900);
    }
    for (String key : ReportModel.ROUTER_KEYS) {
      put("KeyRouterBenchmark.physicalKey key=" + key, 40, 200);
      put("KeyRouterBenchmark.concat key=" + key, 20, 100);
    }
    String[][] cacheScores = {
      {"getVersioned", "960"},
      {"getVersionedNoMeters", "980"},
      {"getAsyncVersioned", "955"},
      {"getTransport", "980"},
      {"getRaw", "1000"},
      {"getAsyncRaw", "1000"},
      {"setVersioned", "920"},
      {"setAsyncVersioned", "910"},
      {"setTransport", "990"},
      {"setRaw", "1000"},
      {"setDuringRollout", "850"},
      {"setDualWrite", "810"}
    };
    for (String client : ReportModel.CACHE_CLIENTS) {
      for (String[] score : cacheScores) {
        if (ReportModel.cacheBenchmarkHas(client, score[0])) {
          String[] benchmark = ReportModel.cacheBenchmark(client, score[0]);
          String key =
              benchmark.length == 1 ? benchmark[0] : benchmark[0] + " client=" + benchmark[2];
          put(key, Double.parseDouble(score[1]), 0);
        }
      }
    }
  }

  private static String codecKey(String method, String codec, Shape shape) {
    return "CodecBenchmark." + method + " codec=" + codec + ",size=" + shape.label();
  }

  private void put(String key, double score, double allocated) {
    scores.put(key, new double[] {score, allocated});
  }

  @Test
  void everyTargetHoldsWhenTheScoresMeetIt() throws IOException {
    ReportModel model = model();

    assertThat(model.missing()).isEmpty();
    assertThat(model.targets()).extracting(Target::holds).containsOnly(true);
    ReportModel.CodecRow kryo = model.codecs().get(1);
    assertThat(kryo.codec()).isEqualTo("kryo5");
    assertThat(kryo.size()).isEqualTo("media");
    assertThat(kryo.headerBytes()).isEqualTo(8);
    assertThat(kryo.encode().envelopePerRaw()).isEqualTo(1.04);
    assertThat(kryo.encode().envelopeOverhead()).isCloseTo(0.04, within());
    assertThat(kryo.decode().envelopeOverhead()).isCloseTo(0.04, within());
    assertThat(model.envelope().encodeOverheadNs()).isEqualTo(4.0);
    assertThat(model.canonical().get(0).speedup()).isEqualTo(3.0);
    assertThat(model.cache()).hasSize(20); // 7 rows per memcached client, 6 for Lettuce
    assertThat(model.cache().get(19).client()).isEqualTo("lettuce");
    assertThat(model.cache().get(0).client()).isEqualTo("spymemcached");
    assertThat(model.cache().get(0).versionedPerRaw()).isEqualTo(0.96);
    assertThat(model.cache().get(3).operation()).startsWith("set in DUAL_WRITE");
    assertThat(model.cache().get(3).versionedPerRaw()).isEqualTo(0.81);
  }

  @Test
  void aTargetFailsWhenOneMeasurementMissesIt() throws IOException {
    put(codecKey("decodeRaw", "json", Shape.LARGE), 50, 1000);
    put("EnvelopeBenchmark.decode body=65536", 5, 112 + 65536);
    put("KeyRouterBenchmark.physicalKey key=ascii-64", 60, 200);
    put("CachePathBenchmark.getVersioned client=xmemcached", 500, 0);
    put("CachePathBenchmark.setDualWrite client=spymemcached", 700, 0);
    put("CanonicalJsonBenchmark.ours input=rfc8785", 200, 500);

    Map<String, Target> targets = new HashMap<>();
    for (Target target : model().targets()) {
      targets.put(target.name(), target);
    }

    assertThat(targets.get("Envelope + registry overhead").holds()).isFalse();
    assertThat(targets.get("Envelope + registry overhead").measured())
        .contains("23 of 24")
        .contains("+8.0% (json large decode)");
    assertThat(targets.get("No extra copy of the body").holds()).isFalse();
    assertThat(targets.get("Physical-key construction").holds()).isFalse();
    assertThat(targets.get("Physical-key construction").measured()).contains("60 ns");
    assertThat(targets.get("Cache path").holds()).isFalse();
    assertThat(targets.get("Cache path").measured())
        .contains("xmemcached: get 0.50x (< 0.95x)")
        .contains(
            "spymemcached: get 0.96x, set 0.92x, set in SPLIT 0.85x, set in DUAL_WRITE 0.70x"
                + " (< 0.80x)");
    assertThat(targets.get("Canonical JSON").holds()).isFalse();
    assertThat(targets.get("Envelope header").holds()).isTrue();
  }

  @Test
  void aBenchmarkWithoutAResultIsListedAndUnmeasuredTargetsAreUndecided() throws IOException {
    scores.remove("CachePathBenchmark.setRaw client=xmemcached");
    scores.keySet().removeIf(key -> key.startsWith("KeyRouterBenchmark.physicalKey"));

    ReportModel model = model();

    assertThat(model.missing())
        .contains(
            "CachePathBenchmark.setRaw client=xmemcached",
            "KeyRouterBenchmark.physicalKey key=ascii-8");
    assertThat(model.targets())
        .filteredOn(t -> t.name().equals("Physical-key construction"))
        .extracting(Target::holds)
        .containsNull();
    assertThat(ReportMarkdown.render(model))
        .contains("## Missing")
        .contains("| xmemcached | set | 920 | 990 | — | — | ≥ 0.90x |");
  }

  @Test
  void scoresAreTheMedianOfTheIterations() throws IOException {
    JsonNode metric = MAPPER.readTree("{\"score\": 34.3, \"rawData\": [[1.0, 100.0, 2.0]]}");
    assertThat(JmhResults.median(metric)).isEqualTo(2.0);
    JsonNode even = MAPPER.readTree("{\"score\": 5, \"rawData\": [[1.0, 4.0], [2.0, 9.0]]}");
    assertThat(JmhResults.median(even)).isEqualTo(3.0);
    assertThat(JmhResults.median(MAPPER.readTree("{\"score\": 7.5}"))).isEqualTo(7.5);
  }

  @Test
  void writesTheMarkdownAndTheJsonWithTheRunAndTheRatios() throws IOException {
    Path out = dir.resolve("results");

    int status = Report.write(jmhJson(), out, "benchmarks/run", false);

    assertThat(status).isZero();
    String md = Files.readString(out.resolve("RESULTS.md"), StandardCharsets.UTF_8);
    assertThat(md)
        .contains("- Command: `benchmarks/run`")
        .contains("JDK 17.0.99")
        .contains("JMH 1.37, 1 fork(s), 3 warmup iteration(s) of 1 s, 5 measurement")
        .contains("| kryo5 encode, MediaContent (")
        .contains("| 104 ns | 100 ns | 1.04 time | overhead +4.0% (≤ +5%) |")
        .contains("so **+4.0 ns**; decode **4.0 ns**")
        .contains(
            "encode allocates 147,500 B/op against 147,492 B/op for a codec alone, and its"
                + " decode 112 B/op")
        .contains("| Canonical JSON, order-10k (vs erdtman) | 100 ns | 300 ns | 3.00x throughput |")
        .contains("| Cache get, memcached, 4 threads (vs spymemcached) | 960 ops/s | 1,000 ops/s |")
        .contains(
            "| Cache set in DUAL_WRITE (both generations), memcached, 4 threads (vs xmemcached)")
        .contains("| Cache get, Redis, 4 threads (vs lettuce) | 960 ops/s | 1,000 ops/s |")
        .contains("| Cache async set, Redis, 4 threads (vs lettuce) |")
        .doesNotContain("Smoke run")
        .doesNotContain("**no**");
    JsonNode json = MAPPER.readTree(out.resolve("results.json").toFile());
    assertThat(json.path("command").asText()).isEqualTo("benchmarks/run");
    assertThat(json.path("codecs")).hasSize(12);
    assertThat(json.path("codecs").get(0).path("headerBytes").asInt()).isEqualTo(8);
    assertThat(json.path("cachePath").get(1).path("throughputOursPerRaw").asDouble())
        .isEqualTo(0.92);
    assertThat(json.path("cachePath").get(1).path("client").asText()).isEqualTo("spymemcached");
    assertThat(json.path("cachePath").get(1).path("holds").asBoolean()).isTrue();
    assertThat(json.path("targets")).hasSize(6);
    assertThat(json.path("jmh").isArray()).isTrue();
    assertThat(json.path("jmh")).hasSize(scores.size());
  }

  @Test
  void exitStatusIsTwoWhenTheSuiteDidNotRunCompletely() throws IOException {
    scores.remove("CanonicalJsonBenchmark.ours input=rfc8785");

    assertThat(Report.write(jmhJson(), dir.resolve("out"), "benchmarks/run --quick", true))
        .isEqualTo(2);
    assertThat(Files.readString(dir.resolve("out/RESULTS.md"), StandardCharsets.UTF_8))
        .contains("Smoke run (`--quick`)")
        .contains("- CanonicalJsonBenchmark.ours input=rfc8785");
  }

  private ReportModel model() throws IOException {
    JmhResults results = JmhResults.read(jmhJson(), MAPPER);
    return ReportModel.build(results, MACHINE, "benchmarks/run", Instant.EPOCH, false);
  }

  /** JMH's JSON format, as {@code -rf json} writes it, for {@link #scores}. */
  private Path jmhJson() throws IOException {
    ArrayNode runs = MAPPER.createArrayNode();
    for (Map.Entry<String, double[]> entry : scores.entrySet()) {
      String[] nameAndParams = entry.getKey().split(" ", 2);
      ObjectNode run = runs.addObject();
      run.put("jmhVersion", "1.37");
      run.put("benchmark", "dev.crossgrade.benchmarks." + nameAndParams[0]);
      run.put("mode", nameAndParams[0].startsWith("CachePath") ? "thrpt" : "avgt");
      run.put("forks", 1);
      run.put("jdkVersion", "17.0.99");
      run.put("vmName", "Test VM");
      run.put("vmVersion", "17.0.99+1");
      run.put("warmupIterations", 3);
      run.put("warmupTime", "1 s");
      run.put("measurementIterations", 5);
      run.put("measurementTime", "1 s");
      if (nameAndParams.length > 1) {
        ObjectNode params = run.putObject("params");
        for (String pair : nameAndParams[1].split(",")) {
          String[] kv = pair.split("=");
          params.put(kv[0], kv[1]);
        }
      }
      double score = entry.getValue()[0];
      ObjectNode primary = run.putObject("primaryMetric");
      primary.put("score", score * 10); // the mean, which the report must not use
      primary.put("scoreUnit", nameAndParams[0].startsWith("CachePath") ? "ops/s" : "ns/op");
      // Five iterations around the score, one of them far off, so the median is the score.
      primary
          .putArray("rawData")
          .addArray()
          .add(score)
          .add(score - 1)
          .add(score + 1)
          .add(score)
          .add(score * 50);
      ObjectNode alloc = run.putObject("secondaryMetrics").putObject("gc.alloc.rate.norm");
      double allocated = entry.getValue()[1];
      alloc.put("score", allocated);
      alloc.put("scoreUnit", "B/op");
      alloc.putArray("rawData").addArray().add(allocated).add(allocated).add(allocated);
    }
    Path file = dir.resolve("jmh-" + System.nanoTime() + ".json");
    MAPPER.writeValue(file.toFile(), runs);
    return file;
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
