package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.CompatibleFieldSerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.ObjectArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultArraySerializers.StringArraySerializer;
import com.esotericsoftware.kryo.serializers.DefaultSerializers.StringSerializer;
import com.esotericsoftware.kryo.serializers.FieldSerializer.CachedField;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.serializers.TaggedFieldSerializer;
import com.esotericsoftware.kryo.serializers.TaggedFieldSerializer.Tag;
import com.esotericsoftware.kryo.util.ObjectMap;
import dev.crossgrade.codec.CorruptPayloadException;
import java.util.Collection;
import java.util.Map;

/**
 * Kryo 4 serializers that keep Kryo 4's wire format but check every claimed size before allocating,
 * bound the nesting depth, and read chunked fields through {@link BoundedInputChunked4}.
 */
final class Serializers4 {
  private Serializers4() {}

  /** Kryo 4 reads only through its bounded inputs: {@link BoundedInput4} and its chunks. */
  private static BoundedSource bounded(Input input) {
    if (!(input instanceof BoundedSource source)) {
      throw new CorruptPayloadException("internal: unbounded Kryo 4 input at " + Bounds.PATH);
    }
    return source;
  }

  private static void checkLengthHeader(Bounds bounds, Input input, int minBytesPerElement) {
    bounds.checkClaimedElements(
        input, BoundedSource.peekVarInt(bounded(input)), minBytesPerElement);
  }

  /** Collections, with the claimed size checked before Kryo 4 sizes an ArrayList for it. */
  @SuppressWarnings({"rawtypes", "unchecked"}) // Kryo 4's CollectionSerializer is raw.
  static final class BoundedCollection extends CollectionSerializer {
    private final Bounds bounds;

    BoundedCollection(Bounds bounds) {
      this.bounds = bounds;
    }

    @Override
    public void write(Kryo kryo, Output output, Collection collection) {
      bounds.checkWrittenSize(collection.size());
      super.write(kryo, output, collection);
    }

    @Override
    public Collection read(Kryo kryo, Input input, Class<Collection> type) {
      bounds.checkDepth(kryo.getDepth());
      checkLengthHeader(bounds, input, 1);
      return super.read(kryo, input, type);
    }
  }

  /**
   * Maps, with the claimed size checked. The generic model's map has non-null string keys and
   * refuses duplicate keys.
   */
  @SuppressWarnings({"rawtypes", "unchecked"}) // Kryo 4's MapSerializer is raw.
  static final class BoundedMap extends MapSerializer {
    private final Bounds bounds;
    private final boolean generic;

    BoundedMap(Bounds bounds, boolean generic) {
      this.bounds = bounds;
      this.generic = generic;
      if (generic) {
        setKeyClass(String.class, new StringSerializer());
        setKeysCanBeNull(false);
      }
    }

    @Override
    public void write(Kryo kryo, Output output, Map map) {
      bounds.checkWrittenSize(map.size());
      super.write(kryo, output, map);
    }

    @Override
    public Map read(Kryo kryo, Input input, Class<Map> type) {
      bounds.checkDepth(kryo.getDepth());
      checkLengthHeader(bounds, input, 0);
      int claimed = BoundedSource.peekVarInt((BoundedSource) input);
      Map map = super.read(kryo, input, type);
      if (generic) {
        GenericValues.checkDecodedMap(map, claimed);
      }
      return map;
    }
  }

  /** Arrays of strings, with the claimed length checked (each element takes a byte or more). */
  static final class BoundedStringArray extends StringArraySerializer {
    private final Bounds bounds;

    BoundedStringArray(Bounds bounds) {
      this.bounds = bounds;
    }

    @Override
    public void write(Kryo kryo, Output output, String[] array) {
      bounds.checkWrittenArray(array);
      super.write(kryo, output, array);
    }

    @Override
    public String[] read(Kryo kryo, Input input, Class<String[]> type) {
      bounds.checkArrayHeader(bounded(input));
      return super.read(kryo, input, type);
    }
  }

  /** Arrays of objects, with the claimed length checked (each element takes a byte or more). */
  static final class BoundedObjectArray extends ObjectArraySerializer {
    private final Bounds bounds;

    BoundedObjectArray(Kryo kryo, Class<?> type, Bounds bounds) {
      super(kryo, type);
      this.bounds = bounds;
    }

    @Override
    public void write(Kryo kryo, Output output, Object[] array) {
      bounds.checkWrittenArray(array);
      super.write(kryo, output, array);
    }

    @Override
    public Object[] read(Kryo kryo, Input input, Class<Object[]> type) {
      bounds.checkDepth(kryo.getDepth());
      bounds.checkArrayHeader(bounded(input));
      return super.read(kryo, input, type);
    }
  }

  /**
   * User classes whose fields are matched by name, in Kryo 4's format: the field names once per
   * graph, then each field in chunks, which are read through {@link BoundedInputChunked4}.
   */
  @SuppressWarnings({"rawtypes", "unchecked"}) // Kryo 4's cached fields and graph context are raw.
  static final class Compatible<T> extends CompatibleFieldSerializer<T> {
    private final Bounds bounds;

    Compatible(Kryo kryo, Class<T> type, Bounds bounds) {
      super(kryo, type);
      this.bounds = bounds;
    }

    @Override
    public T read(Kryo kryo, Input input, Class<T> type) {
      bounds.checkDepth(kryo.getDepth());
      T object = create(kryo, input, type);
      kryo.reference(object);
      ObjectMap context = kryo.getGraphContext();
      CachedField[] fields = (CachedField[]) context.get(this);
      if (fields == null) {
        int length = input.readVarInt(true);
        bounds.checkClaimedElements(input, length, 1);
        CachedField[] known = getFields();
        fields = new CachedField[length];
        for (int i = 0; i < length; i++) {
          String name = input.readString();
          for (CachedField field : known) {
            if (getCachedFieldName(field).equals(name)) {
              fields[i] = field;
              break;
            }
          }
        }
        context.put(this, fields);
      }
      BoundedInputChunked4 chunked = new BoundedInputChunked4(input, bounds);
      boolean hasGenerics = getGenerics() != null;
      for (CachedField field : fields) {
        CachedField current = field;
        if (current != null && hasGenerics) {
          current = getField(getCachedFieldName(current));
        }
        if (current != null) {
          readField(current, chunked, object);
        }
        chunked.nextChunks();
      }
      return object;
    }
  }

  /**
   * User classes whose {@code @Tag}ged fields are matched by tag, in Kryo 4's format; annexed
   * fields and skipped unknown tags are read through {@link BoundedInputChunked4}.
   */
  @SuppressWarnings({"rawtypes", "unchecked"}) // Kryo 4's cached fields are raw.
  static final class Tagged<T> extends TaggedFieldSerializer<T> {
    private final Bounds bounds;

    Tagged(Kryo kryo, Class<T> type, Bounds bounds) {
      super(kryo, type);
      this.bounds = bounds;
    }

    @Override
    public T read(Kryo kryo, Input input, Class<T> type) {
      bounds.checkDepth(kryo.getDepth());
      T object = create(kryo, input, type);
      kryo.reference(object);
      int fieldCount = input.readVarInt(true);
      CachedField[] fields = getFields();
      BoundedInputChunked4 chunked = null;
      for (int i = 0; i < fieldCount; i++) {
        int tag = input.readVarInt(true);
        CachedField field = null;
        boolean annexed = false;
        for (CachedField candidate : fields) {
          Tag annotation = candidate.getField().getAnnotation(Tag.class);
          if (annotation != null && annotation.value() == tag) {
            field = candidate;
            annexed = annotation.annexed();
            break;
          }
        }
        if (field == null) {
          if (!isSkipUnknownTags()) {
            throw new KryoException("Unknown field tag: " + tag + " (" + getType().getName() + ")");
          }
          if (chunked == null) {
            chunked = new BoundedInputChunked4(input, bounds);
          }
          chunked.nextChunks();
        } else if (annexed) {
          if (chunked == null) {
            chunked = new BoundedInputChunked4(input, bounds);
          }
          readField(field, chunked, object);
          chunked.nextChunks();
        } else {
          readField(field, input, object);
        }
      }
      return object;
    }
  }

  /**
   * Reads one field, naming it in the serialization trace when a primitive or string field fails
   * (Kryo 4 names object fields itself).
   */
  @SuppressWarnings("rawtypes") // Kryo 4's cached fields are raw.
  private static void readField(CachedField field, Input input, Object object) {
    try {
      field.read(input, object);
    } catch (KryoException e) {
      throw e;
    } catch (RuntimeException e) {
      KryoException traced = new KryoException(e);
      traced.addTrace(field.getField().getName() + " (" + object.getClass().getName() + ")");
      throw traced;
    }
  }

  /** A class Kryo registers itself that the generic value model does not use. */
  static final class NotInModel extends Serializer<Object> {
    private final String name;
    private final int id;

    NotInModel(String name, int id) {
      this.name = name;
      this.id = id;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
      throw GenericValues.notInModel(name);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<Object> type) {
      throw GenericValues.notInModel(name, id);
    }
  }
}
