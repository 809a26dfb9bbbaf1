package dev.crossgrade.compat;

import dev.crossgrade.codec.CodecRegistry;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One cached type as a {@link CachedTypesProvider} describes it: the registry production builds for
 * it (writer, readers, upcasters, downcaster, schema versions), optionally how to generate its
 * values, and the field renames and removals its history declares. Immutable; build with {@link
 * #newBuilder(CodecRegistry)}.
 *
 * <p>
 *
 * {@snippet :
 * CachedType<User> user =
 *     CachedType.newBuilder(Registries.users()) // the registry production uses
 *         .rename("name", "displayName") // declared: the old field's value moves to the new one
 *         .removal("nickname") // declared: dropped on purpose
 *         .build();
 * }
 *
 * @param <T> the value type at this build's current schema version
 */
public final class CachedType<T> {
  private final String name;
  private final CodecRegistry<T> registry;
  private final @Nullable Function<Random, ? extends T> generator;
  private final Map<String, String> renames;
  private final Set<String> removals;

  private CachedType(Builder<T> builder) {
    this.registry = builder.registry;
    this.name = builder.name == null ? registry.valueType().getName() : builder.name;
    this.generator = builder.generator;
    this.renames = Map.copyOf(builder.renames);
    this.removals = Set.copyOf(builder.removals);
  }

  /** A cached type read and written through {@code registry}. */
  public static <T> Builder<T> newBuilder(CodecRegistry<T> registry) {
    return new Builder<>(registry);
  }

  /** A cached type with no declared generator, renames or removals. */
  public static <T> CachedType<T> of(CodecRegistry<T> registry) {
    return newBuilder(registry).build();
  }

  /** The name that matches this type between builds: the class name unless set. */
  public String name() {
    return name;
  }

  /** The value type, {@code registry().valueType()}. */
  public Class<T> type() {
    return registry.valueType();
  }

  /** The registry production builds for this type. */
  public CodecRegistry<T> registry() {
    return registry;
  }

  /** The generator of values, or null to generate them from the type's fields. */
  public @Nullable Function<Random, ? extends T> generator() {
    return generator;
  }

  /** Declared renames, old field name to new field name (nested fields too, by name). */
  public Map<String, String> renames() {
    return renames;
  }

  /** Fields declared removed on purpose: their values may be dropped. */
  public Set<String> removals() {
    return removals;
  }

  @Override
  public String toString() {
    return "CachedType{" + name + ", " + registry + "}";
  }

  /**
   * Builds a {@link CachedType}; the name and generator may be set once.
   *
   * @param <T> the value type
   */
  public static final class Builder<T> {
    private final CodecRegistry<T> registry;
    private @Nullable String name;
    private @Nullable Function<Random, ? extends T> generator;
    private final Map<String, String> renames = new LinkedHashMap<>();
    private final Set<String> removals = new LinkedHashSet<>();

    private Builder(CodecRegistry<T> registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    /** The name that matches this type in the other build, for a class that moved. */
    public Builder<T> name(String name) {
      if (this.name != null) {
        throw new IllegalStateException("name was already set to " + this.name);
      }
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Generates the values to try, from the given {@link Random}; values it returns must be valid
     * for this build. Without one, values are generated from the fields.
     */
    public Builder<T> generator(Function<Random, ? extends T> generator) {
      if (this.generator != null) {
        throw new IllegalStateException("generator was already set");
      }
      this.generator = Objects.requireNonNull(generator, "generator");
      return this;
    }

    /** Declares that field {@code from} of the older version is {@code to} in the newer one. */
    public Builder<T> rename(String from, String to) {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      if (renames.putIfAbsent(from, to) != null) {
        throw new IllegalStateException("a rename of " + from + " was already declared");
      }
      return this;
    }

    /** Declares that {@code field} of the older version was removed on purpose. */
    public Builder<T> removal(String field) {
      if (!removals.add(Objects.requireNonNull(field, "field"))) {
        throw new IllegalStateException("a removal of " + field + " was already declared");
      }
      return this;
    }

    /** Returns the cached type. */
    public CachedType<T> build() {
      return new CachedType<>(this);
    }
  }
}
