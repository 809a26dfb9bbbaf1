package dev.crossgrade.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;
import org.eclipse.aether.resolution.VersionRangeRequest;
import org.eclipse.aether.resolution.VersionRangeResolutionException;
import org.eclipse.aether.resolution.VersionRangeResult;
import org.eclipse.aether.version.Version;
import org.jspecify.annotations.Nullable;

/**
 * Finds the baseline through Maven Resolver: the newest release below this version (a version range
 * request, SNAPSHOTs skipped), its jar, and its runtime dependencies.
 */
final class BaselineResolver {
  private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");
  private static final String FIX =
      " Set <baseline> (-Dcrossgrade.baseline=) to a released version, groupId:artifactId:version"
          + " or a jar, or <skip> the check (-Dcrossgrade.skip) until the first release.";

  private final RepositorySystem system;
  private final RepositorySystemSession session;
  private final List<RemoteRepository> repositories;

  BaselineResolver(
      RepositorySystem system,
      RepositorySystemSession session,
      List<RemoteRepository> repositories) {
    this.system = system;
    this.session = session;
    this.repositories = List.copyOf(repositories);
  }

  /**
   * The baseline {@code spec} names; a jar runs with {@code stand-ins} (this build's dependencies),
   * coordinates with their own runtime dependencies, or the stand-ins when those cannot be resolved
   * (the result says which).
   */
  Baseline resolve(BaselineSpec spec, List<Path> standIns) throws MojoExecutionException {
    if (spec instanceof BaselineSpec.Jar jar) {
      if (!Files.isRegularFile(jar.path()) && !Files.isDirectory(jar.path())) {
        throw new MojoExecutionException(
            "the baseline " + jar.path() + " does not exist (a jar or classes folder)." + FIX);
      }
      List<Path> classPath = new ArrayList<>();
      classPath.add(jar.path());
      classPath.addAll(standIns);
      return new Baseline(
          String.valueOf(jar.path().getFileName()),
          jar.path().toString(),
          classPath,
          "a jar path names no dependencies");
    }
    BaselineSpec.Coordinates coordinates = (BaselineSpec.Coordinates) spec;
    String version =
        coordinates.version() != null ? coordinates.version() : newestRelease(coordinates);
    Artifact artifact =
        new DefaultArtifact(coordinates.groupId(), coordinates.artifactId(), "jar", version);
    Path jar = jar(artifact);
    List<Path> classPath = new ArrayList<>();
    classPath.add(jar);
    String standInReason = null;
    try {
      classPath.addAll(dependencies(artifact, jar));
    } catch (DependencyResolutionException e) {
      classPath.addAll(standIns);
      standInReason = "its dependencies cannot be resolved: " + firstLine(e.getMessage());
    }
    return new Baseline(
        String.valueOf(jar.getFileName()),
        coordinates.groupId() + ":" + coordinates.artifactId() + ":" + version,
        classPath,
        standInReason);
  }

  private String newestRelease(BaselineSpec.Coordinates coordinates) throws MojoExecutionException {
    String range = coordinates.below() == null ? "[0,)" : "(," + coordinates.below() + ")";
    Artifact query =
        new DefaultArtifact(coordinates.groupId(), coordinates.artifactId(), "jar", range);
    VersionRangeResult result;
    try {
      result =
          system.resolveVersionRange(
              session, new VersionRangeRequest(query, repositories, "crossgrade"));
    } catch (VersionRangeResolutionException e) {
      throw new MojoExecutionException(
          "cannot list the versions of " + coordinates + ": " + e.getMessage() + "." + FIX, e);
    }
    String newest = newestRelease(result.getVersions().stream().map(Version::toString).toList());
    if (newest == null) {
      throw new MojoExecutionException(
          "no released version of %s%s to compare with in %s.%s"
              .formatted(
                  coordinates,
                  (coordinates.below() == null ? "" : " below " + coordinates.below()),
                  where(),
                  FIX));
    }
    return newest;
  }

  /** The highest of {@code versions} (in ascending order) that is not a SNAPSHOT, or null. */
  static @Nullable String newestRelease(List<String> versions) {
    for (int i = versions.size() - 1; i >= 0; i--) {
      String version = versions.get(i);
      if (!new DefaultArtifact("g", "a", "jar", version).isSnapshot()) {
        return version;
      }
    }
    return null;
  }

  private Path jar(Artifact artifact) throws MojoExecutionException {
    try {
      ArtifactResult result =
          system.resolveArtifact(
              session, new ArtifactRequest(artifact, repositories, "crossgrade"));
      return result.getArtifact().getFile().toPath();
    } catch (ArtifactResolutionException e) {
      throw new MojoExecutionException(
          "cannot resolve the baseline %s from %s: %s.%s"
              .formatted(artifact, where(), firstLine(e.getMessage()), FIX),
          e);
    }
  }

  private List<Path> dependencies(Artifact artifact, Path jar)
      throws DependencyResolutionException {
    CollectRequest collect = new CollectRequest(new Dependency(artifact, "runtime"), repositories);
    DependencyFilter runtime =
        (node, parents) ->
            node.getDependency() == null
                || RUNTIME_SCOPES.contains(node.getDependency().getScope());
    List<Path> out = new ArrayList<>();
    for (ArtifactResult result :
        system
            .resolveDependencies(session, new DependencyRequest(collect, runtime))
            .getArtifactResults()) {
      Path file = result.getArtifact().getFile().toPath();
      if (!file.equals(jar)) {
        out.add(file);
      }
    }
    return out;
  }

  private String where() {
    String remote =
        repositories.stream()
            .map(r -> r.getId() + " (" + r.getUrl() + ")")
            .collect(Collectors.joining(", "));
    return "the local repository %s%s%s"
        .formatted(
            session.getLocalRepository().getBasedir(),
            (remote.isEmpty() ? "" : " or " + remote),
            (session.isOffline() ? " (offline)" : ""));
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "no reason given";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
