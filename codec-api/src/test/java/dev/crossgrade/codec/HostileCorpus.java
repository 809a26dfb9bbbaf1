package dev.crossgrade.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A committed corpus of hostile inputs: one file per input under {@code
 * src/test/resources/hostile/<dir>/}, named {@code <kind>__<what it is>.bin}, where {@code <kind>}
 * is the {@link PayloadException.Kind#label()} the decoder must fail with (for example {@code
 * limit-exceeded__array32-claims-2^31-1-elements.bin}). Each input is decoded with the thread's
 * allocated bytes measured ({@link com.sun.management.ThreadMXBean}), which must stay under {@link
 * #allocationBound(int) max(4 x input size, 64 KiB)}.
 *
 * <p>A module defines its inputs in code and writes the missing files with {@code
 * -Dcrossgrade.writeHostileCorpus=true}; the check reads the directory, so inputs added by hand
 * (such as fuzzing findings) are checked as well.
 */
public final class HostileCorpus {
  /** The system property that makes {@link #writeOrVerify} write missing files. */
  public static final String WRITE_PROPERTY = "crossgrade.writeHostileCorpus";

  /** Inputs larger than this are not committed (the contract tests build them in code). */
  public static final int MAX_COMMITTED_SIZE = 256 * 1024;

  private static final Path ROOT = Path.of("src", "test", "resources", "hostile");

  private HostileCorpus() {}

  /** Decodes one input; its failure is what is checked. */
  @FunctionalInterface
  public interface Decoder {
    /** Decodes {@code input}, failing with a {@link PayloadException}. */
    Object decode(byte[] input);
  }

  /**
   * One committed input.
   *
   * @param file the file
   * @param expected the kind of failure it must cause
   * @param bytes its content
   */
  public record Input(Path file, PayloadException.Kind expected, byte[] bytes) {
    /** The file name without the kind and the extension. */
    public String name() {
      String fileName = file.getFileName().toString();
      return fileName.substring(fileName.indexOf("__") + 2, fileName.length() - 4);
    }
  }

  /** What one decode cost. */
  public record Measurement(Input input, long allocatedBytes, long bound, String reason) {}

  /** The most bytes one decode of a hostile input of {@code inputSize} bytes may allocate. */
  public static long allocationBound(int inputSize) {
    return Math.max(4L * inputSize, 64 * 1024);
  }

  /** The file name for an input expected to fail with {@code kind}. */
  public static String fileName(PayloadException.Kind kind, String what) {
    String slug =
        what.toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9^.+-]+", "-")
            .replaceAll("-+", "-")
            .replaceAll("^-|-$", "");
    return kind.label() + "__" + slug + ".bin";
  }

  /**
   * Checks that every defined input is committed under {@code hostile/<dir>/} with the same bytes;
   * with {@code -Dcrossgrade.writeHostileCorpus=true} it writes the missing ones instead. Inputs
   * over {@link #MAX_COMMITTED_SIZE} are skipped.
   *
   * @param inputs file name (see {@link #fileName}) to content
   */
  public static void writeOrVerify(String dir, Map<String, byte[]> inputs) {
    Path folder = ROOT.resolve(dir);
    boolean write = Boolean.getBoolean(WRITE_PROPERTY);
    try {
      for (Map.Entry<String, byte[]> entry : inputs.entrySet()) {
        if (entry.getValue().length > MAX_COMMITTED_SIZE) {
          continue;
        }
        Path file = folder.resolve(entry.getKey());
        if (!Files.exists(file)) {
          if (write) {
            Files.createDirectories(folder);
            Files.write(file, entry.getValue());
            continue;
          }
          fail(
              "hostile input "
                  + file
                  + " is defined but not committed; write it with -D"
                  + WRITE_PROPERTY
                  + "=true and commit it");
        }
        assertThat(Files.readAllBytes(file)).as("content of %s", file).isEqualTo(entry.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Seeds longer than this are not written into fuzz seed corpora. */
  public static final int MAX_SEED_SIZE = 4096;

  /** The system property that makes {@link #writeFuzzSeeds} write. */
  public static final String WRITE_SEEDS_PROPERTY = "crossgrade.writeFuzzSeeds";

  /**
   * With {@code -Dcrossgrade.writeFuzzSeeds=true}, writes {@code seeds} (name to bytes) and every
   * committed input of {@code hostile/<dir>/} up to {@link #MAX_SEED_SIZE} bytes as the seed corpus
   * of the Jazzer fuzz test {@code target.method}, under {@code
   * src/test/resources/<package>/<Class>Inputs/<method>/}, which the normal test run replays; does
   * nothing otherwise.
   */
  public static void writeFuzzSeeds(
      Class<?> target, String method, Map<String, byte[]> seeds, String... dirs) {
    if (!Boolean.getBoolean(WRITE_SEEDS_PROPERTY)) {
      return;
    }
    Path folder =
        Path.of("src", "test", "resources")
            .resolve(target.getPackageName().replace('.', '/'))
            .resolve(target.getSimpleName() + "Inputs")
            .resolve(method);
    try {
      Files.createDirectories(folder);
      for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
        if (seed.getValue().length > MAX_SEED_SIZE) {
          continue;
        }
        Files.write(folder.resolve("seed-" + seed.getKey()), seed.getValue());
      }
      for (String dir : dirs) {
        for (Input input : read(dir)) {
          if (input.bytes().length > MAX_SEED_SIZE) {
            continue; // a long seed makes libFuzzer try long inputs everywhere, and slowly
          }
          String name = input.file().getFileName().toString();
          Files.write(
              folder.resolve("hostile-" + name.substring(0, name.length() - 4)), input.bytes());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bodies of the committed golden payloads under {@code src/test/resources/golden/<codec>/},
   * envelope removed, by file name; for fuzz seeds.
   */
  public static Map<String, byte[]> goldenBodies(String codecName) {
    Map<String, byte[]> bodies = new java.util.TreeMap<>();
    Path folder = Path.of("src", "test", "resources", "golden", codecName);
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        byte[] payload = Files.readAllBytes(file);
        PayloadHeader header = PayloadHeader.read(payload);
        if (header.compression() != Compression.NONE) {
          continue;
        }
        String name = file.getFileName().toString().replace(".payload", "");
        bodies.put(
            "golden-" + name,
            Arrays.copyOfRange(
                payload, header.headerLength(), header.headerLength() + header.bodyLength()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bodies;
  }

  /** Every committed input under {@code hostile/<dir>/}, sorted by name. */
  public static List<Input> read(String dir) {
    Path folder = ROOT.resolve(dir);
    List<Input> inputs = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.equals("README.md")) {
          continue;
        }
        assertThat(name).as("hostile input name").matches("[a-z-]+__[^/]+\\.bin");
        String label = name.substring(0, name.indexOf("__"));
        PayloadException.Kind kind =
            Arrays.stream(PayloadException.Kind.values())
                .filter(k -> k.label().equals(label))
                .findFirst()
                .orElseThrow(
                    () -> new AssertionError(file + ": '" + label + "' is not a PayloadException"));
        inputs.add(new Input(file, kind, Files.readAllBytes(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(inputs).as("hostile inputs in %s", folder).isNotEmpty();
    return inputs;
  }

  /**
   * Decodes every input of {@code hostile/<dir>/} twice on this thread (the first decode warms up
   * class loading and per-thread caches, which are not the input's doing), and asserts that the
   * second fails with the expected kind while allocating at most {@link #allocationBound}.
   *
   * @return the measurements, one per input
   */
  public static List<Measurement> check(String dir, Decoder decoder) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    List<Measurement> measurements = new ArrayList<>();
    for (Input input : read(dir)) {
      failure(input, decoder);
      long before = threads.getCurrentThreadAllocatedBytes();
      PayloadException failure = failure(input, decoder);
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertThat(failure.kind())
          .as("%s failed with %s", input.file(), failure)
          .isEqualTo(input.expected());
      assertThat(failure.getMessage()).isNotBlank();
      long bound = allocationBound(input.bytes().length);
      assertThat(allocated)
          .as("bytes allocated decoding %s (%d bytes)", input.file(), input.bytes().length)
          .isLessThanOrEqualTo(bound);
      measurements.add(new Measurement(input, allocated, bound, failure.reason()));
      System.out.printf(
          Locale.ROOT,
          "HOSTILE-FIGURE %s %s size=%d allocated=%d bound=%d kind=%s%n",
          dir,
          input.name(),
          input.bytes().length,
          allocated,
          bound,
          failure.kind().label());
    }
    return measurements;
  }

  private static PayloadException failure(Input input, Decoder decoder) {
    try {
      Object value = decoder.decode(input.bytes());
      throw new AssertionError(input.file() + " decoded as " + value + "; expected a failure");
    } catch (PayloadException expected) {
      return expected;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError(input.file() + " threw " + e + ", not a PayloadException", e);
    }
  }
}
