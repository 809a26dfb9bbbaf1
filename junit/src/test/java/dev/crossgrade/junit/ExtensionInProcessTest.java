package dev.crossgrade.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The extension through the launcher in this JVM, on fixtures for the cases the sample project does
 * not have: a class whose {@code @BeforeAll} fails, and a parameterized test that passes for some
 * arguments only. The fixtures are nested classes, which Surefire does not run by themselves.
 */
class ExtensionInProcessTest {
  @TempDir Path dir;
  private final Map<String, String> saved = new HashMap<>();

  /** A class whose set-up fails before any test; runs only under this harness. */
  @EnabledIfSystemProperty(named = TestRuntime.PROPERTY, matches = "fixture")
  static class SetupFails {
    @BeforeAll
    static void connect() {
      throw new IllegalStateException("no such host");
    }

    @Test
    void one() {}
  }

  /** A parameterized test that fails for one argument of three; runs only under this harness. */
  @EnabledIfSystemProperty(named = TestRuntime.PROPERTY, matches = "fixture")
  static class PartlyPasses {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void small(int value) {
      assertThat(value).isLessThan(3);
    }

    @Test
    void passes() {}
  }

  @AfterEach
  void restoreProperties() {
    saved.forEach(
        (key, value) -> {
          if (value == null) {
            System.clearProperty(key);
          } else {
            System.setProperty(key, value);
          }
        });
  }

  @Test
  void aClassWhoseSetupFailsIsAllowedWhenNoneOfItsTestsMustPass() throws IOException {
    Map<String, TestExecutionResult.Status> include =
        run("include on runtime fixture\n  a.Other\n", SetupFails.class);
    assertThat(include)
        .containsEntry("ExtensionInProcessTest$SetupFails", TestExecutionResult.Status.ABORTED);
    Map<String, TestExecutionResult.Status> required =
        run(
            "include on runtime fixture\n  " + SetupFails.class.getName() + "#one\n",
            SetupFails.class);
    assertThat(required)
        .containsEntry("ExtensionInProcessTest$SetupFails", TestExecutionResult.Status.FAILED);
    Map<String, TestExecutionResult.Status> excluded =
        run("exclude on runtime fixture\n  " + SetupFails.class.getName() + "\n", SetupFails.class);
    assertThat(excluded)
        .containsEntry("ExtensionInProcessTest$SetupFails", TestExecutionResult.Status.ABORTED);
  }

  @Test
  void aParameterizedTestThatStillFailsForOneArgumentIsNoFlip() throws IOException {
    String list =
        "exclude on runtime fixture strict\n  " + PartlyPasses.class.getName() + "#small\n";
    Map<String, TestExecutionResult.Status> results = run(list, PartlyPasses.class);
    assertThat(results)
        .containsEntry("[1] 1", TestExecutionResult.Status.SUCCESSFUL)
        .containsEntry("[3] 3", TestExecutionResult.Status.ABORTED)
        .containsEntry(
            "ExtensionInProcessTest$PartlyPasses", TestExecutionResult.Status.SUCCESSFUL);
    Map<String, TestExecutionResult.Status> flipped =
        run(
            "exclude on runtime fixture strict\n  " + PartlyPasses.class.getName() + "#passes\n",
            PartlyPasses.class);
    assertThat(flipped)
        .containsEntry("ExtensionInProcessTest$PartlyPasses", TestExecutionResult.Status.FAILED);
  }

  @Test
  void autoDetectionSwitchedOffByTheUserStaysOffAndNoOutcomeChanges() throws IOException {
    set(RuntimeTestsSessionListener.AUTODETECT, "false");
    Map<String, TestExecutionResult.Status> results =
        run(
            "exclude on runtime fixture\n  " + PartlyPasses.class.getName() + "#small\n",
            PartlyPasses.class,
            "false");
    assertThat(results).containsEntry("[3] 3", TestExecutionResult.Status.FAILED);
  }

  private Map<String, TestExecutionResult.Status> run(String list, Class<?> fixture)
      throws IOException {
    return run(list, fixture, null);
  }

  /**
   * Runs {@code fixture} under {@code list} as runtime {@code fixture}; outcome by display name.
   * Afterwards auto-detection must be as it was ({@code autodetection}, null for unset).
   */
  private Map<String, TestExecutionResult.Status> run(
      String list, Class<?> fixture, @Nullable String autodetection) throws IOException {
    Path file =
        Files.writeString(Files.createTempFile(dir, "list", ".txt"), list, StandardCharsets.UTF_8);
    set(Policy.FILE_PROPERTY, file.toString());
    set(TestRuntime.PROPERTY, "fixture");
    Map<String, TestExecutionResult.Status> results = new HashMap<>();
    TestExecutionListener collect =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            results.put(id.getDisplayName(), result.getStatus());
          }
        };
    try (LauncherSession session = LauncherFactory.openSession()) {
      Launcher launcher = session.getLauncher();
      launcher.execute(
          LauncherDiscoveryRequestBuilder.request()
              .selectors(List.of(selectClass(fixture)))
              .build(),
          collect);
    }
    assertThat(System.getProperty(RuntimeTestsSessionListener.AUTODETECT))
        .as("put back when the session closed")
        .isEqualTo(autodetection);
    return results;
  }

  private void set(String key, String value) {
    saved.putIfAbsent(key, System.getProperty(key));
    System.setProperty(key, value);
  }
}
