package dev.crossgrade.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code crossgrade} command. */
@Command(
    name = "crossgrade",
    mixinStandardHelpOptions = true,
    versionProvider = Crossgrade.Version.class,
    description = {
      "Run two runtime versions side by side over one shared cache without serving an unreadable"
          + " or wrong value.",
      ""
    },
    subcommands = {InspectCommand.class, CommandLine.HelpCommand.class})
public final class Crossgrade implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, stdout(), stderr()));
  }

  /** Runs the command with the given output streams and returns its exit status. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new Crossgrade());
    commandLine.setOut(out);
    commandLine.setErr(err);
    int status = commandLine.execute(args);
    out.flush();
    err.flush();
    return status;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static PrintWriter stdout() {
    return new PrintWriter(System.out, false, StandardCharsets.UTF_8);
  }

  private static PrintWriter stderr() {
    return new PrintWriter(System.err, false, StandardCharsets.UTF_8);
  }

  /** Prints the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Crossgrade.class.getPackage().getImplementationVersion();
      return new String[] {
        "crossgrade " + (version == null ? "(development build)" : version),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
