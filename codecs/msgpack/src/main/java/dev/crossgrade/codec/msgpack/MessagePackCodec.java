package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A MessagePack codec for one record type: each record is a map from component name to value, so
 * that the type can evolve. A reader ignores names it does not know and gives a missing component
 * its default: the value declared with {@link Builder#defaultValue}, else zero or false for a
 * primitive, empty for {@code Optional}, {@code List} and {@code Map}; a missing component of any
 * other type makes the payload unreadable.
 *
 * <p>Components may be primitives and their boxes, {@code String}, {@code byte[]}, {@code
 * BigInteger}, {@code Instant}, enums (written by constant name), records, {@code List<E>}, {@code
 * Map<K, V>} with {@code String}, integer or enum keys, {@code Optional<E>} (empty is nil) and
 * {@code Object} (any value of the {@linkplain MessagePackCodecs generic model}). A {@code null}
 * component is written as nil. Build with {@link #newBuilder(Class)}; immutable and thread-safe.
 *
 * @param <T> the record type
 */
public final class MessagePackCodec<T> implements Codec<T> {
  private final Class<T> valueType;
  private final MessagePackSpec spec;
  private final TypeMapping.RecordMapping mapping;

  private MessagePackCodec(
      Class<T> valueType, MessagePackSpec spec, TypeMapping.RecordMapping root) {
    this.valueType = valueType;
    this.spec = spec;
    this.mapping = root;
  }

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

  @Override
  public CodecDescriptor descriptor() {
    return spec.descriptor();
  }

  @Override
  public Class<T> valueType() {
    return valueType;
  }

  /** The specification generation this codec writes; it reads both. */
  public MessagePackSpec spec() {
    return spec;
  }

  @Override
  public void encode(T value, PayloadBuffer out, Limits limits) {
    Object generic = mapping.toGeneric(value, new Path(), limits, 0);
    ValueWriter.write(generic, out, limits, spec);
  }

  @Override
  public T decode(byte[] bytes, int offset, int length, Limits limits) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    Object generic = ValueReader.read(bytes, offset, length, limits, spec == MessagePackSpec.OLD);
    Object value = mapping.fromGeneric(generic, new Path());
    if (value == null) {
      throw new CorruptPayloadException("body is nil, not a map for record " + valueType.getName());
    }
    return valueType.cast(value);
  }

  @Override
  public String toString() {
    return "MessagePackCodec[" + valueType.getName() + ", " + spec + "]";
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
    public MessagePackCodec<T> build() {
      Map<Class<?>, TypeMapping.RecordMapping> records = new HashMap<>();
      TypeMapping root = TypeMapping.of(valueType, records, valueType.getName());
      for (Map.Entry<Class<?>, Map<String, @Nullable Object>> entry : defaults.entrySet()) {
        TypeMapping.RecordMapping record = records.get(entry.getKey());
        if (record == null) {
          throw new IllegalArgumentException(
              "a default was set for "
                  + entry.getKey().getName()
                  + ", which is not "
                  + valueType.getName()
                  + " or a record inside it");
        }
        entry.getValue().forEach(record::defaultValue);
      }
      return new MessagePackCodec<>(
          valueType,
          spec == null ? MessagePackSpec.CURRENT : spec,
          (TypeMapping.RecordMapping) root);
    }
  }
}
