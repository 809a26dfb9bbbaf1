package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.Codec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * MessagePack codecs: {@link #newBuilder(Class)} builds one for a record type, in which each record
 * is a map from component name to value, so that the type can evolve. A reader ignores names it
 * does not know and gives a missing component its default: the value declared with {@link
 * Builder#defaultValue}, else zero or false for a primitive, empty for {@code Optional}, {@code
 * List} and {@code Map}; a missing component of any other type makes the payload unreadable.
 *
 * <p>Components may be primitives and their boxes, {@code String}, {@code byte[]}, {@code
 * BigInteger}, {@code Instant}, enums (written by constant name), records, {@code List<E>}, {@code
 * Map<K, V>} with {@code String}, integer or enum keys, {@code Optional<E>} (empty is nil) and
 * {@code Object} (any value of the {@linkplain #generic() generic model}). A {@code null} component
 * is written as nil. Build with {@link #newBuilder(Class)}; immutable and thread-safe.
 *
 * <p>The generic codecs ({@link #generic()}, {@link #genericOldSpec()}) are the MessagePack codecs
 * of the generic value model: one per {@link MessagePackSpec} generation, both reading every
 * payload either writes.
 *
 * <p>Values are those of {@link CodecProvider}'s model with MessagePack's additions:
 *
 * <ul>
 *   <li>{@code null} is nil; a body that is a single nil decodes as {@code null};
 *   <li>{@code Boolean}; integers decode as {@code Long}, or {@code java.math.BigInteger} for a
 *       uint64 above {@code Long.MAX_VALUE} ({@code Integer}, {@code Short} and {@code Byte} are
 *       accepted when writing);
 *   <li>{@code Float} is float32 and {@code Double} is float64, both bit for bit (NaN payloads and
 *       -0.0 included);
 *   <li>{@code String} is str, which must be well-formed UTF-8 (a string with an unpaired surrogate
 *       cannot be written, a str that is not UTF-8 cannot be read);
 *   <li>{@code byte[]} is bin; {@code java.time.Instant} is the timestamp extension (type -1);
 *       {@link MessagePackExtension} is any other extension type;
 *   <li>{@code List} is array; {@code Map} is map, read as an insertion-ordered {@code
 *       LinkedHashMap} and written in the map's iteration order (use an ordered map for repeatable
 *       bytes). Keys may be any scalar: nil, boolean, integer, float, string, timestamp or
 *       extension, but not binary, array or map, which have no value equality in Java. A map with a
 *       duplicate key is refused as corrupt, because readers disagree on which value wins.
 * </ul>
 *
 * <p>The {@linkplain #genericOldSpec() old-spec codec} writes binary as raw, exactly as it writes
 * strings, because the old specification has one raw type for both. Reading it back, raw bytes that
 * are well-formed UTF-8 become a {@code String} and others stay {@code byte[]}; so a {@code byte[]}
 * holding UTF-8 written by the old-spec codec reads back as that {@code String}. The old-spec codec
 * cannot write timestamps or extensions (old readers reject them). Its reader also takes a str that
 * is not UTF-8 as {@code byte[]}, where the current-spec reader fails as corrupt.
 */
public final class MessagePackCodec {
  private MessagePackCodec() {}

  /**
   * Starts a codec for the record type {@code valueType}.
   *
   * @throws IllegalArgumentException if {@code valueType} is not a record
   */
  public static <T> Builder<T> newBuilder(Class<T> valueType) {
    if (!valueType.isRecord()) {
      throw new IllegalArgumentException(
          valueType.getName() + " is not a record; MessagePackCodec maps records only");
    }
    return new Builder<>(valueType);
  }

  /** The generic codec of the current specification ({@code msgpack}, id 0x21). */
  public static Codec<Object> generic() {
    return GenericMessagePackCodec.CURRENT;
  }

  /** The generic codec that old-spec readers can read ({@code msgpack-oldspec}, id 0x20). */
  public static Codec<Object> genericOldSpec() {
    return GenericMessagePackCodec.OLD;
  }

  /** The generic codec that writes to {@code spec}. */
  public static Codec<Object> generic(MessagePackSpec spec) {
    return spec == MessagePackSpec.CURRENT
        ? GenericMessagePackCodec.CURRENT
        : GenericMessagePackCodec.OLD;
  }

  /**
   * Configures a {@link MessagePackCodec}; each setting may be set once.
   *
   * @param <T> the record type
   */
  public static final class Builder<T> {
    private final Class<T> valueType;
    private @Nullable MessagePackSpec spec;
    private final Map<Class<?>, Map<String, @Nullable Object>> defaults = new LinkedHashMap<>();

    private Builder(Class<T> valueType) {
      this.valueType = valueType;
    }

    /** The specification generation to write; {@link MessagePackSpec#CURRENT} if not set. */
    public Builder<T> spec(MessagePackSpec spec) {
      if (this.spec != null) {
        throw new IllegalStateException("spec was already set to " + this.spec);
      }
      this.spec = Objects.requireNonNull(spec, "spec");
      return this;
    }

    /**
     * The value that {@code component} of {@code recordType} (the codec's record or one nested in
     * it) takes when a payload has no entry for it, typically one written before the component was
     * added. The value should be immutable: every decoded record shares it.
     *
     * @throws IllegalStateException if this component's default was already set
     */
    public Builder<T> defaultValue(
        Class<? extends Record> recordType, String component, @Nullable Object value) {
      Map<String, @Nullable Object> forType =
          defaults.computeIfAbsent(recordType, type -> new LinkedHashMap<>());
      if (forType.containsKey(component)) {
        throw new IllegalStateException(
            "the default of " + recordType.getName() + "." + component + " was already set");
      }
      forType.put(component, value);
      return this;
    }

    /**
     * Returns the codec.
     *
     * @throws IllegalArgumentException if a component's type cannot be mapped, or a default names
     *     an unknown record or component or has the wrong type
     */
    public Codec<T> build() {
      Map<Class<?>, TypeMapping.RecordMapping> records = new HashMap<>();
      TypeMapping root = TypeMapping.of(valueType, records, valueType.getName());
      for (Map.Entry<Class<?>, Map<String, @Nullable Object>> entry : defaults.entrySet()) {
        TypeMapping.RecordMapping record = records.get(entry.getKey());
        if (record == null) {
          throw new IllegalArgumentException(
              "a default was set for %s, which is not %s or a record inside it"
                  .formatted(entry.getKey().getName(), valueType.getName()));
        }
        entry.getValue().forEach(record::defaultValue);
      }
      return new RealMessagePackCodec<>(
          valueType,
          spec == null ? MessagePackSpec.CURRENT : spec,
          (TypeMapping.RecordMapping) root);
    }
  }
}
