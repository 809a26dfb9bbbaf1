package dev.crossgrade.compat;

import static dev.crossgrade.compat.BuilderSettings.once;

import dev.crossgrade.codec.CodecRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * The compatibility check of a user's own cached types between two builds of an application (jars
 * or classes folders), each loaded in an isolated class loader. Values of each type are generated
 * in one build, written by that build's registry and read through the other build's whole read path
 * (envelope, reader, upcasters), in both directions, and compared by meaning with what the writing
 * build itself reads back: a value that did not survive, a rename without a declared alias, a
 * reader invariant that rejects what it gets and a silent coercion are failures; fields removed or
 * added with a default are listed. When the new build writes an older schema version, the downcast
 * path is checked too: a lossy round trip {@code upcast(downcast(v)) != v} is a failure.
 *
 * <p>The registries are the builds' own when each ships a {@link CachedTypesProvider}; else a
 * default setup close to a typical application's is tried with each {@link UserCodec}, and the
 * report says which.
 *
 * <p>
 *
 * {@snippet :
 * MatrixReport report =
 *     UserJarMatrix.newBuilder()
 *         .oldJar(Path.of("app-1.4.jar"))
 *         .newJar(Path.of("app-1.5.jar"))
 *         .type("com.acme.User")
 *         .build()
 *         .run();
 * report.assertNoFailures();
 * }
 *
 * <p>Over 500 lines, on purpose: the builder and the one run of the check over both directions and
 * the downcast path; value generation is {@link ObjectValues}, the comparison {@link Meaning}.
 */
public final class UserJarMatrix {
  /** The time limit per cell unless set: tries and shrinking together. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(30);

  private final List<Path> oldClassPath;
  private final List<Path> newClassPath;
  private final String oldName;
  private final String newName;
  private final Compatibility compatibility;
  private final List<String[]> types;
  private final List<UserCodec> codecs;
  private final int tries;
  private final long seed;
  private final MatrixProgress progress;
  private final Map<String, Function<Random, ?>> generators;
  private final @Nullable String provider;
  private final Duration timeLimit;
  private final Map<String, String> renames;
  private final Set<String> removals;

  private UserJarMatrix(Builder builder) {
    this.oldClassPath = List.copyOf(Objects.requireNonNull(builder.oldClassPath, "oldJar"));
    this.newClassPath = List.copyOf(Objects.requireNonNull(builder.newClassPath, "newJar"));
    this.oldName = Objects.requireNonNull(builder.oldName, "oldName");
    this.newName = Objects.requireNonNull(builder.newName, "newName");
    this.compatibility = builder.compatibility == null ? Compatibility.FULL : builder.compatibility;
    this.types = List.copyOf(builder.types);
    this.codecs =
        builder.codecs.isEmpty() ? List.of(UserCodec.values()) : List.copyOf(builder.codecs);
    CheckMode mode = builder.mode == null ? CheckMode.FULL : builder.mode;
    this.tries = builder.tries == null ? mode.tries() : builder.tries;
    this.seed = builder.seed == null ? 0x5eed_c0de_2025L : builder.seed;
    this.progress = builder.progress == null ? MatrixProgress.none() : builder.progress;
    this.generators = Map.copyOf(builder.generators);
    this.provider = builder.provider;
    this.timeLimit = builder.timeLimit == null ? DEFAULT_TIME_LIMIT : builder.timeLimit;
    this.renames = Map.copyOf(builder.renames);
    this.removals = Set.copyOf(builder.removals);
  }

  /** A builder; old build, new build and a type (or a provider in the builds) are required. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Loads both builds, generates values of each type and runs every type, codec and direction.
   *
   * @throws IllegalArgumentException if a build is missing, a type is missing from a build (or,
   *     with providers, from both), or a provider cannot be loaded
   */
  public MatrixReport run() {
    long start = System.nanoTime();
    try (Build oldBuild = Build.open("old", oldName, oldClassPath);
        Build newBuild = Build.open("new", newName, newClassPath)) {
      List<UserCell.Spec> specs = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      notes.add("old build: " + describe(oldClassPath));
      notes.add("new build: " + describe(newClassPath));
      if (compatibility != Compatibility.FULL) {
        String reads =
            compatibility == Compatibility.BACKWARD
                ? "the new build reads what the old one wrote"
                : "the old build reads what the new one writes";
        notes.add("directions: %s (%s) and the downcast path".formatted(compatibility, reads));
      }
      List<CachedType<?>> oldProvided = oldBuild.provided(provider);
      List<CachedType<?>> newProvided = newBuild.provided(provider);
      if (oldProvided != null || newProvided != null) {
        notes.add(
            "setup: each build's CachedTypesProvider%s, its registries as production builds them"
                .formatted((provider == null ? "" : " (" + provider + ")")));
        providedCells(oldBuild, newBuild, oldProvided, newProvided, specs);
      } else {
        if (types.isEmpty()) {
          throw new IllegalArgumentException(
              "no type to check: name one (--type CLASS) or ship a CachedTypesProvider in the builds");
        }
        notes.add(DefaultSetup.DESCRIPTION);
        defaultCells(oldBuild, newBuild, specs);
      }
      List<CellResult> results = runAll(specs);
      return new MatrixReport(
          "cached types between " + oldName + " and " + newName,
          results,
          Duration.ofNanos(System.nanoTime() - start),
          notes,
          tries);
    }
  }

  private static String describe(List<Path> classPath) {
    int libraries = classPath.size() - 1;
    return classPath.get(0)
        + (libraries == 0
            ? ""
            : " and " + libraries + (libraries == 1 ? " library" : " libraries") + " it runs with");
  }

  /** Runs the cells on up to two threads (the cells share nothing but generated values). */
  private List<CellResult> runAll(List<UserCell.Spec> specs) {
    int lanes = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            lanes,
            runnable -> {
              Thread thread = new Thread(runnable, "crossgrade-user-check");
              thread.setDaemon(true);
              return thread;
            });
    try {
      AtomicInteger done = new AtomicInteger();
      Object lock = new Object();
      List<Future<CellResult>> futures = new ArrayList<>();
      for (UserCell.Spec spec : specs) {
        futures.add(
            pool.submit(
                () -> {
                  CellResult result = UserCell.run(spec, timeLimit);
                  synchronized (lock) {
                    progress.cellDone(done.incrementAndGet(), specs.size(), result);
                  }
                  return result;
                }));
      }
      List<CellResult> results = new ArrayList<>();
      for (Future<CellResult> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running the user-jar check", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("the user-jar check failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private void defaultCells(Build oldBuild, Build newBuild, List<UserCell.Spec> specs) {
    ValueCache cache = new ValueCache();
    for (String[] pair : types) {
      Class<?> oldType = oldBuild.load(pair[0]);
      Class<?> newType = newBuild.load(pair[1]);
      String group = pair[0].equals(pair[1]) ? pair[0] : pair[0] + " -> " + pair[1];
      Function<String, String> toOld = name -> name.equals(pair[1]) ? pair[0] : name;
      for (UserCodec codec : codecs) {
        CodecRegistry<?> oldRegistry = null;
        CodecRegistry<?> newRegistry = null;
        String notRun = null;
        try {
          oldRegistry = DefaultSetup.registry(codec, oldType, toOld::apply);
          newRegistry = DefaultSetup.registry(codec, newType, toOld::apply);
        } catch (RuntimeException | LinkageError e) {
          notRun =
              """
              %s cannot be set up for %s: %s (ship a CachedTypesProvider with the registry \
              production uses)"""
                  .formatted(codec.label(), group, Outcome.failure(e).error());
        }
        for (boolean forward : new boolean[] {true, false}) {
          if (!compatibility.covers(forward)) {
            continue;
          }
          Build writer = forward ? oldBuild : newBuild;
          Build reader = forward ? newBuild : oldBuild;
          Class<?> writerType = forward ? oldType : newType;
          Class<?> readerType = forward ? newType : oldType;
          CodecRegistry<?> w = forward ? oldRegistry : newRegistry;
          CodecRegistry<?> r = forward ? newRegistry : oldRegistry;
          specs.add(
              spec(
                  group,
                  codec.label(),
                  writer.label(),
                  reader.label(),
                  notRun,
                  () -> cache.values(writer, writerType, null),
                  w,
                  w,
                  r,
                  readerType,
                  renames,
                  removals,
                  null));
        }
      }
    }
  }

  private void providedCells(
      Build oldBuild,
      Build newBuild,
      @Nullable List<CachedType<?>> oldProvided,
      @Nullable List<CachedType<?>> newProvided,
      List<UserCell.Spec> specs) {
    Map<String, CachedType<?>> olds = byName(oldProvided);
    Map<String, CachedType<?>> news = byName(newProvided);
    List<String[]> pairs = new ArrayList<>();
    if (types.isEmpty()) {
      Set<String> names = new LinkedHashSet<>(olds.keySet());
      names.addAll(news.keySet());
      names.forEach(n -> pairs.add(new String[] {n, n}));
    } else {
      pairs.addAll(types);
    }
    ValueCache cache = new ValueCache();
    for (String[] pair : pairs) {
      CachedType<?> oldType = find(olds, pair[0]);
      CachedType<?> newType = find(news, pair[1]);
      String group = pair[0].equals(pair[1]) ? pair[0] : pair[0] + " -> " + pair[1];
      if (oldType == null && newType == null) {
        Set<String> known = new LinkedHashSet<>(olds.keySet());
        known.addAll(news.keySet());
        throw new IllegalArgumentException(
            """
            %s is a cached type of neither build; their CachedTypesProviders name %s (name a type \
            by its CachedType name or class name)"""
                .formatted(
                    (pair[0].equals(pair[1])
                        ? pair[0]
                        : pair[0] + " (old) and " + pair[1] + " (new)"),
                    (known.isEmpty() ? "none" : String.join(", ", known))));
      }
      String missing = null;
      if (oldType == null || newType == null) {
        Build lacking = oldType == null ? oldBuild : newBuild;
        missing =
            (oldType == null ? pair[0] : pair[1])
                + " is not a cached type of "
                + lacking.label()
                + ((oldType == null ? oldProvided : newProvided) == null
                    ? ", which ships no CachedTypesProvider: add one, or name it with --provider"
                    : ": add it to that build's CachedTypesProvider");
      }
      String codec =
          newType != null
              ? newType.registry().writerCodec().name()
              : oldType != null ? oldType.registry().writerCodec().name() : "?";
      Map<String, String> allRenames = new HashMap<>(renames);
      Set<String> allRemovals = new LinkedHashSet<>(removals);
      for (CachedType<?> t : new CachedType<?>[] {oldType, newType}) {
        if (t != null) {
          allRenames.putAll(t.renames());
          allRemovals.addAll(t.removals());
        }
      }
      for (boolean forward : new boolean[] {true, false}) {
        if (!compatibility.covers(forward)) {
          continue;
        }
        CachedType<?> w = forward ? oldType : newType;
        CachedType<?> r = forward ? newType : oldType;
        Build writer = forward ? oldBuild : newBuild;
        Build reader = forward ? newBuild : oldBuild;
        specs.add(
            spec(
                group,
                w == null ? codec : w.registry().writerCodec().name(),
                writer.label() + (w == null ? "" : " v" + w.registry().writerSchemaVersion()),
                reader.label(),
                missing,
                () -> cache.values(writer, w.type(), w),
                w == null ? null : w.registry(),
                w == null ? null : w.registry(),
                r == null ? null : r.registry(),
                r == null ? Object.class : r.type(),
                allRenames,
                allRemovals,
                null));
      }
      if (newType != null
          && newType.registry().writerSchemaVersion() < newType.registry().currentSchemaVersion()) {
        CodecRegistry<?> registry = newType.registry();
        specs.add(
            spec(
                group,
                registry.writerCodec().name() + " (downcast path)",
                "%s v%s downcast to v%s"
                    .formatted(
                        newBuild.label(),
                        registry.currentSchemaVersion(),
                        registry.writerSchemaVersion()),
                newBuild.label() + " upcast back",
                null,
                () -> cache.values(newBuild, newType.type(), newType),
                registry,
                null,
                registry,
                newType.type(),
                Map.of(),
                Set.of(),
                "a lossy round trip upcast(downcast(v)) != v fails this cell"));
      }
    }
  }

  private static @Nullable CachedType<?> find(Map<String, CachedType<?>> types, String name) {
    CachedType<?> t = types.get(name);
    if (t != null) {
      return t;
    }
    for (CachedType<?> candidate : types.values()) {
      if (candidate.type().getName().equals(name)) {
        return candidate;
      }
    }
    return null;
  }

  private static Map<String, CachedType<?>> byName(@Nullable List<CachedType<?>> types) {
    Map<String, CachedType<?>> out = new LinkedHashMap<>();
    if (types != null) {
      for (CachedType<?> t : types) {
        if (out.putIfAbsent(t.name(), t) != null) {
          throw new IllegalArgumentException("two cached types are named " + t.name());
        }
      }
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // each registry reads and writes its own type
  private static UserCell.Spec spec(
      String group,
      String codec,
      String writer,
      String reader,
      @Nullable String notRun,
      Supplier<List<Object>> values,
      @Nullable CodecRegistry<?> write,
      @Nullable CodecRegistry<?> selfRead,
      @Nullable CodecRegistry<?> read,
      Class<?> readerType,
      Map<String, String> renames,
      Set<String> removals,
      @Nullable String note) {
    CodecRegistry w = write;
    CodecRegistry s = selfRead;
    CodecRegistry r = read;
    return new UserCell.Spec(
        group,
        codec,
        writer,
        reader,
        notRun,
        values,
        value -> w.encode(value),
        s == null ? null : bytes -> s.decode((byte[]) bytes),
        bytes -> r.decode((byte[]) bytes),
        readerType,
        new Meaning(renames, removals),
        note);
  }

  /** Values generated once per build and type, shared by its codecs and the check's threads. */
  private final class ValueCache {
    private final Map<String, List<Object>> values = new HashMap<>();
    private final Map<String, Object> locks = new HashMap<>();

    List<Object> values(Build build, Class<?> type, @Nullable CachedType<?> declared) {
      String key = build.label() + ":" + type.getName();
      Object lock;
      synchronized (this) {
        lock = locks.computeIfAbsent(key, k -> new Object());
      }
      synchronized (lock) {
        List<Object> known;
        synchronized (this) {
          known = values.get(key);
        }
        if (known != null) {
          return known;
        }
        List<Object> generated = generate(type, declared);
        synchronized (this) {
          values.put(key, generated);
        }
        return generated;
      }
    }

    private List<Object> generate(Class<?> type, @Nullable CachedType<?> declared) {
      long typeSeed = seed ^ type.getName().hashCode();
      List<Object> generated;
      if (declared != null && declared.generator() != null) {
        Function<Random, ?> generator = declared.generator();
        Random random = new Random(typeSeed);
        generated = new ArrayList<>(tries);
        for (int i = 0; i < tries; i++) {
          Object v = generator.apply(random);
          if (v != null) {
            generated.add(v);
          }
        }
      } else {
        generated = new ObjectValues(generators).sample(type, tries, typeSeed);
      }
      return List.copyOf(generated);
    }
  }

  /** Builds a {@link UserJarMatrix}; each setting may be set once, types and codecs added. */
  public static final class Builder {
    private @Nullable List<Path> oldClassPath;
    private @Nullable List<Path> newClassPath;
    private @Nullable String oldName;
    private @Nullable String newName;
    private @Nullable Compatibility compatibility;
    private final List<String[]> types = new ArrayList<>();
    private final Set<String> typeNames = new LinkedHashSet<>();
    private final Set<UserCodec> codecs = new LinkedHashSet<>();
    private @Nullable Integer tries;
    private @Nullable Long seed;
    private @Nullable MatrixProgress progress;
    private final Map<String, Function<Random, ?>> generators = new LinkedHashMap<>();
    private @Nullable String provider;
    private @Nullable CheckMode mode;
    private @Nullable Duration timeLimit;
    private final Map<String, String> renames = new LinkedHashMap<>();
    private final Set<String> removals = new LinkedHashSet<>();

    private Builder() {}

    /** The build the fleet runs now: a jar or a classes folder. */
    public Builder oldJar(Path jar) {
      return oldClassPath(name(jar), List.of(jar));
    }

    /** The build being rolled out: a jar or a classes folder. */
    public Builder newJar(Path jar) {
      return newClassPath(name(jar), List.of(jar));
    }

    /**
     * The build the fleet runs now with the libraries it runs with: its jar or classes folder
     * first, then its runtime dependencies; {@code name} is how reports call it. Instead of {@link
     * #oldJar(Path)}. Crossgrade's own modules and their libraries come from the harness, so that
     * both builds share its codec API.
     */
    public Builder oldClassPath(String name, List<Path> classPath) {
      once(oldClassPath, "oldJar");
      this.oldClassPath = classPath(classPath);
      this.oldName = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * The build being rolled out with the libraries it runs with, as {@link #oldClassPath(String,
     * List)}. Instead of {@link #newJar(Path)}.
     */
    public Builder newClassPath(String name, List<Path> classPath) {
      once(newClassPath, "newJar");
      this.newClassPath = classPath(classPath);
      this.newName = Objects.requireNonNull(name, "name");
      return this;
    }

    private static String name(Path jar) {
      Path file = Objects.requireNonNull(jar, "jar").getFileName();
      return file == null ? jar.toString() : file.toString();
    }

    private static List<Path> classPath(List<Path> classPath) {
      if (classPath.isEmpty()) {
        throw new IllegalArgumentException("a class path needs the build's jar or classes folder");
      }
      return List.copyOf(classPath);
    }

    /**
     * Which directions to check: {@link Compatibility#FULL} (both) unless set; {@link
     * Compatibility#BACKWARD} has only the new build read what the old one wrote.
     */
    public Builder compatibility(Compatibility compatibility) {
      once(this.compatibility, "compatibility");
      this.compatibility = Objects.requireNonNull(compatibility, "compatibility");
      return this;
    }

    /** Adds a cached type by its binary name, such as {@code com.acme.User}, in both builds. */
    public Builder type(String className) {
      return type(className, className);
    }

    /**
     * Adds a cached type that moved or was renamed: {@code oldName} in the old build is {@code
     * newName} in the new one (for a provider's types, their {@link CachedType#name()}s).
     */
    public Builder type(String oldName, String newName) {
      Objects.requireNonNull(oldName, "oldName");
      Objects.requireNonNull(newName, "newName");
      if (!typeNames.add(oldName + " -> " + newName)) {
        throw new IllegalStateException(oldName + " was already added");
      }
      types.add(new String[] {oldName, newName});
      return this;
    }

    /** Adds a codec to try without a provider; every {@link UserCodec} unless one is added. */
    public Builder codec(UserCodec codec) {
      if (!codecs.add(Objects.requireNonNull(codec, "codec"))) {
        throw new IllegalStateException(codec + " was already added");
      }
      return this;
    }

    /**
     * The {@link CachedTypesProvider} class in each build; without one, each build's {@code
     * META-INF/services} entry is used if it has one.
     */
    public Builder provider(String className) {
      once(provider, "provider");
      this.provider = Objects.requireNonNull(className, "className");
      return this;
    }

    /** How thoroughly to check: {@link CheckMode#FULL} unless set. */
    public Builder mode(CheckMode mode) {
      once(this.mode, "mode");
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Generated values tried per cell, 1 or more; the mode's unless set. */
    public Builder tries(int tries) {
      once(this.tries, "tries");
      this.tries = BuilderSettings.tries(tries);
      return this;
    }

    /**
     * The longest one cell may take, tries and shrinking; {@link #DEFAULT_TIME_LIMIT} unless set.
     */
    public Builder timeLimitPerCell(Duration limit) {
      once(this.timeLimit, "timeLimitPerCell");
      if (limit.isNegative() || limit.isZero()) {
        throw new IllegalArgumentException("the time limit must be positive, was " + limit);
      }
      this.timeLimit = limit;
      return this;
    }

    /** The seed of the generated values. */
    public Builder seed(long seed) {
      once(this.seed, "seed");
      this.seed = seed;
      return this;
    }

    /** The listener told of each finished cell. */
    public Builder progress(MatrixProgress progress) {
      once(this.progress, "progress");
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /**
     * The generator of a type ({@code com.acme.Money}) or of one field ({@code
     * com.acme.Order.total}), instead of the built-in one. It is called in the harness with a
     * seeded {@link Random}; its values must be of types the field accepts in the build checked.
     */
    public Builder generator(String typeOrField, Function<Random, ?> generator) {
      once(generators.get(typeOrField), "generator(" + typeOrField + ")");
      generators.put(typeOrField, Objects.requireNonNull(generator, "generator"));
      return this;
    }

    /**
     * The jqwik arbitrary for one field, named {@code com.acme.User.email}: a {@link
     * #generator(String, Function)} drawing from it.
     */
    public Builder fieldArbitrary(String qualifiedField, Arbitrary<?> arbitrary) {
      Objects.requireNonNull(arbitrary, "arbitrary");
      RandomGenerator<?> generator = Values.inJqwik(() -> arbitrary.generator(1000));
      return generator(
          qualifiedField, random -> Values.inJqwik(() -> generator.next(random).value()));
    }

    /** Declares that field {@code from} of the old build is {@code to} in the new one. */
    public Builder rename(String from, String to) {
      if (renames.putIfAbsent(Objects.requireNonNull(from), Objects.requireNonNull(to)) != null) {
        throw new IllegalStateException("a rename of " + from + " was already declared");
      }
      return this;
    }

    /** Declares that {@code field} of the old build was removed on purpose. */
    public Builder removal(String field) {
      if (!removals.add(Objects.requireNonNull(field))) {
        throw new IllegalStateException("a removal of " + field + " was already declared");
      }
      return this;
    }

    /**
     * Returns the matrix.
     *
     * @throws IllegalStateException if a build is missing
     */
    public UserJarMatrix build() {
      if (oldClassPath == null || newClassPath == null) {
        throw new IllegalStateException("oldJar and newJar are required");
      }
      return new UserJarMatrix(this);
    }
  }
}
