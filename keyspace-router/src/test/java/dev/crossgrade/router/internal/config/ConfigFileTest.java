package dev.crossgrade.router.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.crossgrade.router.ConfigError;
import dev.crossgrade.router.internal.config.ConfigFile.Kind;
import dev.crossgrade.router.internal.config.ConfigFile.Observation;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a config file on a real file system: only a regular file, never more than the limit. */
public class ConfigFileTest {
  private static final long MIB = 1 << 20;

  @TempDir Path dir;

  public static void mkfifo(Path path) throws IOException, InterruptedException {
    Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
    assertThat(process.waitFor()).as("mkfifo %s", path).isZero();
  }

  private static String problem(Observation read) {
    assertThat(read.kind()).isEqualTo(Kind.PROBLEM);
    ConfigError error = Objects.requireNonNull(read.problem());
    assertThat(error.field()).isEqualTo("(file)");
    assertThat(error.fix()).isNotBlank();
    return error.message();
  }

  @Test
  void aRegularFileAndASymbolicLinkToOneAreRead() throws IOException {
    Path file = Files.writeString(dir.resolve("rollout.yaml"), "version: 1\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), file);
    for (Path path : new Path[] {file, link}) {
      Observation read = ConfigFile.read(path, MIB);
      assertThat(read.kind()).isEqualTo(Kind.READ);
      assertThat(new String(read.content(), StandardCharsets.UTF_8)).isEqualTo("version: 1\n");
      assertThat(read.modified()).isEqualTo(Files.getLastModifiedTime(file).toInstant());
    }
  }

  @Test
  void symbolicLinksToDevZeroAndDevUrandomAreRefusedWithoutBeingRead() throws IOException {
    for (String device : new String[] {"/dev/zero", "/dev/urandom"}) {
      Path link =
          Files.createSymbolicLink(dir.resolve("to" + device.replace('/', '-')), Path.of(device));
      assertThat(problem(ConfigFile.read(link, MIB)))
          .contains("a symbolic link to " + device + ", a character device")
          .contains("not a regular file");
    }
  }

  @Test
  void aFifoIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = dir.resolve("rollout.yaml");
    mkfifo(fifo);
    // Opening a FIFO that no one writes blocks forever; the check must not open it.
    String message =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10), () -> problem(ConfigFile.read(fifo, MIB)));
    assertThat(message).contains("a FIFO (named pipe)");
  }

  @Test
  void aDirectoryIsRefused() {
    assertThat(problem(ConfigFile.read(dir, MIB))).contains("it is a directory");
  }

  @Test
  void aFileOverTheLimitIsRefusedBeforeItIsOpened() throws IOException {
    Path big = dir.resolve("big.yaml");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(10 * MIB);
    }
    assertThat(problem(ConfigFile.read(big, MIB)))
        .contains("the file is 10 MiB, over the limit of 1 MiB")
        .contains("it is not read");
    assertThat(Objects.requireNonNull(ConfigFile.read(big, MIB).problem()).fix())
        .contains("Rollout.Builder.maxFileSize");
  }

  @Test
  void aFileThatSaysItIsEmptyButIsNotIsStillReadOnlyUpToTheLimit() {
    // Files under /proc report size 0 and have content.
    Path status = Path.of("/proc/self/status");
    Observation whole = ConfigFile.read(status, MIB);
    assertThat(whole.kind()).isEqualTo(Kind.READ);
    assertThat(new String(whole.content(), StandardCharsets.US_ASCII)).contains("Name:");
    assertThat(problem(ConfigFile.read(status, 100))).contains("over the limit of 100 bytes");
  }

  @Test
  void aMissingFileIsAProblemThatSaysSo() {
    assertThat(problem(ConfigFile.read(dir.resolve("nope.yaml"), MIB))).contains("does not exist");
  }

  @Test
  void sizesAreShownForPeople() {
    assertThat(ConfigFile.bytes(1)).isEqualTo("1 byte");
    assertThat(ConfigFile.bytes(1023)).isEqualTo("1023 bytes");
    assertThat(ConfigFile.bytes(MIB)).isEqualTo("1 MiB");
    assertThat(ConfigFile.bytes(MIB + MIB / 2)).isEqualTo("1.5 MiB");
  }
}
