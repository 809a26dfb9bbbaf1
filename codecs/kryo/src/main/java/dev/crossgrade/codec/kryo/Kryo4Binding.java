package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ByteArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.BigIntegerSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.BooleanSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.DoubleSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.LongSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.StringSerializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.WellKnownCodecs;
import org.jspecify.annotations.Nullable;

/**
 * The Kryo 4 generation for {@link RealKryoCodec}: a configured Kryo 4 instance over a {@link
 * BoundedInput4} and a {@link BoundedOutput4}, with the serializers of {@link Serializers4}.
 */
final class Kryo4Binding extends KryoBinding<Kryo, BoundedInput4, BoundedOutput4, Serializer<?>> {
  static final CodecDescriptor DESCRIPTOR = WellKnownCodecs.KRYO4;

  /** The first id of the generic value model's classes (see {@link KryoBinding#genericBase()}). */
  static final int GENERIC_BASE = 40;

  /** The one instance; it holds no state. */
  static final Kryo4Binding INSTANCE = new Kryo4Binding();

  private Kryo4Binding() {
    super(DESCRIPTOR, "Kryo 4", "Kryo4Codec", GENERIC_BASE);
  }

  @Override
  Kryo newKryo(boolean references) {
    Kryo kryo = new Kryo(new NamelessClassResolver(), new MapReferenceResolver());
    kryo.setRegistrationRequired(true);
    kryo.setReferences(references);
    // Kryo 4 skips an unknown tag only when told to (and only an annexed one).
    kryo.getTaggedFieldSerializerConfig().setSkipUnknownTags(true);
    return kryo;
  }

  @Override
  BoundedInput4 newInput(Bounds bounds) {
    return new BoundedInput4(bounds);
  }

  @Override
  BoundedOutput4 newOutput(Bounds bounds) {
    return new BoundedOutput4(bounds);
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
    return new Serializers4.BoundedStringArray(bounds);
  }

  @Override
  Serializer<?> objectArray(Kryo kryo, Class<?> type, Bounds bounds) {
    return new Serializers4.BoundedObjectArray(kryo, type, bounds);
  }

  @Override
  Serializer<?> collection(Bounds bounds) {
    return new Serializers4.BoundedCollection(bounds);
  }

  @Override
  Serializer<?> map(Bounds bounds, boolean generic) {
    return new Serializers4.BoundedMap(bounds, generic);
  }

  @Override
  Serializer<?> user(Kryo kryo, Class<?> type, KryoEvolution evolution, Bounds bounds) {
    return evolution == KryoEvolution.TAGGED
        ? new Serializers4.Tagged<>(kryo, type, bounds)
        : new Serializers4.Compatible<>(kryo, type, bounds);
  }

  @Override
  Serializer<?> notInModel(Class<?> type, int id) {
    return new Serializers4.NotInModel(type.getName(), id);
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
  void write(Kryo kryo, BoundedOutput4 output, Object body) {
    kryo.writeClassAndObject(output, body);
  }

  @Override
  @Nullable Object read(Kryo kryo, BoundedInput4 input) {
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
