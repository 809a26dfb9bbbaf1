package dev.crossgrade.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdkHomesTest {
  @Test
  void thisJvmIsFound_byItsFeatureVersion() {
    assertThat(JdkHomes.discover()).containsEntry(Runtime.version().feature(), JdkHomes.current());
  }

  @Test
  void aHomeCountsWithAReleaseFileAndAnExecutableJava_thisJvmWinsItsVersion(@TempDir Path jvms)
      throws IOException {
    home(jvms.resolve("a-jdk-11"), "JAVA_VERSION=\"11.0.2\"\n", true);
    home(jvms.resolve("b-jdk-11"), "JAVA_VERSION=\"11.0.9\"\n", true);
    home(jvms.resolve("no-java-21"), "JAVA_VERSION=\"21\"\n", false);
    home(jvms.resolve("garbled"), "IMPLEMENTOR=\"x\"\n", true);
    int mine = Runtime.version().feature();
    home(jvms.resolve("another-" + mine), "JAVA_VERSION=\"" + mine + "\"\n", true);

    assertThat(JdkHomes.discover(jvms))
        .containsEntry(11, jvms.resolve("a-jdk-11"))
        .containsEntry(mine, JdkHomes.current())
        .doesNotContainKey(21)
        .hasSize(2);
  }

  @Test
  void aMissingDirectoryFindsOnlyThisJvm(@TempDir Path dir) {
    assertThat(JdkHomes.discover(dir.resolve("absent")))
        .containsExactlyEntriesOf(
            java.util.Map.of(Runtime.version().feature(), JdkHomes.current()));
  }

  private static void home(Path home, String release, boolean java) throws IOException {
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), release, StandardCharsets.UTF_8);
    if (java) {
      Path bin = home.resolve("bin/java");
      Files.writeString(bin, "#!/bin/sh\n", StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
