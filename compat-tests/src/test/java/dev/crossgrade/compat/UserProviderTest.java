package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's real path with a {@link CachedTypesProvider} in each build: the old build writes a
 * record in JSON at schema v1; the new one reads that through its v1 reader and an upcaster into a
 * v2 class it writes with Kryo, or, during the rollout, writes v1 JSON through a downcaster.
 */
class UserProviderTest {
  static final int TRIES = 300;
  static final String SERVICE = "META-INF/services/" + CachedTypesProvider.class.getName();

  static final String USER_V1 =
      "package com.acme;\npublic record User(String name, String email, int visits) {}\n";

  static final String OLD_PROVIDER =
      "package com.acme;\n"
          + "import dev.crossgrade.codec.CodecRegistry;\n"
          + "import dev.crossgrade.codec.jackson.JsonCodec;\n"
          + "import dev.crossgrade.compat.*;\n"
          + "import java.util.List;\n"
          + "public class Types implements CachedTypesProvider {\n"
          + "  public List<CachedType<?>> cachedTypes() {\n"
          + "    CodecRegistry<User> users = CodecRegistry.newBuilder(User.class)\n"
          + "        .writer(JsonCodec.newBuilder(User.class).build()).build();\n"
          + "    return List.of(CachedType.newBuilder(users).name(\"user\").build());\n"
          + "  }\n"
          + "}\n";

  static final String USER_V2 =
      "package com.acme;\n"
          + "public class User {\n"
          + "  public String name;\n"
          + "  public String email;\n"
          + "  public int visits;\n"
          + "  public User() {}\n"
          + "}\n";

  static final String USER_V1_IN_NEW =
      "package com.acme;\npublic record UserV1(String name, String email, int visits) {}\n";

  /** The new build's provider; {@code writer} is the registry's writer call. */
  static String newProvider(String writer) {
    return "package com.acme;\n"
        + "import dev.crossgrade.codec.CodecRegistry;\n"
        + "import dev.crossgrade.codec.jackson.JsonCodec;\n"
        + "import dev.crossgrade.codec.kryo.Kryo5Codec;\n"
        + "import dev.crossgrade.compat.*;\n"
        + "import java.util.List;\n"
        + "public class Types implements CachedTypesProvider {\n"
        + "  static User up(UserV1 v1) {\n"
        + "    User u = new User(); u.name = v1.name(); u.email = v1.email(); u.visits = v1.visits();\n"
        + "    return u;\n"
        + "  }\n"
        + "  public List<CachedType<?>> cachedTypes() {\n"
        + "    var kryo = Kryo5Codec.newBuilder(User.class).register(User.class, 100).build();\n"
        + "    CodecRegistry<User> users = CodecRegistry.newBuilder(User.class)\n"
        + "        .currentSchemaVersion(2)\n"
        + "        .reader(1, JsonCodec.newBuilder(UserV1.class).build())\n"
        + "        .upcaster(1, UserV1.class, User.class, Types::up)\n"
        + "        .reader(2, kryo)\n"
        + "        ."
        + writer
        + "\n"
        + "        .build();\n"
        + "    return List.of(CachedType.newBuilder(users).name(\"user\").build());\n"
        + "  }\n"
        + "}\n";
  }

  @TempDir static Path dir;
  static Path oldJar;

  @BeforeAll
  static void theOldBuild() throws IOException {
    oldJar =
        SampleApp.build(
            dir,
            "shop-1",
            Map.of("com.acme.User", USER_V1, "com.acme.Types", OLD_PROVIDER),
            Map.of(SERVICE, "com.acme.Types\n"));
  }

  static Path newBuild(String name, String writer) throws IOException {
    return SampleApp.build(
        dir,
        name,
        Map.of(
            "com.acme.User",
            USER_V2,
            "com.acme.UserV1",
            USER_V1_IN_NEW,
            "com.acme.Types",
            newProvider(writer)),
        Map.of(SERVICE, "com.acme.Types\n"));
  }

  static MatrixReport check(Path newJar) {
    return UserJarMatrix.newBuilder().oldJar(oldJar).newJar(newJar).tries(TRIES).build().run();
  }

  @Test
  void jsonV1ReadThroughTheUpcasterIntoKryoV2_andTheOldBuildCannotReadKryo() throws IOException {
    MatrixReport report = check(newBuild("shop-2-kryo", "writer(kryo)"));
    assertThat(report.runtimes()).anyMatch(line -> line.contains("CachedTypesProvider"));
    List<CellResult> cells = report.cells();
    assertThat(cells).hasSize(2);
    CellResult forward = cells.get(0);
    assertThat(forward.writer()).isEqualTo("old shop-1.jar v1");
    assertThat(forward.codec()).isEqualTo("json");
    assertThat(forward.verdict()).isEqualTo(Verdict.PASS);
    assertThat(forward.tries()).isEqualTo(TRIES);
    CellResult backward = cells.get(1);
    assertThat(backward.codec()).isEqualTo("kryo5");
    assertThat(backward.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(backward.explanation())
        .contains("old shop-1.jar cannot read it: UnknownCodecException")
        .contains("kryo5");
  }

  @Test
  void aDowncasterThatKeepsEveryFieldPassesEveryCell() throws IOException {
    MatrixReport report =
        check(
            newBuild(
                "shop-2-downcast",
                "writer(1, JsonCodec.newBuilder(UserV1.class).build(),"
                    + " u -> new UserV1(u.name, u.email, u.visits))"));
    assertThat(report.cells()).hasSize(3);
    report.assertNoFailures();
    assertThat(report.cells().get(2).writer())
        .isEqualTo("new shop-2-downcast.jar v2 downcast to v1");
  }

  @Test
  void aPlantedLossyDowncasterIsReported() throws IOException {
    MatrixReport report =
        check(
            newBuild(
                "shop-2-lossy",
                "writer(1, JsonCodec.newBuilder(UserV1.class).build(),"
                    + " u -> new UserV1(u.name, null, u.visits))"));
    assertThat(report.cells()).hasSize(3);
    CellResult downcast = report.cells().get(2);
    assertThat(downcast.codec()).isEqualTo("json (downcast path)");
    assertThat(downcast.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(downcast.explanation()).contains("$.email read back as null, expected");
    assertThat(downcast.counterexample()).startsWith("User{name=").contains("email=\"");
    assertThat(report.cells().get(0).verdict()).isEqualTo(Verdict.PASS);
  }
}
