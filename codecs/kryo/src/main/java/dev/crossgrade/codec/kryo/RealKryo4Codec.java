package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ByteArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.BigIntegerSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.BooleanSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.DoubleSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.LongSerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.StringSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.WellKnownCodecs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * The Kryo 4 generation: its {@link KryoSession} (a configured Kryo 4 instance over a {@link
 * BoundedInput4} and a {@link BoundedOutput4}) and the registrations, for {@link KryoEngine}.
 */
final class RealKryo4Codec {
  static final CodecDescriptor DESCRIPTOR = WellKnownCodecs.KRYO4;

  /**
   * The first id of the generic value model's classes, in the order of {@link GenericValues}'s
   * offsets. Each generation has its own ids, so that one never reads the other's generic body.
   */
  static final int GENERIC_BASE = 40;

  private RealKryo4Codec() {}

  /** The Kryo 4 codec of {@code valueType}. */
  static <T> Codec<T> of(Class<T> valueType, KryoConfig config) {
    return new KryoEngine<>(DESCRIPTOR, "Kryo4Codec", valueType, config, Session::new);
  }

  /** A Kryo 4 instance with its input, output and bounds, used by one thread at a time. */
  static final class Session extends KryoSession {
    final Kryo kryo;
    final BoundedInput4 input = new BoundedInput4(bounds);
    final BoundedOutput4 output = new BoundedOutput4(bounds);

    Session(KryoConfig config) {
      this.kryo = newKryo(config, bounds);
    }

    @Override
    void maxDepth(int depth) {
      kryo.setMaxDepth(depth);
    }

    @Override
    void write(Object body, PayloadBuffer out) {
      byte[] array = out.array();
      int max = (int) Math.max(array.length, Math.min(out.limit(), Integer.MAX_VALUE - 16));
      output.setBuffer(array, max);
      output.setPosition(out.size());
      kryo.writeClassAndObject(output, body);
      out.adopt(output.getBuffer(), output.position());
    }

    @Override
    Object read(byte[] bytes, int offset, int length) {
      input.setBuffer(bytes, offset, length);
      return kryo.readClassAndObject(input);
    }

    @Override
    int readEnd() {
      return input.position();
    }

    @Override
    void releaseOutput() {
      output.release();
    }

    @Override
    void releaseInput() {
      input.release();
    }

    @Override
    void reset() {
      kryo.reset();
    }
  }

  static Kryo newKryo(KryoConfig config, Bounds bounds) {
    Kryo kryo = new Kryo(new NamelessClassResolver(), new MapReferenceResolver());
    kryo.setRegistrationRequired(true);
    kryo.setReferences(config.references());
    kryo.getTaggedFieldSerializerConfig().setSkipUnknownTags(true);
    if (config.generic()) {
      registerGenericModel(kryo, bounds);
      return kryo;
    }
    for (KryoConfig.Entry entry : config.registrations()) {
      Registration taken = kryo.getRegistration(entry.id());
      if (taken != null) {
        throw new IllegalArgumentException(
            "id "
                + entry.id()
                + " of "
                + entry.type().getName()
                + " is Kryo 4's own registration of "
                + taken.getType().getName()
                + "; use ids from 10");
      }
      kryo.register(
          entry.type(),
          Serializers4.forType(kryo, entry.type(), config.evolution(), bounds),
          entry.id());
    }
    return kryo;
  }

  /**
   * Registers the generic value model under this generation's ids, and turns Kryo's own ids 0 to 9
   * into ids the model does not use.
   */
  private static void registerGenericModel(Kryo kryo, Bounds bounds) {
    for (int id = 0; id < 10; id++) {
      Registration builtIn = kryo.getRegistration(id);
      if (builtIn != null) {
        kryo.register(
            builtIn.getType(), new Serializers4.NotInModel(builtIn.getType().getName(), id), id);
      }
    }
    StringSerializer strings = new StringSerializer();
    kryo.register(String.class, strings, GENERIC_BASE + GenericValues.STRING);
    kryo.register(Long.class, new LongSerializer(), GENERIC_BASE + GenericValues.LONG);
    kryo.register(Double.class, new DoubleSerializer(), GENERIC_BASE + GenericValues.DOUBLE);
    kryo.register(Boolean.class, new BooleanSerializer(), GENERIC_BASE + GenericValues.BOOLEAN);
    kryo.register(
        ArrayList.class,
        new Serializers4.BoundedCollection(bounds),
        GENERIC_BASE + GenericValues.LIST);
    Serializers4.BoundedMap map = new Serializers4.BoundedMap(bounds, true);
    map.setKeyClass(String.class, strings);
    map.setKeysCanBeNull(false);
    kryo.register(LinkedHashMap.class, map, GENERIC_BASE + GenericValues.MAP);
    kryo.register(
        BigInteger.class, new BigIntegerSerializer(), GENERIC_BASE + GenericValues.BIG_INTEGER);
    kryo.register(byte[].class, new ByteArraySerializer(), GENERIC_BASE + GenericValues.BYTES);
  }

  /** Refuses class names in the bytes: every class must be named by its registered id. */
  static final class NamelessClassResolver extends DefaultClassResolver {
    @Override
    protected Registration readName(Input input) {
      throw new CorruptPayloadException(
          "body names a class by name at "
              + Bounds.PATH
              + "; codec "
              + DESCRIPTOR.name()
              + " accepts only registered class ids: the bytes may have been written by another"
              + " Kryo generation or without registration");
    }
  }
}
