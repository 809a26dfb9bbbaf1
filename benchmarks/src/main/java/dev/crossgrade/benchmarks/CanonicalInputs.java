package dev.crossgrade.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical JSON inputs: the RFC 8785 test inputs of the reference implementation ({@code
 * jcs/input}, Apache-2.0, see {@code jcs/LICENSE}) and a realistic order document of about 10 KiB
 * ({@code documents/order-10k.json}), as UTF-8 bytes from the class path.
 */
final class CanonicalInputs {
  /** The RFC 8785 test input names, without {@code .json}. */
  static final List<String> RFC8785 =
      List.of("arrays", "french", "structures", "unicode", "values", "weird");

  /** The realistic document's input name. */
  static final String DOCUMENT = "order-10k";

  private CanonicalInputs() {}

  /** The RFC 8785 test inputs, in {@link #RFC8785} order. */
  static List<byte[]> rfc8785Inputs() {
    List<byte[]> inputs = new ArrayList<>();
    for (String name : RFC8785) {
      inputs.add(resource("/jcs/input/" + name + ".json"));
    }
    return List.copyOf(inputs);
  }

  /** The expected canonical forms of the RFC 8785 test inputs, in {@link #RFC8785} order. */
  static List<byte[]> rfc8785Outputs() {
    List<byte[]> outputs = new ArrayList<>();
    for (String name : RFC8785) {
      outputs.add(resource("/jcs/output/" + name + ".json"));
    }
    return List.copyOf(outputs);
  }

  /** The realistic document. */
  static byte[] document() {
    return resource("/documents/" + DOCUMENT + ".json");
  }

  static byte[] resource(String path) {
    try (InputStream in = CanonicalInputs.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("resource " + path + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
  }
}
