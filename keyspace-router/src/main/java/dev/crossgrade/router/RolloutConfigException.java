package dev.crossgrade.router;

import dev.crossgrade.codec.CrossgradeException;
import java.util.List;
import java.util.stream.Collectors;

/** A rollout config that failed validation and was not applied; {@link #errors()} says why. */
public final class RolloutConfigException extends CrossgradeException {
  private static final long serialVersionUID = 1L;

  /** The errors; not serialized with the exception. */
  private final transient List<ConfigError> errors;

  /** Creates the exception for a non-empty list of errors. */
  public RolloutConfigException(List<ConfigError> errors) {
    super(describe(errors));
    this.errors = List.copyOf(errors);
  }

  /** Every error found, in file order. */
  public List<ConfigError> errors() {
    return errors;
  }

  private static String describe(List<ConfigError> errors) {
    return "rollout config rejected, "
        + errors.size()
        + (errors.size() == 1 ? " error:\n" : " errors:\n")
        + errors.stream().map(ConfigError::toString).collect(Collectors.joining("\n"));
  }
}
