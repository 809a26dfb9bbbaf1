package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Registration;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultArraySerializers.ByteArraySerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.BigIntegerSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.BooleanSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.DoubleSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.LongSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.StringSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.FieldSerializer;
import com.esotericsoftware.kryo.kryo5.util.DefaultClassResolver;
import com.esotericsoftware.kryo.kryo5.util.MapReferenceResolver;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.WellKnownCodecs;
import org.jspecify.annotations.Nullable;

/**
 * The Kryo 5 generation for {@link RealKryoCodec}: a configured Kryo 5 instance over a {@link
 * BoundedInput5} and a {@link BoundedOutput5}, with the serializers of {@link Serializers5}.
 */
final class Kryo5Binding extends KryoBinding<Kryo, BoundedInput5, BoundedOutput5, Serializer<?>> {
  static final CodecDescriptor DESCRIPTOR = WellKnownCodecs.KRYO5;

  /** The first id of the generic value model's classes (see {@link KryoBinding#genericBase()}). */
  static final int GENERIC_BASE = 20;

  /** The one instance; it holds no state. */
  static final Kryo5Binding INSTANCE = new Kryo5Binding();

  private Kryo5Binding() {
    super(DESCRIPTOR, "Kryo 5", "Kryo5Codec", GENERIC_BASE);
  }

  @Override
  Kryo newKryo(boolean references) {
    Kryo kryo = new Kryo(new NamelessClassResolver(), new MapReferenceResolver());
    kryo.setRegistrationRequired(true);
    kryo.setReferences(references);
    // Generic type information would make the data of a removed field unreadable, so unskippable.
    kryo.setOptimizedGenerics(false);
    return kryo;
  }

  @Override
  BoundedInput5 newInput(Bounds bounds) {
    return new BoundedInput5(bounds);
  }

  @Override
  BoundedOutput5 newOutput(Bounds bounds) {
    return new BoundedOutput5(bounds);
  }

  @Override
  @Nullable Class<?> registeredType(Kryo kryo, int id) {
    Registration registration = kryo.getRegistration(id);
    return registration == null ? null : registration.getType();
  }

  @Override
  void register(Kryo kryo, Class<?> type, Serializer<?> serializer, int id) {
    kryo.register(type, serializer, id);
  }

  @Override
  @Nullable Serializer<?> ownSerializer(Kryo kryo, Class<?> type) {
    Serializer<?> serializer = kryo.getDefaultSerializer(type);
    return serializer instanceof FieldSerializer ? null : serializer;
  }

  @Override
  Serializer<?> stringArray(Bounds bounds) {
    return new Serializers5.BoundedStringArray(bounds);
  }

  @Override
  Serializer<?> objectArray(Kryo kryo, Class<?> type, Bounds bounds) {
    return new Serializers5.BoundedObjectArray(kryo, type, bounds);
  }

  @Override
  Serializer<?> collection(Bounds bounds) {
    return new Serializers5.BoundedCollection(bounds);
  }

  @Override
  Serializer<?> map(Bounds bounds, boolean generic) {
    return new Serializers5.BoundedMap(bounds, generic);
  }

  @Override
  Serializer<?> user(Kryo kryo, Class<?> type, KryoEvolution evolution, Bounds bounds) {
    return evolution == KryoEvolution.TAGGED
        ? new Serializers5.Tagged<>(kryo, type, bounds)
        : new Serializers5.Compatible<>(kryo, type, bounds);
  }

  @Override
  Serializer<?> notInModel(Class<?> type, int id) {
    return new Serializers5.NotInModel(type.getName(), id);
  }

  @Override
  Serializer<?> genericScalar(int offset) {
    return switch (offset) {
      case GenericValues.STRING -> new StringSerializer();
      case GenericValues.LONG -> new LongSerializer();
      case GenericValues.DOUBLE -> new DoubleSerializer();
      case GenericValues.BOOLEAN -> new BooleanSerializer();
      case GenericValues.BIG_INTEGER -> new BigIntegerSerializer();
      case GenericValues.BYTES -> new ByteArraySerializer();
      default -> throw new IllegalArgumentException("no scalar at offset " + offset);
    };
  }

  @Override
  void maxDepth(Kryo kryo, int depth) {
    kryo.setMaxDepth(depth);
  }

  @Override
  void write(Kryo kryo, BoundedOutput5 output, Object body) {
    kryo.writeClassAndObject(output, body);
  }

  @Override
  @Nullable Object read(Kryo kryo, BoundedInput5 input) {
    return kryo.readClassAndObject(input);
  }

  @Override
  void reset(Kryo kryo) {
    kryo.reset();
  }

  /** Refuses class names in the bytes: every class must be named by its registered id. */
  static final class NamelessClassResolver extends DefaultClassResolver {
    @Override
    protected Registration readName(Input input) {
      throw KryoFailures.classNamed(DESCRIPTOR);
    }
  }
}
