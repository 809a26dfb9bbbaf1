package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.PayloadBuffer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One Kryo instance of either generation with its bounded input and output, registered as its
 * {@link KryoConfig} says, used by one thread at a time. The generation is the {@link KryoBinding};
 * what does not depend on it (the registrations, buffers, bounds) is written here once.
 *
 * @param <K> the generation's {@code Kryo} class
 * @param <I> its bounded input
 * @param <O> its bounded output
 * @param <S> its {@code Serializer} class
 */
final class KryoSession<K, I extends BoundedReader, O extends BoundedWriter, S> {
  /** The first id a codec's own registrations may use: Kryo's own take 0 to 9. */
  private static final int FIRST_FREE_ID = 10;

  final Bounds bounds = new Bounds();
  private final KryoBinding<K, I, O, S> binding;
  private final K kryo;
  private final I input;
  private final O output;

  private KryoSession(KryoBinding<K, I, O, S> binding, KryoConfig config) {
    this.binding = binding;
    this.kryo = binding.newKryo(config.references());
    this.input = binding.newInput(bounds);
    this.output = binding.newOutput(bounds);
    if (config.generic()) {
      registerGenericModel();
    } else {
      register(config);
    }
  }

  /** A session of {@code binding}'s generation, configured by {@code config}. */
  static <K, I extends BoundedReader, O extends BoundedWriter, S> KryoSession<K, I, O, S> open(
      KryoBinding<K, I, O, S> binding, KryoConfig config) {
    return new KryoSession<>(binding, config);
  }

  private void register(KryoConfig config) {
    for (KryoConfig.Entry entry : config.registrations()) {
      Class<?> taken = binding.registeredType(kryo, entry.id());
      if (taken != null) {
        throw new IllegalArgumentException(
            "id %s of %s is %s's own registration of %s; use ids from %s"
                .formatted(
                    entry.id(),
                    entry.type().getName(),
                    binding.label(),
                    taken.getName(),
                    FIRST_FREE_ID));
      }
      binding.register(
          kryo, entry.type(), serializer(entry.type(), config.evolution()), entry.id());
    }
  }

  /** The serializer a registered class gets. */
  private S serializer(Class<?> type, KryoEvolution evolution) {
    return switch (TypeRules.kind(type)) {
      case PRIMITIVE_ARRAY, ENUM, JDK_VALUE -> ownSerializer(type);
      case STRING_ARRAY -> binding.stringArray(bounds);
      case OBJECT_ARRAY -> binding.objectArray(kryo, type, bounds);
      case COLLECTION -> binding.collection(bounds);
      case MAP -> binding.map(bounds, false);
      case USER -> binding.user(kryo, type, evolution, bounds);
    };
  }

  private S ownSerializer(Class<?> type) {
    S serializer = binding.ownSerializer(kryo, type);
    if (serializer == null) {
      throw new IllegalArgumentException(
          binding.label() + " has no serializer of its own for " + type.getName());
    }
    return serializer;
  }

  /**
   * Registers the generic value model under the generation's ids, and turns Kryo's own ids 0 to 9
   * into ids the model does not use.
   */
  private void registerGenericModel() {
    for (int id = 0; id < FIRST_FREE_ID; id++) {
      Class<?> builtIn = binding.registeredType(kryo, id);
      if (builtIn != null) {
        binding.register(kryo, builtIn, binding.notInModel(builtIn, id), id);
      }
    }
    int base = binding.genericBase();
    registerScalar(String.class, GenericValues.STRING);
    registerScalar(Long.class, GenericValues.LONG);
    registerScalar(Double.class, GenericValues.DOUBLE);
    registerScalar(Boolean.class, GenericValues.BOOLEAN);
    binding.register(kryo, ArrayList.class, binding.collection(bounds), base + GenericValues.LIST);
    binding.register(
        kryo, LinkedHashMap.class, binding.map(bounds, true), base + GenericValues.MAP);
    registerScalar(BigInteger.class, GenericValues.BIG_INTEGER);
    registerScalar(byte[].class, GenericValues.BYTES);
  }

  private void registerScalar(Class<?> type, int offset) {
    binding.register(kryo, type, binding.genericScalar(offset), binding.genericBase() + offset);
  }

  /** The deepest nesting Kryo may follow. */
  void maxDepth(int depth) {
    binding.maxDepth(kryo, depth);
  }

  /**
   * Writes {@code body} with its class into {@code out}, straight into its array: Kryo's output
   * takes the array, may grow it within {@code out}'s limit, and {@code out} adopts the result.
   */
  void write(Object body, PayloadBuffer out) {
    byte[] array = out.array();
    int max = (int) Math.max(array.length, Math.min(out.limit(), Integer.MAX_VALUE - 16));
    output.setBuffer(array, max);
    output.setPosition(out.size());
    binding.write(kryo, output, body);
    out.adopt(output.getBuffer(), output.position());
  }

  /** Reads one value with its class from {@code bytes[offset, offset + length)}. */
  @Nullable Object read(byte[] bytes, int offset, int length) {
    input.setBuffer(bytes, offset, length);
    return binding.read(kryo, input);
  }

  /** Where the last {@link #read} stopped in the array. */
  int readEnd() {
    return input.position();
  }

  /** Lets go of the caller's array after a write. */
  void releaseOutput() {
    output.release();
  }

  /** Lets go of the caller's array after a read. */
  void releaseInput() {
    input.release();
  }

  /** Clears Kryo's per-graph state after a failed read. */
  void reset() {
    binding.reset(kryo);
  }
}
