package dev.crossgrade.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each spelling of the {@code baseline} parameter means, for com.acme:shop:1.1.0-SNAPSHOT. */
class BaselineSpecTest {
  @TempDir Path basedir;

  private BaselineSpec parse(String text) {
    return BaselineSpec.parse(text, basedir, "com.acme", "shop", "1.1.0-SNAPSHOT");
  }

  @ParameterizedTest(name = "''{0}'' is {1}:{2}:{3}, below {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "-, com.acme, shop, -, 1.1.0-SNAPSHOT",
        "'  ', com.acme, shop, -, 1.1.0-SNAPSHOT",
        "1.0.0, com.acme, shop, 1.0.0, -",
        "' 1.0.0 ', com.acme, shop, 1.0.0, -",
        "com.acme:shop, com.acme, shop, -, 1.1.0-SNAPSHOT",
        "com.acme:old-shop, com.acme, old-shop, -, -",
        "org.other:shop, org.other, shop, -, -",
        "com.acme:old-shop:2.3, com.acme, old-shop, 2.3, -",
      })
  void coordinates(String text, String groupId, String artifactId, String version, String below) {
    assertThat(parse(text))
        .isEqualTo(new BaselineSpec.Coordinates(groupId, artifactId, version, below));
  }

  @ParameterizedTest
  @CsvSource({"shop-1.0.0.jar", "lib/shop.zip", "../releases/shop", "C:\\releases\\shop.jar"})
  void pathsAreJarsRelativeToTheProject(String text) {
    assertThat(parse(text)).isEqualTo(new BaselineSpec.Jar(basedir.resolve(text).normalize()));
  }

  @Test
  void anExistingFolderWithoutSeparatorIsAPath() throws IOException {
    Files.createDirectories(basedir.resolve("baseline-classes"));
    assertThat(parse("baseline-classes"))
        .isEqualTo(new BaselineSpec.Jar(basedir.resolve("baseline-classes")));
  }

  @ParameterizedTest
  @CsvSource({"com.acme:", ":shop:1.0", "a:b:c:d", "com.acme::1.0"})
  void anythingElseIsABadArgumentWithTheSpellings(String text) {
    assertThatThrownBy(() -> parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "' is neither a jar nor coordinates")
        .hasMessageContaining("groupId:artifactId:version");
  }
}
