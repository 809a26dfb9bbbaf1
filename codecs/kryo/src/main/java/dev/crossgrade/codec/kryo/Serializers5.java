package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.CompatibleFieldSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.CompatibleFieldSerializer.CompatibleFieldSerializerConfig;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultArraySerializers.ObjectArraySerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultArraySerializers.StringArraySerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers.StringSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.MapSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.TaggedFieldSerializer.TaggedFieldSerializerConfig;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Kryo 5 serializers that keep Kryo's wire format but check every claimed size before allocating,
 * and bound the nesting depth of containers and objects.
 */
final class Serializers5 {
  private Serializers5() {}

  /** Collections, with the claimed size checked and the first allocation bounded by the bytes. */
  static final class BoundedCollection extends CollectionSerializer<Collection<Object>> {
    private final Bounds bounds;

    BoundedCollection(Bounds bounds) {
      this.bounds = bounds;
    }

    @Override
    public void write(Kryo kryo, Output output, Collection<Object> collection) {
      if (collection != null) {
        bounds.checkWrittenSize(collection.size());
      }
      super.write(kryo, output, collection);
    }

    @Override
    public Collection<Object> read(
        Kryo kryo, Input input, Class<? extends Collection<Object>> type) {
      bounds.checkDepth(kryo.getDepth());
      return super.read(kryo, input, type);
    }

    @Override
    protected Collection<Object> create(
        Kryo kryo, Input input, Class<? extends Collection<Object>> type, int size) {
      int capacity = bounds.capacityFor(input, size);
      if ((Class<?>) type == ArrayList.class) {
        return new ArrayList<>(capacity);
      }
      if ((Class<?>) type == HashSet.class) {
        return new HashSet<>(hashCapacity(capacity));
      }
      if ((Class<?>) type == LinkedHashSet.class) {
        return new LinkedHashSet<>(hashCapacity(capacity));
      }
      return kryo.newInstance(type);
    }
  }

  /**
   * Maps, with the claimed size checked and the first allocation bounded by the bytes. The generic
   * model's map has non-null string keys and refuses duplicate keys.
   */
  static final class BoundedMap extends MapSerializer<Map<Object, Object>> {
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
    public void write(Kryo kryo, Output output, Map<Object, Object> map) {
      if (map != null) {
        bounds.checkWrittenSize(map.size());
      }
      super.write(kryo, output, map);
    }

    @Override
    public Map<Object, Object> read(
        Kryo kryo, Input input, Class<? extends Map<Object, Object>> type) {
      bounds.checkDepth(kryo.getDepth());
      if (!generic || !(input instanceof BoundedSource source)) {
        return super.read(kryo, input, type);
      }
      int claimed = BoundedSource.peekVarInt(source) - 1;
      Map<Object, Object> map = super.read(kryo, input, type);
      if (map == null) {
        // Kryo writes a null element of a same-typed collection through the map serializer.
        return null;
      }
      GenericValues.checkDecodedMap(map, claimed);
      return map;
    }

    @Override
    protected Map<Object, Object> create(
        Kryo kryo, Input input, Class<? extends Map<Object, Object>> type, int size) {
      int capacity = bounds.capacityFor(input, size);
      if ((Class<?>) type == HashMap.class) {
        return new HashMap<>(hashCapacity(capacity));
      }
      if ((Class<?>) type == LinkedHashMap.class) {
        return new LinkedHashMap<>(hashCapacity(capacity));
      }
      return kryo.newInstance(type);
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
    @SuppressWarnings("rawtypes") // Kryo's StringArraySerializer declares a raw Class parameter.
    public String[] read(Kryo kryo, Input input, Class type) {
      checkArrayHeader(bounds, input);
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
    @SuppressWarnings("rawtypes") // Kryo's ObjectArraySerializer declares a raw Class parameter.
    public Object[] read(Kryo kryo, Input input, Class type) {
      bounds.checkDepth(kryo.getDepth());
      checkArrayHeader(bounds, input);
      return super.read(kryo, input, type);
    }
  }

  /** User classes whose fields are matched by name; unknown fields are read and dropped. */
  static final class Compatible<T> extends CompatibleFieldSerializer<T> {
    private final Bounds bounds;

    Compatible(Kryo kryo, Class<T> type, Bounds bounds) {
      super(kryo, type, config());
      this.bounds = bounds;
    }

    private static CompatibleFieldSerializerConfig config() {
      CompatibleFieldSerializerConfig config = new CompatibleFieldSerializerConfig();
      config.setReadUnknownFieldData(true);
      // Chunked encoding would read fields through an unbounded InputChunked.
      config.setChunkedEncoding(false);
      return config;
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
      bounds.checkDepth(kryo.getDepth());
      if (!fieldNamesRead(kryo) && input instanceof BoundedSource source) {
        // The field names are read once per graph into an array of the claimed length.
        bounds.checkClaimedElements(input, BoundedSource.peekVarInt(source), 1);
      }
      return super.read(kryo, input, type);
    }

    @SuppressWarnings("unchecked") // Kryo's graph context is a raw ObjectMap.
    private boolean fieldNamesRead(Kryo kryo) {
      return kryo.getGraphContext().get(this) != null;
    }
  }

  /** User classes whose {@code @Tag}ged fields are matched by tag; unknown tags are skipped. */
  static final class Tagged<T> extends TaggedFieldSerializer<T> {
    private final Bounds bounds;

    Tagged(Kryo kryo, Class<T> type, Bounds bounds) {
      super(kryo, type, config());
      this.bounds = bounds;
    }

    private static TaggedFieldSerializerConfig config() {
      TaggedFieldSerializerConfig config = new TaggedFieldSerializerConfig();
      config.setReadUnknownTagData(true);
      // Chunked encoding would read fields through an unbounded InputChunked.
      config.setChunkedEncoding(false);
      return config;
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
      bounds.checkDepth(kryo.getDepth());
      return super.read(kryo, input, type);
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
    public Object read(Kryo kryo, Input input, Class<? extends Object> type) {
      throw GenericValues.notInModel(name, id);
    }
  }

  private static void checkArrayHeader(Bounds bounds, Input input) {
    if (input instanceof BoundedSource source) {
      bounds.checkArrayHeader(source);
    }
  }

  static int hashCapacity(int size) {
    return size < 3 ? size + 1 : (int) Math.min(1 << 30, size / 0.75f + 1);
  }
}
