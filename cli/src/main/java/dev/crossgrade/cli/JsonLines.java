package dev.crossgrade.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Writes one JSON object per line. */
final class JsonLines {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Fills one JSON object. */
  interface Body {
    void write(JsonGenerator json) throws IOException;
  }

  private JsonLines() {}

  /** Prints the error line of a file: its name, the error kind and the reason. */
  static void printError(PrintWriter out, String file, String kind, String reason) {
    print(
        out,
        json -> {
          json.writeStringField("file", file);
          json.writeStringField("error", kind);
          json.writeStringField("reason", reason);
        });
  }

  /** Reads a whole file, or prints its error line and returns null. */
  static byte @Nullable [] readOrPrintError(PrintWriter out, Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      printError(out, file.toString(), "unreadable-file", e.toString());
      return null;
    }
  }

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
