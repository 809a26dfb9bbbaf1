package dev.crossgrade.compat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.jackson.JsonCodec;
import dev.crossgrade.codec.kryo.KryoCodec;
import dev.crossgrade.codec.msgpack.MessagePackCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.providers.TypeUsage;
import org.jspecify.annotations.Nullable;

/**
 * The compatibility matrix of a user's own cached types between two builds of an application: each
 * build is loaded in an isolated class loader, instances of each type are generated (by field:
 * strings, numbers, lists and maps with the built-in traps, any other field type by jqwik's
 * type-based generation, or by an arbitrary given with {@link Builder#fieldArbitrary}), written by
 * one build and read by the other with each codec, in both directions, and compared: fields kept
 * keep their value, fields added take the reader's default, fields removed are dropped.
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
 */
public final class UserJarMatrix {
  private final Path oldJar;
  private final Path newJar;
  private final List<String> types;
  private final List<UserCodec> codecs;
  private final int tries;
  private final long seed;
  private final MatrixProgress progress;
  private final Map<String, Arbitrary<?>> fieldArbitraries;

  private UserJarMatrix(Builder builder) {
    this.oldJar = Objects.requireNonNull(builder.oldJar, "oldJar");
    this.newJar = Objects.requireNonNull(builder.newJar, "newJar");
    this.types = List.copyOf(builder.types);
    this.codecs =
        builder.codecs.isEmpty() ? List.of(UserCodec.values()) : List.copyOf(builder.codecs);
    this.tries = builder.tries == null ? MatrixOptions.DEFAULT_TRIES : builder.tries;
    this.seed = builder.seed == null ? 0x5eed_c0de_2025L : builder.seed;
    this.progress = builder.progress == null ? MatrixProgress.none() : builder.progress;
    this.fieldArbitraries = Map.copyOf(builder.fieldArbitraries);
  }

  /** A builder; old jar, new jar and at least one type are required. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Loads both builds, generates values of each type and runs every type, codec and direction.
   *
   * @throws IllegalArgumentException if a type is missing from a build
   * @throws UncheckedIOException if a jar cannot be opened
   */
  public MatrixReport run() {
    long start = System.nanoTime();
    ClassLoader parent = UserJarMatrix.class.getClassLoader();
    try (URLClassLoader oldLoader = new URLClassLoader("old", new URL[] {url(oldJar)}, parent);
        URLClassLoader newLoader = new URLClassLoader("new", new URL[] {url(newJar)}, parent)) {
      Map<String, Side> sides = new LinkedHashMap<>();
      List<Cell> cells = new ArrayList<>();
      Map<String, List<Object>> values = new LinkedHashMap<>();
      Host host = new Host.InProcess("harness JVM", sides::get);
      for (String type : types) {
        Class<?> oldType = load(oldLoader, type, oldJar);
        Class<?> newType = load(newLoader, type, newJar);
        Layout oldLayout = layout(oldType);
        Layout newLayout = layout(newType);
        values.put("old:" + type, generate(oldType, oldLayout));
        values.put("new:" + type, generate(newType, newLayout));
        for (UserCodec codec : codecs) {
          String reason = unsupported(codec, oldType, newType);
          for (boolean forward : new boolean[] {true, false}) {
            Class<?> writerType = forward ? oldType : newType;
            Class<?> readerType = forward ? newType : oldType;
            Layout writerLayout = forward ? oldLayout : newLayout;
            Layout readerLayout = forward ? newLayout : oldLayout;
            String writerSide = (forward ? "old:" : "new:") + codec + ":" + type;
            String readerSide = (forward ? "new:" : "old:") + codec + ":" + type;
            Map<String, @Nullable Object> defaults = Map.of();
            if (reason == null) {
              try {
                sides.put(writerSide, side(codec, writerType, writerLayout));
                Side reader = side(codec, readerType, readerLayout);
                sides.put(readerSide, reader);
                defaults = reader.defaults();
              } catch (RuntimeException e) {
                reason = codec.label() + " cannot be built for " + type + ": " + e.getMessage();
              }
            }
            Map<String, @Nullable Object> readerDefaults = defaults;
            cells.add(
                new Cell(
                    type,
                    codec.label(),
                    forward ? "old " + oldJar.getFileName() : "new " + newJar.getFileName(),
                    forward ? "new " + newJar.getFileName() : "old " + oldJar.getFileName(),
                    host,
                    writerSide,
                    host,
                    readerSide,
                    Domain.struct(writerLayout, false),
                    Cell.Mode.ROUND_TRIP,
                    Equivalence.STRUCTURAL,
                    value ->
                        Evolution.expected((Struct) value, readerLayout, readerDefaults, Map.of()),
                    null,
                    reason));
          }
        }
      }
      List<CellResult> results = new ArrayList<>();
      for (Cell cell : cells) {
        String key = (cell.writerSide().startsWith("old:") ? "old:" : "new:") + cell.group();
        CellResult result = CellRunner.run(cell, values.get(key));
        results.add(result);
        progress.cellDone(results.size(), cells.size(), result);
      }
      return new MatrixReport(
          "cached types between " + oldJar.getFileName() + " and " + newJar.getFileName(),
          results,
          Duration.ofNanos(System.nanoTime() - start),
          List.of("old build: " + oldJar, "new build: " + newJar),
          tries);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the class loaders", e);
    }
  }

  private static URL url(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(jar + " is not a file");
    }
    try {
      return jar.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a jar path: " + jar, e);
    }
  }

  private static Class<?> load(ClassLoader loader, String type, Path jar) {
    try {
      return Class.forName(type, false, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException(type + " is not in " + jar, e);
    }
  }

  private List<Object> generate(Class<?> type, Layout layout) {
    Map<String, Arbitrary<?>> arbitraries = new LinkedHashMap<>();
    for (Map.Entry<String, Type> field : fieldTypes(type).entrySet()) {
      Arbitrary<?> given = fieldArbitraries.get(type.getName() + "." + field.getKey());
      if (given != null) {
        arbitraries.put(field.getKey(), given);
      } else if (layout.fields().get(field.getKey()) == Layout.FieldKind.OTHER) {
        arbitraries.put(
            field.getKey(),
            Values.inJqwik(() -> Arbitraries.defaultFor(TypeUsage.forType(field.getValue()))));
      }
    }
    return Values.sample(
        Domain.struct(layout, false), tries, seed ^ type.getName().hashCode(), arbitraries);
  }

  private static @Nullable String unsupported(UserCodec codec, Class<?> oldType, Class<?> newType) {
    boolean records = oldType.isRecord() && newType.isRecord();
    boolean classes = !oldType.isRecord() && !newType.isRecord();
    return switch (codec) {
      case MSGPACK -> records ? null : "the MessagePack codec maps records only";
      case KRYO5 -> classes ? null : "the Kryo codec cannot instantiate records";
      case JSON -> null;
    };
  }

  private static Side side(UserCodec codec, Class<?> type, Layout layout) {
    return switch (codec) {
      case JSON -> typed(JsonCodec.newBuilder(type).build(), layout, javaDefaults(type, layout));
      case MSGPACK ->
          typed(MessagePackCodec.newBuilder(type).build(), layout, msgpackDefaults(type, layout));
      case KRYO5 -> kryo(type, layout);
    };
  }

  private static <T> Side kryo(Class<T> type, Layout layout) {
    KryoCodec.Builder<T> builder = KryoCodec.newBuilder(type).register(type, 100);
    int id = 101;
    Set<Class<?>> extra = new LinkedHashSet<>();
    for (Field field : Sides.Reflect.instanceFields(type)) {
      if (List.class.isAssignableFrom(field.getType())) {
        extra.add(ArrayList.class);
      } else if (Map.class.isAssignableFrom(field.getType())) {
        extra.add(LinkedHashMap.class);
      }
    }
    for (Class<?> c : extra) {
      builder.register(c, id++);
    }
    Map<String, @Nullable Object> defaults =
        Sides.Reflect.toStruct(Sides.Reflect.newInstance(type), layout).fields();
    return typed(builder.build(), layout, defaults);
  }

  private static <T> Side typed(
      Codec<T> codec, Layout layout, Map<String, @Nullable Object> defaults) {
    Class<T> type = codec.valueType();
    return new Side() {
      @Override
      public byte[] write(Object value) throws Exception {
        PayloadBuffer out = new PayloadBuffer(256, Sides.LIMITS.maxPayloadSize());
        codec.encode(Sides.Reflect.fromStruct(type, (Struct) value), out, Sides.LIMITS);
        return out.toByteArray();
      }

      @Override
      public Object read(byte[] bytes) {
        return Sides.Reflect.toStruct(codec.decode(bytes, 0, bytes.length, Sides.LIMITS), layout);
      }

      @Override
      public Map<String, @Nullable Object> defaults() {
        return defaults;
      }
    };
  }

  private static Map<String, @Nullable Object> javaDefaults(Class<?> type, Layout layout) {
    if (!type.isRecord()) {
      return Sides.Reflect.toStruct(Sides.Reflect.newInstance(type), layout).fields();
    }
    Map<String, @Nullable Object> defaults = new LinkedHashMap<>();
    for (RecordComponent c : type.getRecordComponents()) {
      defaults.put(c.getName(), zero(c.getType()));
    }
    return defaults;
  }

  private static Map<String, @Nullable Object> msgpackDefaults(Class<?> type, Layout layout) {
    Map<String, @Nullable Object> defaults = javaDefaults(type, layout);
    for (RecordComponent c : type.getRecordComponents()) {
      if (List.class.isAssignableFrom(c.getType())) {
        defaults.put(c.getName(), List.of());
      } else if (Map.class.isAssignableFrom(c.getType())) {
        defaults.put(c.getName(), Map.of());
      } else if (c.getType() == java.util.Optional.class) {
        defaults.put(c.getName(), java.util.Optional.empty());
      }
    }
    return defaults;
  }

  private static @Nullable Object zero(Class<?> type) {
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0.0;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == float.class) {
      return 0.0f;
    }
    if (type == short.class) {
      return (short) 0;
    }
    if (type == byte.class) {
      return (byte) 0;
    }
    if (type == char.class) {
      return '\0';
    }
    return null;
  }

  private static Map<String, Type> fieldTypes(Class<?> type) {
    Map<String, Type> fields = new LinkedHashMap<>();
    if (type.isRecord()) {
      for (RecordComponent c : type.getRecordComponents()) {
        fields.put(c.getName(), c.getGenericType());
      }
    } else {
      for (Field f : Sides.Reflect.instanceFields(type)) {
        fields.put(f.getName(), f.getGenericType());
      }
    }
    return fields;
  }

  static Layout layout(Class<?> type) {
    LinkedHashMap<String, Layout.FieldKind> kinds = new LinkedHashMap<>();
    fieldTypes(type).forEach((name, generic) -> kinds.put(name, kind(generic)));
    return new Layout(type.getSimpleName(), kinds);
  }

  private static Layout.FieldKind kind(Type type) {
    if (type == int.class || type == Integer.class) {
      return Layout.FieldKind.INT;
    }
    if (type == long.class || type == Long.class) {
      return Layout.FieldKind.LONG;
    }
    if (type == double.class || type == Double.class) {
      return Layout.FieldKind.DOUBLE;
    }
    if (type == boolean.class || type == Boolean.class) {
      return Layout.FieldKind.BOOLEAN;
    }
    if (type == String.class) {
      return Layout.FieldKind.STRING;
    }
    if (type == byte[].class) {
      return Layout.FieldKind.BYTES;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
      Type[] args = p.getActualTypeArguments();
      if ((raw == List.class || raw == ArrayList.class) && args[0] == String.class) {
        return Layout.FieldKind.STRING_LIST;
      }
    }
    return Layout.FieldKind.OTHER;
  }

  /** Builds a {@link UserJarMatrix}; each setting may be set once, types and codecs added. */
  public static final class Builder {
    private @Nullable Path oldJar;
    private @Nullable Path newJar;
    private final Set<String> types = new LinkedHashSet<>();
    private final Set<UserCodec> codecs = new LinkedHashSet<>();
    private @Nullable Integer tries;
    private @Nullable Long seed;
    private @Nullable MatrixProgress progress;
    private final Map<String, Arbitrary<?>> fieldArbitraries = new LinkedHashMap<>();

    private Builder() {}

    private static void once(@Nullable Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }

    /** The jar of the build the fleet runs now. */
    public Builder oldJar(Path jar) {
      once(oldJar, "oldJar");
      this.oldJar = Objects.requireNonNull(jar, "jar");
      return this;
    }

    /** The jar of the build being rolled out. */
    public Builder newJar(Path jar) {
      once(newJar, "newJar");
      this.newJar = Objects.requireNonNull(jar, "jar");
      return this;
    }

    /** Adds a cached type by its binary name, such as {@code com.acme.User}. */
    public Builder type(String className) {
      if (!types.add(Objects.requireNonNull(className, "className"))) {
        throw new IllegalStateException(className + " was already added");
      }
      return this;
    }

    /** Adds a codec to try; every {@link UserCodec} unless one is added. */
    public Builder codec(UserCodec codec) {
      if (!codecs.add(Objects.requireNonNull(codec, "codec"))) {
        throw new IllegalStateException(codec + " was already added");
      }
      return this;
    }

    /** Generated values tried per cell, 1 or more; 10,000 unless set. */
    public Builder tries(int tries) {
      once(this.tries, "tries");
      if (tries < 1) {
        throw new IllegalArgumentException("tries must be 1 or more, was " + tries);
      }
      this.tries = tries;
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
     * The arbitrary for one field, named {@code com.acme.User.email}, instead of the built-in or
     * type-based one. Its values must be of JDK types that both builds' field types accept.
     */
    public Builder fieldArbitrary(String qualifiedField, Arbitrary<?> arbitrary) {
      once(fieldArbitraries.get(qualifiedField), "fieldArbitrary(" + qualifiedField + ")");
      fieldArbitraries.put(qualifiedField, Objects.requireNonNull(arbitrary, "arbitrary"));
      return this;
    }

    /**
     * Returns the matrix.
     *
     * @throws IllegalStateException if a jar or every type is missing
     */
    public UserJarMatrix build() {
      if (oldJar == null || newJar == null || types.isEmpty()) {
        throw new IllegalStateException("oldJar, newJar and at least one type are required");
      }
      return new UserJarMatrix(this);
    }
  }
}
