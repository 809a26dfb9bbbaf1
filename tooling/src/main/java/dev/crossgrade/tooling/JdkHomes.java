package dev.crossgrade.tooling;

import java.io.IOException;
import java.io.InputStream;
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

/**
 * The JDKs installed here, by feature version: this JVM's own, then those under {@code
 * /usr/lib/jvm}, a home counting when its {@code release} file names a {@code JAVA_VERSION} and it
 * has an executable {@code bin/java}. Where two homes have one feature version, this JVM's (or the
 * first in name order) is taken.
 */
public final class JdkHomes {
  /** Where Debian and Ubuntu install JDKs. */
  public static final Path SYSTEM_JVMS = Path.of("/usr/lib/jvm");

  private static final Pattern JAVA_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private JdkHomes() {}

  /** This JVM's home. */
  public static Path current() {
    return Path.of(System.getProperty("java.home"));
  }

  /** The JDKs of this JVM and under {@link #SYSTEM_JVMS}, by feature version. */
  public static Map<Integer, Path> discover() {
    return discover(SYSTEM_JVMS);
  }

  /** The JDKs of this JVM and under {@code jvms}, by feature version. */
  public static Map<Integer, Path> discover(Path jvms) {
    List<Path> candidates = new ArrayList<>();
    candidates.add(current());
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> dirs = Files.list(jvms)) {
        dirs.sorted().forEach(candidates::add);
      } catch (IOException e) {
        // an unreadable directory finds nothing
      }
    }
    Map<Integer, Path> found = new TreeMap<>();
    for (Path home : candidates) {
      Integer feature = featureVersion(home);
      if (feature != null && Files.isExecutable(home.resolve("bin").resolve("java"))) {
        found.putIfAbsent(feature, home);
      }
    }
    return found;
  }

  /** The feature version a JDK home's {@code release} file names, or null. */
  static @Nullable Integer featureVersion(Path home) {
    Path release = home.resolve("release");
    if (!Files.isRegularFile(release)) {
      return null;
    }
    try (InputStream in = Files.newInputStream(release)) {
      // A release file is a few hundred bytes; more than 64 KiB is no JDK's.
      String text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      Matcher m = JAVA_VERSION.matcher(text);
      return m.find() ? Integer.valueOf(m.group(1)) : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
