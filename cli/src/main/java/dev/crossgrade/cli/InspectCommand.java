package dev.crossgrade.cli;

import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.Compression;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.codec.WellKnownCodecs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crossgrade inspect FILE...}: the envelope of each payload file, as JSON lines. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Reads each file as a raw cache payload and prints one JSON line per file: the envelope's"
          + " header fields, or the error kind and reason for a bad payload. codecGeneration is"
          + " the codec's own generation (Kryo 4 or 5), not a key generation of the rollout.",
      "Exit status 0 if every file is a valid payload, 2 otherwise."
    })
final class InspectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Payload files to inspect.")
  List<Path> files;

  @Override
  public Integer call() {
    boolean allValid = true;
    for (Path file : files) {
      allValid &= inspect(file);
    }
    return allValid ? 0 : 2;
  }

  private boolean inspect(Path file) {
    var out = spec.commandLine().getOut();
    byte[] bytes = JsonLines.readOrPrintError(out, file);
    if (bytes == null) {
      return false;
    }
    PayloadHeader header;
    try {
      header = PayloadHeader.read(bytes);
    } catch (PayloadException e) {
      JsonLines.printError(out, file.toString(), e.kind().label(), e.getMessage());
      return false;
    }
    Optional<CodecDescriptor> codec = WellKnownCodecs.byId(header.codecId());
    JsonLines.print(
        out,
        json -> {
          json.writeStringField("file", file.toString());
          json.writeStringField("codec", codec.map(CodecDescriptor::name).orElse("unassigned"));
          json.writeNumberField("codecId", header.codecId());
          if (codec.isPresent()) {
            json.writeStringField("family", codec.get().family());
            json.writeNumberField("codecGeneration", codec.get().generation());
          } else {
            json.writeNullField("family");
            json.writeNullField("codecGeneration");
          }
          json.writeNumberField("envelopeVersion", header.envelopeVersion());
          json.writeNumberField("schemaVersion", header.schemaVersion());
          json.writeNumberField("flags", header.flags());
          json.writeStringField(
              "compression", header.compression().name().toLowerCase(java.util.Locale.ROOT));
          if (header.writerTag() != null) {
            json.writeStringField("writerTag", header.writerTag());
          } else {
            json.writeNullField("writerTag");
          }
          json.writeNumberField("headerLength", header.headerLength());
          json.writeNumberField("bodyLength", header.bodyLength());
          if (header.compression() != Compression.NONE) {
            json.writeNumberField("uncompressedLength", header.uncompressedLength());
          }
          json.writeNumberField("payloadLength", header.payloadLength());
          json.writeStringField("checksum", header.checksummed() ? "verified" : "absent");
        });
    return true;
  }
}
