package dev.crossgrade.spring;

import dev.crossgrade.router.ConfigError;
import dev.crossgrade.router.RolloutConfigException;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a rollout file that stopped the startup as its errors, each with file, line and fix. */
final class RolloutFileFailureAnalyzer extends AbstractFailureAnalyzer<RolloutConfigException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, RolloutConfigException cause) {
    return new FailureAnalysis(
        "The Crossgrade rollout file (crossgrade.rollout-file) was rejected:\n"
            + cause.errors().stream().map(ConfigError::toString).collect(Collectors.joining("\n")),
        "Fix each error as it says, and check the file with `crossgrade rollout validate FILE`"
            + " before the application starts.",
        cause);
  }
}
