package dev.crossgrade.cli;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code crossgrade encode}: one JSON value on stdin to a payload on stdout. */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = {
      "Reads one JSON value on standard input and writes it as a payload on standard output.",
      "Codecs with a generic value model: json, canonical-json, msgpack, msgpack-oldspec, kryo"
          + " (= kryo5), kryo4. Exit status 2 on bad input or an unknown codec."
    })
final class EncodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand Crossgrade parent;

  @Option(names = "--codec", required = true, paramLabel = "NAME", description = "Codec name.")
  String codecName;

  @Option(
      names = "--schema-version",
      paramLabel = "N",
      defaultValue = "1",
      description = "Schema version to write in the envelope (default ${DEFAULT-VALUE}).")
  int schemaVersion;

  @Option(names = "--raw", description = "Write the codec's body only, without the envelope.")
  boolean raw;

  @Override
  public Integer call() throws IOException {
    var err = spec.commandLine().getErr();
    Codec<Object> codec = Codecs.find(codecName, err);
    if (codec == null) {
      return 2;
    }
    Object value;
    try {
      value = GenericJson.parse(parent.stdin().readAllBytes());
    } catch (GenericJson.InvalidJsonException e) {
      err.println("crossgrade encode: " + e.getMessage());
      return 2;
    }
    if (value == null) {
      err.println("crossgrade encode: a cache value cannot be null");
      return 2;
    }
    byte[] bytes;
    try {
      if (raw) {
        PayloadBuffer buffer = new PayloadBuffer(256, Limits.defaults().maxPayloadSize());
        codec.encode(value, buffer, Limits.defaults());
        bytes = buffer.toByteArray();
      } else {
        bytes =
            CodecRegistry.newBuilder(Object.class)
                .currentSchemaVersion(schemaVersion)
                .writer(codec)
                .build()
                .encode(value);
      }
    } catch (PayloadException e) {
      err.println("crossgrade encode: " + e.kind().label() + ": " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("crossgrade encode: " + e.getMessage());
      return 2;
    }
    OutputStream out = parent.stdout();
    out.write(bytes);
    out.flush();
    return 0;
  }
}
