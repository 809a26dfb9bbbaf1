package dev.crossgrade.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes one JSON object per line. */
final class JsonLines {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Fills one JSON object. */
  interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private JsonLines() {}

  static void print(PrintWriter out, Body body) {
    StringWriter line = new StringWriter();
    try (JsonGenerator json = FACTORY.createGenerator(line)) {
      json.writeStartObject();
      body.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.println(line);
  }
}
