package dev.crossgrade.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForkedJvmTest {
  /** A worker that echoes a line, writes 100,000 lines to standard error, and waits for input. */
  public static final class Echo {
    private Echo() {}

    public static void main(String[] args) throws IOException {
      System.out.println("up " + System.getenv("FORKED_JVM_TEST"));
      System.out.flush();
      for (int i = 1; i <= 100_000; i++) {
        System.err.println("line " + i);
      }
      System.err.flush();
      System.in.read();
    }
  }

  @Test
  void startsTheMainClass_readsTheLogFromItsEnd_andKillsAWorkerThatDoesNotQuit() throws Exception {
    ForkedJvm jvm =
        ForkedJvm.start(
            JdkHomes.current(),
            List.of("-Xmx32m"),
            System.getProperty("java.class.path"),
            Echo.class.getName(),
            env -> env.put("FORKED_JVM_TEST", "yes"),
            "forked-jvm-test-");
    try {
      byte[] line = new byte[6];
      int read = 0;
      while (read < line.length) {
        read += jvm.output().read(line, read, line.length - read);
      }
      assertThat(new String(line, StandardCharsets.US_ASCII)).isEqualTo("up yes");
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (!jvm.logTail(1).equals("line 100000") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(jvm.logTail(3)).isEqualTo("line 99998\nline 99999\nline 100000");
      assertThat(jvm.isAlive()).isTrue();
    } finally {
      jvm.close(Duration.ofMillis(200));
    }
    assertThat(jvm.isAlive()).isFalse();
    assertThat(jvm.logTail(1)).startsWith("(no log");
  }
}
