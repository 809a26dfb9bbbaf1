package dev.crossgrade.maven;

import dev.crossgrade.compat.CellResult;
import dev.crossgrade.compat.CheckMode;
import dev.crossgrade.compat.Compatibility;
import dev.crossgrade.compat.MatrixReport;
import dev.crossgrade.compat.UserCodec;
import dev.crossgrade.compat.UserJarMatrix;
import dev.crossgrade.compat.Verdict;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;
import javax.inject.Inject;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.jspecify.annotations.Nullable;

/**
 * Checks that this build and a baseline (by default the newest release below this version) can
 * share a cache: every cached type is written by one and read by the other, in the directions
 * {@code mode} asks, and compared by meaning. Prints a summary, writes {@code report.json}, {@code
 * report.html} and a JUnit XML report to {@code target/crossgrade}, and fails the build on a FAIL
 * cell with its shrunk counterexample.
 */
@Mojo(
    name = "check",
    defaultPhase = LifecyclePhase.VERIFY,
    requiresDependencyResolution = ResolutionScope.RUNTIME)
public final class CheckMojo extends AbstractMojo {
  private static final String SERVICE =
      "META-INF/services/dev.crossgrade.compat.CachedTypesProvider";

  /**
   * The build to compare with: empty for the newest release of this artifact below this version
   * (SNAPSHOTs skipped); a version ({@code 1.4.0}); {@code groupId:artifactId} (its newest release)
   * or {@code groupId:artifactId:version}, resolved from the project's repositories with its
   * runtime dependencies; or the path of a jar or classes folder, which runs with this build's
   * dependencies.
   */
  @Parameter(property = "crossgrade.baseline")
  @Nullable String baseline;

  /**
   * Which directions to check, by Confluent's names: {@code BACKWARD} (the new build reads what the
   * old one wrote), {@code FORWARD} (the old build reads what the new one writes) or {@code FULL}
   * (both, for two builds live on one cache).
   */
  @Parameter(property = "crossgrade.mode", defaultValue = "FULL")
  String mode = "FULL";

  /**
   * The cached types to check, by class name (or a provider's {@code CachedType} name); every type
   * the builds' {@code CachedTypesProvider}s name unless set, and required without one.
   */
  @Parameter(property = "crossgrade.types")
  @Nullable List<String> types;

  /**
   * The codecs to try without a provider: {@code json}, {@code msgpack}, {@code kryo5}; all three
   * unless set. With a provider, its registries decide.
   */
  @Parameter(property = "crossgrade.codecs")
  @Nullable List<String> codecs;

  /**
   * The {@code CachedTypesProvider} class of each build, instead of its META-INF/services entry.
   */
  @Parameter(property = "crossgrade.provider")
  @Nullable String provider;

  /** Generated values per cell; 500 unless set. */
  @Parameter(property = "crossgrade.tries")
  @Nullable Integer tries;

  /** The seed of the generated values, for a repeatable run. */
  @Parameter(property = "crossgrade.seed")
  @Nullable Long seed;

  /** The longest one cell may take, tries and shrinking, in seconds. */
  @Parameter(property = "crossgrade.timeLimitPerCell", defaultValue = "30")
  int timeLimitPerCell = 30;

  /** Skips the check. */
  @Parameter(property = "crossgrade.skip", defaultValue = "false")
  boolean skip;

  /**
   * Fails the build on a NOT-RUN cell too (a cell the check could not run, such as a codec that
   * cannot carry the type, or a type the baseline does not have); else those are warnings.
   */
  @Parameter(property = "crossgrade.failOnNotRun", defaultValue = "false")
  boolean failOnNotRun;

  /** Where the reports go. */
  @Parameter(defaultValue = "${project.build.directory}/crossgrade", required = true)
  File outputDirectory;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  MavenSession session;

  private final RepositorySystem repositorySystem;

  /** Created by Maven. */
  @Inject
  public CheckMojo(RepositorySystem repositorySystem) {
    this.repositorySystem = repositorySystem;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("crossgrade:check skipped (crossgrade.skip)");
      return;
    }
    if ("pom".equals(project.getPackaging())) {
      getLog().info("crossgrade:check: nothing to check in a pom project");
      return;
    }
    Compatibility compatibility = compatibility();
    Path classes = Path.of(project.getBuild().getOutputDirectory());
    if (!Files.isDirectory(classes)) {
      throw new MojoExecutionException(
          classes + " does not exist: crossgrade:check runs after compile (it is bound to verify)");
    }
    List<Path> dependencies = dependencies(classes);
    Baseline old =
        new BaselineResolver(
                repositorySystem,
                session.getRepositorySession(),
                project.getRemoteProjectRepositories())
            .resolve(baselineSpec(), dependencies);
    getLog().info("crossgrade:check: " + project.getArtifactId() + " against " + old.description());
    if (old.standIns() != null) {
      getLog()
          .warn(
              """
              the baseline runs with this build's dependencies (%s); a library it needs in \
              another version may change the verdict"""
                  .formatted(old.standIns()));
    }
    List<Path> current = new ArrayList<>();
    current.add(classes);
    current.addAll(dependencies);
    String currentName = project.getArtifactId() + "-" + project.getVersion();
    if ((types == null || types.isEmpty())
        && provider == null
        && !shipsProvider(old.classPath().get(0))
        && !shipsProvider(classes)) {
      throw new MojoExecutionException(
          """
          no cached type to check: list them in <types> (-Dcrossgrade.types=com.acme.Cart) or \
          ship a CachedTypesProvider in %s"""
              .formatted(SERVICE));
    }
    UserJarMatrix.Builder builder =
        UserJarMatrix.newBuilder()
            .oldClassPath(old.name(), old.classPath())
            .newClassPath(currentName, current)
            .compatibility(compatibility)
            .mode(CheckMode.QUICK)
            .progress(
                (done, total, cell) ->
                    getLog()
                        .info(
                            String.format(
                                Locale.ROOT,
                                "[%d/%d] %s %s, %s: %s",
                                done,
                                total,
                                cell.group(),
                                cell.codec(),
                                Direction.of(cell).label(),
                                cell.verdict().label())));
    MatrixReport report;
    try {
      configure(builder);
      report = builder.build().run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new MojoExecutionException("crossgrade:check cannot run: " + e.getMessage(), e);
    }
    writeReports(report);
    verdict(report, old, currentName);
  }

  private void configure(UserJarMatrix.Builder builder) throws MojoExecutionException {
    if (types != null) {
      types.stream().map(String::strip).filter(t -> !t.isEmpty()).forEach(builder::type);
    }
    if (codecs != null) {
      for (String name : codecs) {
        builder.codec(codec(name.strip()));
      }
    }
    if (provider != null) {
      builder.provider(provider);
    }
    if (tries != null) {
      if (tries < 1) {
        throw new MojoExecutionException("tries must be 1 or more, was " + tries);
      }
      builder.tries(tries);
    }
    if (seed != null) {
      builder.seed(seed);
    }
    if (timeLimitPerCell < 1) {
      throw new MojoExecutionException(
          "timeLimitPerCell must be 1 second or more, was " + timeLimitPerCell);
    }
    builder.timeLimitPerCell(Duration.ofSeconds(timeLimitPerCell));
  }

  private Compatibility compatibility() throws MojoExecutionException {
    try {
      return Compatibility.valueOf(mode.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(
          "mode '" + mode + "' is none of BACKWARD, FORWARD, FULL (crossgrade.mode)", e);
    }
  }

  private static UserCodec codec(String name) throws MojoExecutionException {
    for (UserCodec codec : UserCodec.values()) {
      if (codec.label().equalsIgnoreCase(name) || codec.name().equalsIgnoreCase(name)) {
        return codec;
      }
    }
    throw new MojoExecutionException(
        "no codec named '" + name + "' in <codecs>: use json, msgpack or kryo5");
  }

  private BaselineSpec baselineSpec() throws MojoExecutionException {
    try {
      return BaselineSpec.parse(
          baseline,
          project.getBasedir().toPath(),
          project.getGroupId(),
          project.getArtifactId(),
          project.getVersion());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage() + " (crossgrade.baseline)", e);
    }
  }

  /** This build's runtime dependencies, without its own classes. */
  private List<Path> dependencies(Path classes) throws MojoExecutionException {
    List<Path> out = new ArrayList<>();
    try {
      for (String element : project.getRuntimeClasspathElements()) {
        Path path = Path.of(element);
        if (!path.equals(classes)) {
          out.add(path);
        }
      }
    } catch (DependencyResolutionRequiredException e) {
      throw new MojoExecutionException(
          "the runtime dependencies of " + project.getId() + " are not resolved", e);
    }
    return out;
  }

  private static boolean shipsProvider(Path build) {
    if (Files.isDirectory(build)) {
      return Files.isRegularFile(build.resolve(SERVICE));
    }
    try (JarFile jar = new JarFile(build.toFile())) {
      return jar.getEntry(SERVICE) != null;
    } catch (IOException e) {
      return false; // not a jar: the check says so
    }
  }

  private void writeReports(MatrixReport report) throws MojoExecutionException {
    Path dir = outputDirectory.toPath();
    try {
      Files.createDirectories(dir);
      try (Writer out =
          Files.newBufferedWriter(dir.resolve("report.json"), StandardCharsets.UTF_8)) {
        report.writeJson(out);
      }
      try (Writer out =
          Files.newBufferedWriter(dir.resolve("report.html"), StandardCharsets.UTF_8)) {
        report.writeHtml(out);
      }
      JUnitReport.write(
          report, "crossgrade:check", failOnNotRun, dir.resolve("TEST-crossgrade-check.xml"));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write the reports to " + dir + ": " + e, e);
    }
    StringWriter text = new StringWriter();
    try {
      report.writeText(text);
    } catch (IOException e) {
      throw new IllegalStateException("a StringWriter does not fail", e);
    }
    text.toString().lines().forEach(getLog()::info);
    getLog()
        .info(
            "reports: " + dir.resolve("report.html") + ", report.json, TEST-crossgrade-check.xml");
  }

  private void verdict(MatrixReport report, Baseline old, String currentName)
      throws MojoFailureException {
    if (!failOnNotRun) {
      for (CellResult cell : report.cells()) {
        if (cell.verdict() == Verdict.NOT_RUN) {
          getLog().warn("NOT-RUN " + BuildVerdict.describe(cell) + ": " + cell.explanation());
        }
      }
    }
    String failure =
        BuildVerdict.failure(
            report.cells(),
            failOnNotRun,
            currentName,
            old.description(),
            outputDirectory.toPath().resolve("report.html"));
    if (failure != null) {
      throw new MojoFailureException(failure);
    }
    getLog().info("crossgrade:check: " + report.summary());
  }
}
