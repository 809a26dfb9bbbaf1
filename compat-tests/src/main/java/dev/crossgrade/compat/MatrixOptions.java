package dev.crossgrade.compat;

import static dev.crossgrade.compat.BuilderSettings.once;

import dev.crossgrade.tooling.JdkHomes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How to run the built-in matrix: tries per cell, the JDK homes for the forked workers, the class
 * path the workers run with, a progress listener and the seed. Immutable; build with {@link
 * #newBuilder()}.
 */
public final class MatrixOptions {
  /** The tries per cell unless set: 10,000. */
  public static final int DEFAULT_TRIES = 10_000;

  private final int tries;
  private final Map<Integer, Path> jdkHomes;
  private final String workerClassPath;
  private final MatrixProgress progress;
  private final long seed;
  private final boolean ci;

  private MatrixOptions(Builder builder) {
    this.tries = builder.tries == null ? DEFAULT_TRIES : builder.tries;
    Map<Integer, Path> homes = new TreeMap<>(JdkHomes.discover());
    homes.putAll(builder.jdkHomes);
    this.jdkHomes = Map.copyOf(homes);
    this.workerClassPath =
        builder.workerClassPath == null
            ? System.getProperty("java.class.path")
            : builder.workerClassPath;
    this.progress = builder.progress == null ? MatrixProgress.none() : builder.progress;
    this.seed = builder.seed == null ? 0x5eed_c0de_2025L : builder.seed;
    this.ci = builder.ci == null ? "true".equals(System.getenv("CI")) : builder.ci;
  }

  /** A builder starting from the defaults. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** The options with every default: 10,000 tries, JDKs found under {@code /usr/lib/jvm}. */
  public static MatrixOptions defaults() {
    return newBuilder().build();
  }

  /** Generated values tried per cell. */
  public int tries() {
    return tries;
  }

  /** The JDK home for each feature version (17, 25, ...), given or discovered. */
  public Map<Integer, Path> jdkHomes() {
    return jdkHomes;
  }

  /** The class path the forked workers run with; it must hold this module and its dependencies. */
  public String workerClassPath() {
    return workerClassPath;
  }

  /** The listener told of each finished cell. */
  public MatrixProgress progress() {
    return progress;
  }

  /** The seed of the generated values; the same seed generates the same values. */
  public long seed() {
    return seed;
  }

  /** Whether a missing JDK fails its cells (under CI) instead of leaving them NOT-RUN. */
  public boolean ci() {
    return ci;
  }

  /** Builds {@link MatrixOptions}; each setting may be set once. */
  public static final class Builder {
    private @Nullable Integer tries;
    private final Map<Integer, Path> jdkHomes = new TreeMap<>();
    private @Nullable String workerClassPath;
    private @Nullable MatrixProgress progress;
    private @Nullable Long seed;
    private @Nullable Boolean ci;

    private Builder() {}

    /** Generated values tried per cell, 1 or more; 10,000 unless set. */
    public Builder tries(int tries) {
      once(this.tries, "tries");
      this.tries = BuilderSettings.tries(tries);
      return this;
    }

    /** The JDK home for a feature version, instead of the one found under /usr/lib/jvm. */
    public Builder jdkHome(int featureVersion, Path home) {
      once(jdkHomes.get(featureVersion), "jdkHome(" + featureVersion + ")");
      if (!Files.isExecutable(home.resolve("bin").resolve("java"))) {
        throw new IllegalArgumentException(home + " has no bin/java; it is not a JDK home");
      }
      jdkHomes.put(featureVersion, home);
      return this;
    }

    /** The class path of the forked workers; this JVM's {@code java.class.path} unless set. */
    public Builder workerClassPath(String classPath) {
      once(this.workerClassPath, "workerClassPath");
      this.workerClassPath = Objects.requireNonNull(classPath, "classPath");
      return this;
    }

    /** The listener told of each finished cell; none unless set. */
    public Builder progress(MatrixProgress progress) {
      once(this.progress, "progress");
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** The seed of the generated values; a fixed default unless set. */
    public Builder seed(long seed) {
      once(this.seed, "seed");
      this.seed = seed;
      return this;
    }

    /** Whether a missing JDK fails its cells; true when the environment variable CI is "true". */
    public Builder ci(boolean ci) {
      once(this.ci, "ci");
      this.ci = ci;
      return this;
    }

    /** Returns the options. */
    public MatrixOptions build() {
      return new MatrixOptions(this);
    }
  }
}
