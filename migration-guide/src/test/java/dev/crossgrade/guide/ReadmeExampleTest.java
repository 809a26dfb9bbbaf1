package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.DecodeOutcome;
import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.codec.jackson.JsonCodec;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example in the top-level README: it compiles and runs here, and the README shows it. */
class ReadmeExampleTest {
  record UserV1(String name) {}

  record User(String name, String email) {}

  @Test
  void theReadmeExampleRunsAndReadsBothSchemaVersions() {
    byte[] fromOldRuntime =
        CodecRegistry.newBuilder(UserV1.class)
            .writer(JsonCodec.newBuilder(UserV1.class).build())
            .build()
            .encode(new UserV1("Grace"));
    // tag::readme[]
    CodecRegistry<User> users =
        CodecRegistry.newBuilder(User.class)
            .currentSchemaVersion(2)
            .reader(1, JsonCodec.newBuilder(UserV1.class).build()) // what the old runtime wrote
            .upcaster(1, UserV1.class, User.class, old -> new User(old.name(), "unknown"))
            .writer(JsonCodec.newBuilder(User.class).canonical().build()) // what this one writes
            .checksum(true)
            .build();
    byte[] payload = users.encode(new User("Ada", "ada@example.com")); // codec id, v2, CRC32C
    DecodeOutcome<User> read = users.tryDecode(fromOldRuntime); // a value, or a miss with a reason
    // end::readme[]
    assertThat(read.toOptional()).contains(new User("Grace", "unknown"));
    assertThat(PayloadHeader.read(payload).schemaVersion()).isEqualTo(2);
    assertThat(PayloadHeader.read(payload).checksummed()).isTrue();
    assertThat(users.decode(payload)).isEqualTo(new User("Ada", "ada@example.com"));
  }

  @Test
  void theReadmesShowExactlyTheirExamples() {
    // This one's, keyspace-router's (RouterReadmeExampleTest) and the Maven plugin's (its
    // integration tests' sample pom).
    for (String name :
        List.of("../README.md", "../keyspace-router/README.md", "../maven-plugin/README.md")) {
      Path readme = GuidePages.MODULE.resolve(name).normalize();
      assertThat(GuidePages.blocks(readme)).anyMatch(block -> block.source() != null);
      assertThat(GuidePages.drifted(readme))
          .as("blocks of %s that differ from the source region they name", readme)
          .isEmpty();
    }
  }
}
