package dev.crossgrade.maven;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** What the {@code baseline} parameter names: a jar or classes folder, or coordinates. */
sealed interface BaselineSpec {
  /** A jar or classes folder on disk. */
  record Jar(Path path) implements BaselineSpec {}

  /**
   * An artifact in the repositories.
   *
   * @param version the version, or null for the newest release ({@code below} this one's, if set)
   * @param below the version the newest release must be under (this build's), or null for any
   */
  record Coordinates(
      String groupId, String artifactId, @Nullable String version, @Nullable String below)
      implements BaselineSpec {
    /** {@code groupId:artifactId:version}, or {@code groupId:artifactId} without a version. */
    @Override
    public String toString() {
      return groupId + ":" + artifactId + (version == null ? "" : ":" + version);
    }
  }

  /**
   * Reads the parameter: empty is this artifact's newest release below this version; a version
   * ({@code 1.4.0}) is this artifact at that version; {@code groupId:artifactId} is that artifact's
   * newest release; {@code groupId:artifactId:version} is that artifact; anything ending in {@code
   * .jar}, holding a path separator or naming a file or folder is a path, relative to {@code
   * basedir}.
   *
   * @throws IllegalArgumentException if it is none of these
   */
  static BaselineSpec parse(
      @Nullable String text, Path basedir, String groupId, String artifactId, String version) {
    if (text == null || text.isBlank()) {
      return new Coordinates(groupId, artifactId, null, version);
    }
    String value = text.strip();
    Path path = basedir.resolve(value);
    if (value.endsWith(".jar")
        || value.contains("/")
        || value.contains("\\")
        || Files.isRegularFile(path)
        || Files.isDirectory(path)) {
      return new Jar(path.normalize());
    }
    String[] parts = value.split(":", -1);
    for (String part : parts) {
      if (part.isBlank()) {
        throw invalid(value);
      }
    }
    return switch (parts.length) {
      case 1 -> new Coordinates(groupId, artifactId, parts[0], null);
      case 2 ->
          new Coordinates(
              parts[0],
              parts[1],
              null,
              parts[0].equals(groupId) && parts[1].equals(artifactId) ? version : null);
      case 3 -> new Coordinates(parts[0], parts[1], parts[2], null);
      default -> throw invalid(value);
    };
  }

  private static IllegalArgumentException invalid(String value) {
    return new IllegalArgumentException(
        """
        baseline '%s' is neither a jar nor coordinates: use a version (1.4.0), \
        groupId:artifactId, groupId:artifactId:version or the path of a jar"""
            .formatted(value));
  }
}
