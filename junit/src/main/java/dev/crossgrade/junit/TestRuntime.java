package dev.crossgrade.junit;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The runtime a list section applies to: a JDK feature version ({@code jdk 25}), or a name the user
 * gives with the system property {@value #PROPERTY} ({@code runtime kryo5}).
 *
 * @param jdk the JDK feature version, or 0 for a named runtime
 * @param name the runtime's name, or empty for a JDK
 */
public record TestRuntime(int jdk, String name) {
  /** The system property that names the runtime; when unset, the runtime is the JDK's version. */
  public static final String PROPERTY = "crossgrade.runtime";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** Checks that exactly one of the two is given and that a name is a plain word. */
  public TestRuntime {
    Objects.requireNonNull(name, "name");
    if (jdk == 0 && !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a runtime name is 1 to 64 letters, digits, '.', '_' or '-', was '" + name + "'");
    }
    if (jdk != 0 && (jdk < 8 || jdk > 999 || !name.isEmpty())) {
      throw new IllegalArgumentException("a JDK feature version is 8 to 999, was " + jdk);
    }
  }

  /** The JDK with feature version {@code feature}, such as 25. */
  public static TestRuntime jdk(int feature) {
    return new TestRuntime(feature, "");
  }

  /** A runtime named by the user, such as {@code kryo5}. */
  public static TestRuntime named(String name) {
    return new TestRuntime(0, name);
  }

  /** This JVM's runtime: the one {@value #PROPERTY} names, else this JDK's feature version. */
  public static TestRuntime current() {
    String named = System.getProperty(PROPERTY);
    if (named != null && !named.isBlank()) {
      return named(named.trim());
    }
    return jdk(Runtime.version().feature());
  }

  /** As written in a list file: {@code jdk 25} or {@code runtime kryo5}. */
  @Override
  public String toString() {
    return jdk != 0 ? "jdk " + jdk : "runtime " + name.toLowerCase(Locale.ROOT);
  }
}
