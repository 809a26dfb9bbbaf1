package dev.crossgrade.cli;

import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.ValidationResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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
            + " fix it (exit 2), or a one-screen summary of the rollout (exit 0).",
        "With --manifest, each keyspace's writer must also be a format that its new runtime's"
            + " registries write, as the manifest lists them (keyspace-router/README.md)."
      })
  static final class Validate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The YAML config file.")
    Path file;

    @Option(
        names = "--manifest",
        paramLabel = "MANIFEST",
        description =
            "A registry manifest: per runtime and keyspace, the formats its registries write.")
    @Nullable Path manifest;

    @Override
    public Integer call() {
      ValidationResult result =
          manifest == null ? RolloutConfig.validate(file) : RolloutConfig.validate(file, manifest);
      if (result.valid()) {
        spec.commandLine().getOut().println(result.summary());
        return 0;
      }
      spec.commandLine().getErr().println(result.errorReport());
      return 2;
    }
  }
}
