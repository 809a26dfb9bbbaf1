package dev.crossgrade.router;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of validating a rollout config file: every error found, or the valid config.
 *
 * @param file the file name as given
 * @param errors every error, in file order; empty when valid
 * @param parsed the config when valid, otherwise null
 */
public record ValidationResult(
    String file, List<ConfigError> errors, @Nullable RolloutConfig parsed) {

  /** Checks that exactly one of errors and config is present. */
  public ValidationResult {
    errors = List.copyOf(errors);
    if (errors.isEmpty() == (parsed == null)) {
      throw new IllegalArgumentException("a result has either errors or a config");
    }
  }

  /** Whether the file is valid and may be applied. */
  public boolean valid() {
    return errors.isEmpty();
  }

  /** The valid config, if any. */
  public Optional<RolloutConfig> config() {
    return Optional.ofNullable(parsed);
  }

  /** Every error on its own line, for a terminal; empty when valid. */
  public String errorReport() {
    return errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
  }

  /**
   * A one-screen text: for a valid file, its runtimes, transport and each keyspace's phase, writer
   * and percentage; otherwise the error report.
   */
  public String summary() {
    return parsed == null ? errorReport() : parsed.summary();
  }
}
