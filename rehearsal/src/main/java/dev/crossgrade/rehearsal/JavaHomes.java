package dev.crossgrade.rehearsal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/** The JDKs installed under {@code /usr/lib/jvm}, and this JVM's own, by feature version. */
final class JavaHomes {
  private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private JavaHomes() {}

  /** This JVM's home. */
  static Path current() {
    return Path.of(System.getProperty("java.home"));
  }

  static Map<Integer, Path> discover() {
    Map<Integer, Path> found = new TreeMap<>();
    List<Path> candidates = new ArrayList<>();
    candidates.add(current());
    Path jvm = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvm)) {
      try (Stream<Path> dirs = Files.list(jvm)) {
        dirs.sorted().forEach(candidates::add);
      } catch (IOException e) {
        // an unreadable directory finds nothing
      }
    }
    for (Path home : candidates) {
      Integer feature = featureVersion(home);
      if (feature != null && Files.isExecutable(home.resolve("bin").resolve("java"))) {
        found.putIfAbsent(feature, home);
      }
    }
    return found;
  }

  private static @Nullable Integer featureVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return null;
    }
    try {
      Matcher m = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
      return m.find() ? Integer.valueOf(m.group(1)) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
