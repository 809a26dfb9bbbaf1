package dev.crossgrade.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Shows a {@link CacheSetupException} that stopped the startup as what is wrong and the fix. */
final class SetupFailureAnalyzer extends AbstractFailureAnalyzer<CacheSetupException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, CacheSetupException cause) {
    return new FailureAnalysis(
        "Crossgrade cannot serve the application's caches as set up:\n" + cause.getMessage(),
        "Fix each problem as its message says (the text after 'fix:'), or set"
            + " crossgrade.enabled=false to start without Crossgrade.",
        cause);
  }
}
