package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Registration;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultArraySerializers.ByteArraySerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.BigIntegerSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.BooleanSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.DoubleSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.LongSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.StringSerializer;
import com.esotericsoftware.kryo.kryo5.util.DefaultClassResolver;
import com.esotericsoftware.kryo.kryo5.util.MapReferenceResolver;
import com.esotericsoftware.kryo.kryo5.util.Pool;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.WellKnownCodecs;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The Kryo 5 codec: one configured Kryo instance per concurrent caller, taken from a pool, reading
 * through a {@link BoundedInput5} and writing straight into the payload buffer.
 */
final class RealKryo5Codec<T> implements Codec<T> {
  static final CodecDescriptor DESCRIPTOR = WellKnownCodecs.KRYO5;

  /**
   * The first id of the generic value model's classes, in the order of {@link GenericValues}'s
   * offsets. Each generation has its own ids, so that one never reads the other's generic body.
   */
  static final int GENERIC_BASE = 20;

  private final Class<T> valueType;
  private final KryoConfig config;
  private final Pool<Session> pool;

  RealKryo5Codec(Class<T> valueType, KryoConfig config) {
    this.valueType = valueType;
    this.config = config;
    this.pool =
        new Pool<>(true, false, 4 * Runtime.getRuntime().availableProcessors()) {
          @Override
          protected Session create() {
            return new Session(config);
          }
        };
    // Builds one Kryo instance now, so that a bad registration fails at build time.
    pool.free(new Session(config));
  }

  @Override
  public CodecDescriptor descriptor() {
    return DESCRIPTOR;
  }

  @Override
  public Class<T> valueType() {
    return valueType;
  }

  @Override
  public void encode(T value, PayloadBuffer out, Limits limits) {
    Objects.requireNonNull(value, "value");
    Object body = config.generic() ? GenericValues.normalize(value, limits, DESCRIPTOR) : value;
    Session session = pool.obtain();
    boolean clean = false;
    try {
      session.bounds.begin(limits, 0);
      session.kryo.setMaxDepth(limits.maxDepth() + 1);
      byte[] array = out.array();
      int max = (int) Math.max(array.length, Math.min(out.limit(), Integer.MAX_VALUE - 16));
      session.output.setBuffer(array, max);
      session.output.setPosition(out.size());
      session.kryo.writeClassAndObject(session.output, body);
      out.adopt(session.output.getBuffer(), session.output.position());
      clean = true;
    } catch (RuntimeException | StackOverflowError e) {
      throw KryoFailures.onEncode(e, DESCRIPTOR, limits, config.builderName());
    } finally {
      session.output.release();
      if (clean) {
        pool.free(session);
      }
    }
  }

  @Override
  public T decode(byte[] bytes, int offset, int length, Limits limits) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    Session session = pool.obtain();
    boolean clean = false;
    try {
      session.bounds.begin(limits, length);
      session.kryo.setMaxDepth(limits.maxDepth() + 1);
      session.input.setBuffer(bytes, offset, length);
      Object value = session.kryo.readClassAndObject(session.input);
      int left = offset + length - session.input.position();
      if (left != 0) {
        throw new CorruptPayloadException(
            left + " bytes left over after the value (" + length + " byte body)",
            DESCRIPTOR.id(),
            -1,
            null);
      }
      T result = checkType(value);
      clean = true;
      return result;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // A bad body is the common failure: reset the session and keep it, so that a hostile entry
      // read again and again does not build a Kryo instance each time. After an Error its state
      // is unknown and it is dropped.
      clean = e instanceof RuntimeException && reset(session);
      throw KryoFailures.onDecode(e, DESCRIPTOR, limits);
    } finally {
      session.input.release();
      if (clean) {
        pool.free(session);
      }
    }
  }

  private static boolean reset(Session session) {
    try {
      session.kryo.reset();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private T checkType(@Nullable Object value) {
    if (config.generic()) {
      return valueType.cast(GenericValues.checkDecoded(value, DESCRIPTOR));
    }
    if (!valueType.isInstance(value)) {
      throw new CorruptPayloadException(
          "body holds "
              + (value == null ? "null" : "a " + value.getClass().getName())
              + ", not a "
              + valueType.getName(),
          DESCRIPTOR.id(),
          -1,
          null);
    }
    return valueType.cast(value);
  }

  @Override
  public String toString() {
    return "KryoCodec{" + DESCRIPTOR.name() + ", " + valueType.getName() + "}";
  }

  /** A Kryo 5 instance with its input, output and bounds, used by one thread at a time. */
  static final class Session {
    final Bounds bounds = new Bounds();
    final Kryo kryo;
    final BoundedInput5 input = new BoundedInput5(bounds);
    final BoundedOutput5 output = new BoundedOutput5(bounds);

    Session(KryoConfig config) {
      this.kryo = newKryo(config, bounds);
    }
  }

  static Kryo newKryo(KryoConfig config, Bounds bounds) {
    Kryo kryo = new Kryo(new NamelessClassResolver(), new MapReferenceResolver());
    kryo.setRegistrationRequired(true);
    kryo.setReferences(config.references());
    // Generic type information would make the data of a removed field unreadable, so unskippable.
    kryo.setOptimizedGenerics(false);
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
                + " is Kryo 5's own registration of "
                + taken.getType().getName()
                + "; use ids from 10");
      }
      kryo.register(
          entry.type(),
          Serializers5.forType(kryo, entry.type(), config.evolution(), bounds),
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
            builtIn.getType(), new Serializers5.NotInModel(builtIn.getType().getName(), id), id);
      }
    }
    StringSerializer strings = new StringSerializer();
    kryo.register(String.class, strings, GENERIC_BASE + GenericValues.STRING);
    kryo.register(Long.class, new LongSerializer(), GENERIC_BASE + GenericValues.LONG);
    kryo.register(Double.class, new DoubleSerializer(), GENERIC_BASE + GenericValues.DOUBLE);
    kryo.register(Boolean.class, new BooleanSerializer(), GENERIC_BASE + GenericValues.BOOLEAN);
    kryo.register(
        ArrayList.class,
        new Serializers5.BoundedCollection(bounds),
        GENERIC_BASE + GenericValues.LIST);
    Serializers5.BoundedMap map = new Serializers5.BoundedMap(bounds, true);
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
