package dev.crossgrade.rehearsal;

import static dev.crossgrade.rehearsal.ReportFormats.f;
import static dev.crossgrade.rehearsal.ReportFormats.trim;
import static dev.crossgrade.rehearsal.ReportFormats.verdict;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.crossgrade.rehearsal.RehearsalReport.CohortWrites;
import dev.crossgrade.rehearsal.RehearsalReport.CpuComparison;
import dev.crossgrade.rehearsal.RehearsalReport.Figures;
import dev.crossgrade.rehearsal.RehearsalReport.RuntimeFigures;
import dev.crossgrade.rehearsal.RehearsalReport.RuntimeInfo;
import dev.crossgrade.rehearsal.RehearsalReport.Sample;
import dev.crossgrade.rehearsal.RehearsalReport.Scenario;
import dev.crossgrade.rehearsal.RehearsalReport.ScenarioCpu;
import dev.crossgrade.rehearsal.RehearsalReport.Settings;
import dev.crossgrade.rehearsal.RehearsalReport.Step;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes a {@link RehearsalReport} as one JSON object (what {@code --format json} prints), through
 * Jackson's generator: settings, per scenario its steps, totals, runtimes, timeline and examples,
 * the CPU comparison and the verdict. Fractional numbers have at most 4 decimals; whole ones are
 * written without a fraction; a number that is not finite is {@code null}.
 */
final class JsonReport {
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private JsonReport() {}

  static void write(RehearsalReport report, Appendable out) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartObject();
      settings(g, report.settings());
      g.writeNumberField("elapsedMillis", report.elapsed().toMillis());
      g.writeArrayFieldStart("scenarios");
      for (Scenario scenario : report.scenarios()) {
        scenario(g, scenario);
      }
      g.writeEndArray();
      g.writeFieldName("cpu");
      cpu(g, report.cpu());
      g.writeArrayFieldStart("verdict");
      for (String line : verdict(report)) {
        g.writeString(line.trim());
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    out.append(text.toString()).append('\n');
  }

  private static void settings(JsonGenerator g, Settings s) throws IOException {
    g.writeObjectFieldStart("settings");
    g.writeNumberField("durationMillis", s.duration().toMillis());
    g.writeNumberField("seed", s.seed());
    g.writeNumberField("keys", s.keys());
    number(g, "zipfExponent", s.zipfExponent());
    g.writeNumberField("threadsPerRuntime", s.threadsPerRuntime());
    g.writeNumberField("requestsPerSecond", s.requestsPerSecond());
    number(g, "writeFraction", s.writeFraction());
    g.writeStringField("scenario", s.pair().label());
    g.writeStringField("walk", s.walk().label());
    g.writeStringField("pair", s.pair().describe());
    g.writeStringField("cache", s.cache());
    g.writeFieldName("oldRuntime");
    runtime(g, s.oldRuntime());
    g.writeFieldName("newRuntime");
    runtime(g, s.newRuntime());
    g.writeEndObject();
  }

  private static void scenario(JsonGenerator g, Scenario scenario) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", scenario.name());
    g.writeStringField("strategy", scenario.strategy().name());
    g.writeBooleanField("rollback", scenario.rollback());
    g.writeArrayFieldStart("steps");
    for (Step step : scenario.steps()) {
      g.writeStartObject();
      g.writeStringField("label", step.label());
      g.writeStringField("phase", step.phase() == null ? null : step.phase().label());
      g.writeNumberField("newSharePercent", step.newSharePercent());
      g.writeArrayFieldStart("writerCohorts");
      for (String cohort : step.writerCohorts()) {
        g.writeString(cohort);
      }
      g.writeEndArray();
      g.writeNumberField("writerPercent", step.writerPercent());
      g.writeNumberField("durationMillis", step.duration().toMillis());
      figuresFields(g, step.all());
      g.writeFieldName("oldRuntime");
      figures(g, step.oldRuntime());
      g.writeFieldName("newRuntime");
      figures(g, step.newRuntime());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeFieldName("transition");
    figures(g, scenario.transition());
    g.writeFieldName("total");
    figures(g, scenario.total());
    g.writeArrayFieldStart("runtimes");
    for (RuntimeFigures runtime : scenario.runtimes()) {
      g.writeStartObject();
      g.writeStringField("runtime", runtime.runtime());
      g.writeStringField("role", runtime.role());
      g.writeStringField("javaVersion", runtime.javaVersion());
      g.writeNumberField("requests", runtime.requests());
      number(g, "cpuMicrosPerRequest", runtime.cpuMicrosPerRequest());
      g.writeObjectFieldStart("bytesPerValue");
      for (Map.Entry<String, Double> entry : runtime.bytesPerValue().entrySet()) {
        number(g, entry.getKey(), entry.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("timeline");
    for (Sample sample : scenario.timeline()) {
      g.writeStartObject();
      g.writeNumberField("atMillis", sample.at().toMillis());
      g.writeStringField("step", sample.step());
      g.writeNumberField("reads", sample.reads());
      number(g, "hitRatio", sample.hitRatio());
      g.writeNumberField("errors", sample.errors());
      g.writeNumberField("wrongOrStale", sample.wrongOrStale());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("examples");
    for (String example : scenario.examples()) {
      g.writeString(example);
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void cpu(JsonGenerator g, CpuComparison cpu) throws IOException {
    g.writeStartObject();
    g.writeStringField("keyspace", cpu.keyspace());
    g.writeStringField("oldRuntime", cpu.oldRuntime());
    g.writeStringField("oldCodec", cpu.oldCodec());
    g.writeStringField("oldJava", cpu.oldJava());
    g.writeStringField("newRuntime", cpu.newRuntime());
    g.writeStringField("newCodec", cpu.newCodec());
    g.writeStringField("newJava", cpu.newJava());
    g.writeNumberField("windows", cpu.steps());
    number(g, "confidence", 0.95);
    number(g, "oldCpuMicrosPerRequest", cpu.oldMicros());
    number(g, "oldHalfWidthMicros", cpu.oldHalfWidth());
    number(g, "newCpuMicrosPerRequest", cpu.newMicros());
    number(g, "newHalfWidthMicros", cpu.newHalfWidth());
    number(g, "changePercent", cpu.changePercent());
    number(g, "changeHalfWidthPercent", cpu.changeHalfWidthPercent());
    number(g, "maxRegressionPercent", cpu.maxRegressionPercent());
    g.writeBooleanField("regressionExceeded", cpu.regressionExceeded());
    g.writeArrayFieldStart("scenarios");
    for (ScenarioCpu scenario : cpu.scenarios()) {
      g.writeStartObject();
      g.writeStringField("scenario", scenario.scenario());
      g.writeNumberField("windows", scenario.windows());
      number(g, "changePercent", scenario.changePercent());
      number(g, "changeHalfWidthPercent", scenario.changeHalfWidthPercent());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeStringField("instructions", cpu.instructions());
    g.writeStringField("verdict", cpu.line());
    g.writeStringField("thresholdVerdict", cpu.thresholdLine());
    g.writeEndObject();
  }

  private static void runtime(JsonGenerator g, RuntimeInfo runtime) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", runtime.name());
    g.writeStringField("role", runtime.role());
    g.writeStringField("schema", runtime.schema());
    g.writeStringField("format", runtime.format());
    g.writeStringField("reads", runtime.reads());
    g.writeStringField("javaVersion", runtime.javaVersion());
    g.writeStringField("where", runtime.where());
    g.writeEndObject();
  }

  private static void figures(JsonGenerator g, Figures figures) throws IOException {
    g.writeStartObject();
    figuresFields(g, figures);
    g.writeEndObject();
  }

  private static void figuresFields(JsonGenerator g, Figures figures) throws IOException {
    g.writeNumberField("requests", figures.requests());
    g.writeNumberField("reads", figures.reads());
    g.writeNumberField("hits", figures.hits());
    number(g, "hitRatio", figures.hitRatio());
    g.writeNumberField("loads", figures.loads());
    g.writeNumberField("updates", figures.updates());
    g.writeNumberField("deletes", figures.deletes());
    g.writeNumberField("decodeErrors", figures.decodeErrors());
    g.writeNumberField("otherFailures", figures.otherFailures());
    g.writeNumberField("wrongValues", figures.wrongValues());
    g.writeNumberField("staleValues", figures.staleValues());
    g.writeNumberField("wrongBeforeLossSeen", figures.wrongBeforeLossSeen());
    g.writeNumberField("absorbedDecodeFailures", figures.absorbedDecodeFailures());
    number(g, "p50Micros", figures.p50().toNanos() / 1000.0);
    number(g, "p99Micros", figures.p99().toNanos() / 1000.0);
    number(g, "cpuMicrosPerRequest", figures.cpuMicrosPerRequest());
    g.writeObjectFieldStart("writesByCohort");
    for (Map.Entry<String, CohortWrites> entry : figures.writesByCohort().entrySet()) {
      g.writeObjectFieldStart(entry.getKey());
      g.writeNumberField("newFormat", entry.getValue().newFormat());
      g.writeNumberField("other", entry.getValue().other());
      g.writeEndObject();
    }
    g.writeEndObject();
  }

  /** A fractional number: at most 4 decimals, whole without a fraction, null if not finite. */
  private static void number(JsonGenerator g, String name, @Nullable Double value)
      throws IOException {
    g.writeFieldName(name);
    if (value == null || value.isNaN() || value.isInfinite()) {
      g.writeNull();
    } else {
      g.writeNumber(f("%s", trim(Math.round(value * 10_000) / 10_000.0)));
    }
  }
}
