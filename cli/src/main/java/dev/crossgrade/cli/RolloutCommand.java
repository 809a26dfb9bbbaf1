package dev.crossgrade.cli;

import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.ValidationResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code crossgrade rollout}: work with rollout configuration files. */
@Command(
    name = "rollout",
    mixinStandardHelpOptions = true,
    description = "Rollout configuration: validate a file before it goes live.",
    subcommands = {RolloutCommand.Validate.class})
final class RolloutCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code crossgrade rollout validate FILE}. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Validates a rollout config file: prints every error with file, line, field and how to"
            + " fix it (exit 2), or a one-screen summary of the rollout (exit 0)."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The YAML config file.")
    Path file;

    @Override
    public Integer call() {
      ValidationResult result = RolloutConfig.validate(file);
      if (result.valid()) {
        spec.commandLine().getOut().println(result.summary());
        return 0;
      }
      spec.commandLine().getErr().println(result.errorReport());
      return 2;
    }
  }
}
