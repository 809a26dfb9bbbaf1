package dev.crossgrade.cli;

import java.io.InputStream;
import java.io.OutputStream;
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
    subcommands = {
      InspectCommand.class,
      EncodeCommand.class,
      DecodeCommand.class,
      CanonCommand.class,
      RehearseCommand.class,
      MatrixCommand.class,
      RolloutCommand.class,
      TestsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Crossgrade implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final InputStream stdin;
  private final OutputStream stdout;

  private Crossgrade(InputStream stdin, OutputStream stdout) {
    this.stdin = stdin;
    this.stdout = stdout;
  }

  /** Runs the command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command with the given streams and returns its exit status. */
  public static int run(String[] args, InputStream in, OutputStream out, OutputStream err) {
    PrintWriter outWriter = new PrintWriter(out, false, StandardCharsets.UTF_8);
    PrintWriter errWriter = new PrintWriter(err, false, StandardCharsets.UTF_8);
    CommandLine commandLine = new CommandLine(new Crossgrade(in, out));
    commandLine.setOut(outWriter);
    commandLine.setErr(errWriter);
    int status = commandLine.execute(args);
    outWriter.flush();
    errWriter.flush();
    return status;
  }

  InputStream stdin() {
    return stdin;
  }

  /** Standard output as bytes, for commands that write binary payloads. */
  OutputStream stdout() {
    spec.commandLine().getOut().flush();
    return stdout;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
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
