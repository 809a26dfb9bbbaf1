package dev.crossgrade.codec.javalegacy;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LegacyReader;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.PayloadException;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.WellKnownCodecs;
import java.io.ObjectInputFilter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A read-only codec for Java-serialized values ({@link WellKnownCodecs#JAVA_SERIALIZATION}), for
 * migrating cache entries written with {@code ObjectOutputStream} to another codec without flushing
 * the cache. Use it as a {@link dev.crossgrade.codec.CodecRegistry.Builder#legacyReader legacy
 * reader}; it never writes.
 *
 * <p>It instantiates only the classes on its allow-list: the small JDK core in {@link
 * #coreClasses()} plus the exact classes given to {@link Builder#allowClass}. Every other class,
 * including the rest of {@code java.*}, every dynamic proxy, and every class named in a stream but
 * not allowed, is rejected before it is loaded, initialized or instantiated. There is deliberately
 * no way to allow a whole package: any class later added to it, or to a library sharing it, would
 * silently become readable, which is how gadget chains get in.
 *
 * <p>Each read first walks the stream's grammar (no class is touched) to check that it is one
 * well-formed object and to bound its depth, references, string and array lengths and its expanded
 * size (the objects it would have with every shared reference copied out, which bounds the work of
 * {@code hashCode} on nested collections). Then an {@link java.io.ObjectInputStream} reads it with
 * an {@link ObjectInputFilter} set on that stream alone (never the JVM-wide filter) that enforces
 * the allow-list and the same bounds, including the array sizes that collections claim from inside
 * their {@code readObject}. Each bound is the smaller of the builder's setting and the {@link
 * Limits} the read is given. (The walk follows the specification's grammar, so an allowed class
 * whose {@code writeObject} wrote custom data without first writing its fields, which the
 * specification forbids, reads as corrupt.)
 *
 * <p>Every failure is a {@link PayloadException}: a class not allowed, a changed {@code
 * serialVersionUID}, a damaged stream or a value of the wrong type is a {@link
 * CorruptPayloadException} whose reason names the class and, for a class not allowed, the builder
 * call that would allow it; a bound exceeded is a {@link LimitExceededException}. Instances are
 * immutable and thread-safe.
 *
 * @param <T> the type of the values read; a stream holding anything else is corrupt
 */
public final class JavaSerializationReader<T> implements Codec<T>, LegacyReader<T> {

  /** The default of {@link Builder#maxReferences(long)}. */
  public static final long DEFAULT_MAX_REFERENCES = 1_000_000;

  /** The default of {@link Builder#maxExpandedSize(long)}. */
  public static final long DEFAULT_MAX_EXPANDED_SIZE = 2_000_000;

  private final RealJavaSerializationReader<T> real;

  private JavaSerializationReader(Builder<T> builder) {
    this.real =
        new RealJavaSerializationReader<>(
            builder.valueType,
            builder.allowed,
            builder.maxBytes,
            builder.maxDepth,
            builder.maxReferences,
            builder.maxArrayLength,
            builder.maxExpandedSize);
  }

  /**
   * A builder for a reader of values of {@code valueType} ({@code Object.class} for any allowed
   * value). {@code valueType} itself is not allowed by this call: allow it with {@link
   * Builder#allowClass} unless it is an interface or a core class.
   */
  public static <T> Builder<T> newBuilder(Class<T> valueType) {
    return new Builder<>(Objects.requireNonNull(valueType, "valueType"));
  }

  /**
   * The JDK classes every reader allows: {@code String}, the boxed primitives (and their {@code
   * Number} superclass), {@code BigInteger}, {@code BigDecimal}, {@code UUID}, {@code
   * java.util.Date}, the {@code java.time} value classes, {@code ArrayList}, {@code LinkedList},
   * {@code ArrayDeque}, {@code HashMap}, {@code LinkedHashMap}, {@code TreeMap}, {@code HashSet},
   * {@code LinkedHashSet}, {@code TreeSet} and {@code Enum} (the superclass of allowed enums). Also
   * allowed, without being listed here because they are not public: the serial forms of {@code
   * java.time} values and of {@code List.of}, {@code Set.of}, {@code Map.of} and the empty
   * collections of {@code Collections}; and arrays of primitives and of allowed classes.
   */
  public static List<Class<?>> coreClasses() {
    return AllowList.CORE_CLASSES;
  }

  /** Every class this reader may instantiate: the core and the builder's classes. */
  public Set<Class<?>> allowedClasses() {
    return real.allowedClasses();
  }

  @Override
  public CodecDescriptor descriptor() {
    return real.descriptor();
  }

  @Override
  public Class<T> valueType() {
    return real.valueType();
  }

  /**
   * Always throws: Java serialization is read-only in Crossgrade.
   *
   * @throws UnencodableValueException always
   */
  @Override
  public void encode(T value, PayloadBuffer out, Limits limits) {
    real.encode(value, out, limits);
  }

  /** Reads the Java serialization stream at {@code bytes[offset, offset + length)}. */
  @Override
  public T decode(byte[] bytes, int offset, int length, Limits limits) {
    return real.decode(bytes, offset, length, limits);
  }

  /**
   * Reads the Java serialization stream at {@code bytes[offset, offset + length)}, which must hold
   * exactly one non-null value of the value type.
   *
   * @throws CorruptPayloadException if the stream is damaged, names a class that is not allowed or
   *     has changed, or holds something other than one value of the value type
   * @throws LimitExceededException if it is over one of the bounds
   */
  @Override
  public T read(byte[] bytes, int offset, int length, Limits limits) {
    return real.read(bytes, offset, length, limits);
  }

  /**
   * {@link #read(byte[], int, int, Limits)}, its stream reading at most {@code chunk} bytes a call.
   */
  T read(byte[] bytes, int offset, int length, Limits limits, int chunk) {
    return real.read(bytes, offset, length, limits, chunk);
  }

  @Override
  public String toString() {
    return real.toString();
  }

  /**
   * Builds a {@link JavaSerializationReader}. Classes are added with each {@code allowClass} call;
   * every bound may be set once and defaults to the {@link Limits} each read is given.
   *
   * @param <T> the type of the values read
   */
  public static final class Builder<T> {
    private final Class<T> valueType;
    private final List<Class<?>> allowed = new ArrayList<>();
    private long maxBytes = Long.MAX_VALUE;
    private int maxDepth = Integer.MAX_VALUE;
    private long maxReferences = DEFAULT_MAX_REFERENCES;
    private int maxArrayLength = Integer.MAX_VALUE;
    private long maxExpandedSize = DEFAULT_MAX_EXPANDED_SIZE;
    private int set;

    private Builder(Class<T> valueType) {
      this.valueType = valueType;
    }

    private void once(int bit, String name) {
      if ((set & bit) != 0) {
        throw new IllegalStateException(name + " was already set");
      }
      set |= bit;
    }

    /**
     * Allows instances of exactly {@code type}, a concrete {@link java.io.Serializable} class; not
     * its subclasses, and not its serializable superclasses, which need their own call. Only allow
     * classes whose deserialization you trust: their {@code readObject} and {@code readResolve} run
     * on whatever the cache holds.
     *
     * @throws IllegalArgumentException if {@code type} is an interface, array, primitive, proxy or
     *     not serializable
     */
    public Builder<T> allowClass(Class<?> type) {
      Objects.requireNonNull(type, "type");
      AllowList.checkAllowable(type);
      allowed.add(type);
      return this;
    }

    /** Allows each of {@code types}, as {@link #allowClass(Class)} does. */
    public Builder<T> allowClasses(Class<?>... types) {
      for (Class<?> type : types) {
        allowClass(type);
      }
      return this;
    }

    /** Allows each of {@code types}, as {@link #allowClass(Class)} does. */
    public Builder<T> allowClasses(Collection<? extends Class<?>> types) {
      for (Class<?> type : types) {
        allowClass(type);
      }
      return this;
    }

    /** The largest stream in bytes, 1 or more; default {@link Limits#maxPayloadSize()}. */
    public Builder<T> maxBytes(long bytes) {
      once(1, "maxBytes");
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBytes must be 1 or more, was " + bytes);
      }
      this.maxBytes = bytes;
      return this;
    }

    /**
     * The deepest nesting as {@link ObjectInputFilter.FilterInfo#depth()} counts it (objects and
     * superclass descriptors), 1 or more; default {@link Limits#maxDepth()}.
     */
    public Builder<T> maxDepth(int depth) {
      once(2, "maxDepth");
      if (depth < 1) {
        throw new IllegalArgumentException("maxDepth must be 1 or more, was " + depth);
      }
      this.maxDepth = depth;
      return this;
    }

    /**
     * The most object references (new objects, back references, nulls and class descriptors) one
     * stream may hold, 1 or more; default {@value #DEFAULT_MAX_REFERENCES}.
     */
    public Builder<T> maxReferences(long references) {
      once(4, "maxReferences");
      if (references < 1) {
        throw new IllegalArgumentException("maxReferences must be 1 or more, was " + references);
      }
      this.maxReferences = references;
      return this;
    }

    /**
     * The longest array, in the stream or claimed by a collection's {@code readObject}, 0 or more;
     * default {@link Limits#maxCollectionSize()}.
     */
    public Builder<T> maxArrayLength(int length) {
      once(8, "maxArrayLength");
      if (length < 0) {
        throw new IllegalArgumentException("maxArrayLength cannot be negative: " + length);
      }
      this.maxArrayLength = length;
      return this;
    }

    /**
     * The most objects a value may have when every shared reference is copied out, 1 or more;
     * default {@value #DEFAULT_MAX_EXPANDED_SIZE}. It bounds the work {@code hashCode} does on
     * collections nested in sets and map keys while they are read.
     */
    public Builder<T> maxExpandedSize(long size) {
      once(16, "maxExpandedSize");
      if (size < 1) {
        throw new IllegalArgumentException("maxExpandedSize must be 1 or more, was " + size);
      }
      this.maxExpandedSize = size;
      return this;
    }

    /** Returns the reader. */
    public JavaSerializationReader<T> build() {
      return new JavaSerializationReader<>(this);
    }
  }
}
