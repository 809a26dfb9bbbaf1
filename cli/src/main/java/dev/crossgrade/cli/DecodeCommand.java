package dev.crossgrade.cli;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.codec.UnknownCodecException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crossgrade decode FILE...}: each payload's value as one JSON line. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = {
      "Prints each payload's value as one JSON line, or an error line with the typed reason.",
      "Binary values print as {\"$base64\": ...}. Exit status 2 if any file failed."
    })
final class DecodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--codec",
      paramLabel = "NAME",
      description = "Codec of raw bodies (with --raw); payloads name their own codec.")
  String codecName;

  @Option(names = "--raw", description = "The files are codec bodies without an envelope.")
  boolean raw;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Payload files.")
  List<Path> files;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    Codec<Object> rawCodec = null;
    if (raw) {
      if (codecName == null) {
        err.println("crossgrade decode: --raw needs --codec NAME");
        return 2;
      }
      rawCodec = Codecs.find(codecName, err);
      if (rawCodec == null) {
        return 2;
      }
    }
    boolean allDecoded = true;
    for (Path file : files) {
      allDecoded &= decode(file, rawCodec);
    }
    return allDecoded ? 0 : 2;
  }

  private boolean decode(Path file, Codec<Object> rawCodec) {
    var out = spec.commandLine().getOut();
    byte[] bytes = JsonLines.readOrPrintError(out, file);
    if (bytes == null) {
      return false;
    }
    try {
      Object value;
      String codec;
      int schemaVersion;
      if (rawCodec != null) {
        value = rawCodec.decode(bytes, 0, bytes.length, Limits.defaults());
        codec = rawCodec.descriptor().name();
        schemaVersion = -1;
      } else {
        PayloadHeader header = PayloadHeader.read(bytes);
        Optional<Codec<Object>> found = Codecs.byId(header.codecId());
        if (found.isEmpty()) {
          throw new UnknownCodecException(
              "no codec with a generic value model for this id on the class path",
              header.codecId(),
              header.schemaVersion(),
              null);
        }
        // The envelope first (size, header, checksum, compression), with a codec that takes any
        // body: what fails there is corrupt; what fails after it is a body the generic model
        // cannot hold.
        CodecRegistry.newBuilder(Object.class)
            .currentSchemaVersion(header.schemaVersion())
            .writer(new AnyBody(found.get().descriptor()))
            .build()
            .decode(bytes);
        try {
          value =
              CodecRegistry.newBuilder(Object.class)
                  .currentSchemaVersion(header.schemaVersion())
                  .writer(found.get())
                  .build()
                  .decode(bytes);
        } catch (CorruptPayloadException e) {
          JsonLines.printError(
              out,
              file.toString(),
              "not-generic",
              """
              the envelope is sound, but the generic %s value model cannot read this body, which \
              holds application classes (a Kryo body of registered classes, a Thrift struct, \
              ...): decode it with the application's own CodecRegistry; the codec said: %s"""
                  .formatted(found.get().descriptor().name(), e.getMessage()));
          return false;
        }
        codec = found.get().descriptor().name();
        schemaVersion = header.schemaVersion();
      }
      Object decoded = value;
      JsonLines.print(
          out,
          json -> {
            json.writeStringField("file", file.toString());
            json.writeStringField("codec", codec);
            if (schemaVersion >= 0) {
              json.writeNumberField("schemaVersion", schemaVersion);
            }
            json.writeFieldName("value");
            GenericJson.write(json, decoded);
          });
      return true;
    } catch (PayloadException e) {
      JsonLines.printError(out, file.toString(), e.kind().label(), e.getMessage());
      return false;
    }
  }

  /** Takes any body as it is: lets the registry check the envelope alone. */
  private record AnyBody(CodecDescriptor descriptor) implements Codec<Object> {
    @Override
    public Class<Object> valueType() {
      return Object.class;
    }

    @Override
    public void encode(Object value, dev.crossgrade.codec.PayloadBuffer out, Limits limits) {
      throw new UnsupportedOperationException("reads only");
    }

    @Override
    public Object decode(byte[] bytes, int offset, int length, Limits limits) {
      return length;
    }
  }
}
