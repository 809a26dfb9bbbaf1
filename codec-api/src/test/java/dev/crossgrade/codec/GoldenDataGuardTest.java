package dev.crossgrade.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails when a codec is added without golden payloads: every assigned codec id, and every module
 * under {@code codecs/}, needs committed golden data that the current code reads back.
 */
class GoldenDataGuardTest {

  private static Path repositoryRoot() {
    String fromBuild = System.getenv("CROSSGRADE_REPO_ROOT");
    Path root = fromBuild == null ? Path.of("..") : Path.of(fromBuild);
    assertThat(root.resolve("codecs")).as("the codecs folder beside codec-api").isDirectory();
    return root;
  }

  private static List<Path> goldenDirectories(Path codecs) throws IOException {
    List<Path> directories = new ArrayList<>();
    try (Stream<Path> modules = Files.list(codecs)) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path golden = module.resolve("src/test/resources/golden");
        if (Files.isDirectory(golden)) {
          try (Stream<Path> children = Files.list(golden)) {
            children.filter(Files::isDirectory).forEach(directories::add);
          }
        }
      }
    }
    return directories;
  }

  @Test
  void everyAssignedCodecHasCommittedGoldenPayloads() throws IOException {
    List<Path> directories = goldenDirectories(repositoryRoot().resolve("codecs"));
    for (CodecDescriptor codec : WellKnownCodecs.all()) {
      Path golden =
          directories.stream()
              .filter(d -> d.getFileName().toString().equals(codec.name()))
              .findFirst()
              .orElse(null);
      assertThat(golden)
          .as("codecs/*/src/test/resources/golden/%s for %s", codec.name(), codec)
          .isNotNull();
      try (Stream<Path> files = Files.list(golden)) {
        assertThat(files.filter(Files::isRegularFile).count())
            .as("golden payloads of %s", codec.name())
            .isPositive();
      }
    }
  }

  @Test
  void everyCodecModuleHasGoldenData() throws IOException {
    Path codecs = repositoryRoot().resolve("codecs");
    try (Stream<Path> modules = Files.list(codecs)) {
      for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
        assertThat(module.resolve("src/test/resources/golden"))
            .as("golden data of codec module %s", module.getFileName())
            .isDirectoryContaining(Files::isDirectory);
      }
    }
  }
}
