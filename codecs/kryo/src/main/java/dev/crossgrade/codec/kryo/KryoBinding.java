package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.CodecDescriptor;
import org.jspecify.annotations.Nullable;

/**
 * What one Kryo generation gives {@link RealKryoCodec}: a Kryo instance, its bounded input and
 * output, its serializers, and the calls that read, write, reset and register. Each method is one
 * call into that generation's API; everything that does not depend on the generation is in {@link
 * RealKryoCodec} and {@link KryoSession}.
 *
 * @param <K> the generation's {@code Kryo} class
 * @param <I> its bounded input
 * @param <O> its bounded output
 * @param <S> its {@code Serializer} class
 */
abstract class KryoBinding<K, I extends BoundedReader, O extends BoundedWriter, S> {
  private final CodecDescriptor descriptor;
  private final String label;
  private final String facade;
  private final int genericBase;

  /**
   * @param descriptor the codec this generation writes
   * @param label the generation's name in messages, such as {@code Kryo 5}
   * @param facade the public class that builds this generation's codecs
   * @param genericBase the first id of the generic value model's classes
   */
  KryoBinding(CodecDescriptor descriptor, String label, String facade, int genericBase) {
    this.descriptor = descriptor;
    this.label = label;
    this.facade = facade;
    this.genericBase = genericBase;
  }

  /** The codec this generation writes. */
  final CodecDescriptor descriptor() {
    return descriptor;
  }

  /** The generation's name in messages, such as {@code Kryo 5}. */
  final String label() {
    return label;
  }

  /** The public class that builds this generation's codecs, for messages and {@code toString}. */
  final String facade() {
    return facade;
  }

  /**
   * The first id of the generic value model's classes, in the order of {@link GenericValues}'s
   * offsets. Each generation has its own ids, so that one never reads the other's generic body.
   */
  final int genericBase() {
    return genericBase;
  }

  /**
   * A Kryo instance that requires registration, refuses class names in the bytes, and tracks
   * references if {@code references}.
   */
  abstract K newKryo(boolean references);

  /** A bounded input over no bytes yet. */
  abstract I newInput(Bounds bounds);

  /** A bounded output over no buffer yet. */
  abstract O newOutput(Bounds bounds);

  /** The class registered under {@code id}, or null. */
  abstract @Nullable Class<?> registeredType(K kryo, int id);

  /** Registers {@code type} under {@code id}, written by {@code serializer}. */
  abstract void register(K kryo, Class<?> type, S serializer, int id);

  /**
   * Kryo's own serializer of {@code type} (primitive arrays, enums, JDK values), or null where Kryo
   * has none but its reflective field serializer, which is not bounded.
   */
  abstract @Nullable S ownSerializer(K kryo, Class<?> type);

  /** The bounded serializer of a string array. */
  abstract S stringArray(Bounds bounds);

  /** The bounded serializer of an object array of {@code type}. */
  abstract S objectArray(K kryo, Class<?> type, Bounds bounds);

  /** The bounded serializer of a collection. */
  abstract S collection(Bounds bounds);

  /** The bounded serializer of a map; the generic model's has non-null string keys. */
  abstract S map(Bounds bounds, boolean generic);

  /** The evolution-tolerant serializer of a user class. */
  abstract S user(K kryo, Class<?> type, KryoEvolution evolution, Bounds bounds);

  /**
   * A serializer that refuses Kryo's own class {@code type}, which the generic model does not use.
   */
  abstract S notInModel(Class<?> type, int id);

  /**
   * The serializer of a scalar of the generic model, at {@code offset} in {@link GenericValues}.
   */
  abstract S genericScalar(int offset);

  /** The deepest nesting Kryo may follow. */
  abstract void maxDepth(K kryo, int depth);

  /** Writes {@code body} with its class. */
  abstract void write(K kryo, O output, Object body);

  /** Reads one value with its class. */
  abstract @Nullable Object read(K kryo, I input);

  /** Clears Kryo's per-graph state after a failed read. */
  abstract void reset(K kryo);
}
