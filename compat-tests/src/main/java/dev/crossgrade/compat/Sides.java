package dev.crossgrade.compat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.jackson.CanonicalJson;
import dev.crossgrade.codec.jackson.JsonCodec;
import dev.crossgrade.codec.javalegacy.JavaSerializationReader;
import dev.crossgrade.codec.kryo.Kryo4Codec;
import dev.crossgrade.codec.kryo.Kryo5Codec;
import dev.crossgrade.codec.kryo.KryoEvolution;
import dev.crossgrade.codec.msgpack.MessagePackCodec;
import dev.crossgrade.codec.thrift.ThriftCodec;
import dev.crossgrade.codec.thrift.ThriftProtocol;
import dev.crossgrade.compat.samples.KryoAccounts;
import dev.crossgrade.compat.samples.RecordAccounts;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.thrift.TBase;
import org.apache.thrift.TFieldIdEnum;
import org.jspecify.annotations.Nullable;

/**
 * The sides of the built-in matrix, by name. A JDK worker builds them from the same names, so a
 * cell's writer and reader are the same code whichever JVM runs them.
 *
 * <p>Over 500 lines, on purpose: the table of every side of the built-in matrix, one entry each, in
 * one place so that a JDK worker and the harness cannot disagree.
 */
final class Sides {
  static final Limits LIMITS = Limits.defaults();

  /** The sample account's layouts: version 1 and the four version 2s. */
  static final Layout ACCOUNT =
      Layout.of(
          "Account",
          "id",
          Layout.FieldKind.LONG,
          "name",
          Layout.FieldKind.STRING,
          "visits",
          Layout.FieldKind.INT,
          "nickname",
          Layout.FieldKind.STRING,
          "note",
          Layout.FieldKind.STRING);

  static final Layout ACCOUNT_ADDED =
      with(ACCOUNT, "AccountAdded", "tags", Layout.FieldKind.STRING_LIST);
  static final Layout ACCOUNT_REMOVED = without(ACCOUNT, "AccountRemoved", "note");
  static final Layout ACCOUNT_RENAMED =
      renamed(ACCOUNT, "AccountRenamed", "nickname", "displayName");
  static final Layout ACCOUNT_WIDENED = widened(ACCOUNT, "AccountWidened", "visits");

  static final List<Layout> ACCOUNT_LAYOUTS =
      List.of(ACCOUNT, ACCOUNT_ADDED, ACCOUNT_REMOVED, ACCOUNT_RENAMED, ACCOUNT_WIDENED);

  /** The Thrift sample of the cross-JDK cells. */
  static final Layout SAMPLE =
      Layout.of(
          "Sample",
          "text",
          Layout.FieldKind.STRING,
          "number",
          Layout.FieldKind.LONG,
          "real",
          Layout.FieldKind.DOUBLE,
          "blob",
          Layout.FieldKind.BYTES,
          "words",
          Layout.FieldKind.STRING_LIST,
          "counts",
          Layout.FieldKind.STRING_LONG_MAP,
          "flag",
          Layout.FieldKind.BOOLEAN,
          "small",
          Layout.FieldKind.INT);

  private static final Map<String, Side> CACHE = new ConcurrentHashMap<>();

  private Sides() {}

  static Side create(String name) {
    Side side = CACHE.get(name);
    if (side == null) {
      side = build(name);
      CACHE.put(name, side);
    }
    return side;
  }

  private static Side build(String name) {
    if (name.startsWith("schema:")) {
      String[] parts = name.split(":");
      return schemaSide(parts[1], layout(parts[2]));
    }
    return switch (name) {
      case "kryo5" -> body(Kryo5Codec.generic());
      case "kryo4" -> body(Kryo4Codec.generic());
      case "kryo4-registry" ->
          registry(CodecRegistry.newBuilder(Object.class).writer(Kryo4Codec.generic()).build());
      case "kryo5-registry" ->
          registry(CodecRegistry.newBuilder(Object.class).writer(Kryo5Codec.generic()).build());
      case "kryo5-registry+kryo4-reader" ->
          registry(
              CodecRegistry.newBuilder(Object.class)
                  .reader(Kryo4Codec.generic())
                  .writer(Kryo5Codec.generic())
                  .build());
      case "msgpack" -> body(MessagePackCodec.generic());
      case "msgpack-oldspec" -> body(MessagePackCodec.genericOldSpec());
      case "msgpack-java-0.6.7" -> new LegacyMessagePackSide();
      case "json" -> body(JsonCodec.generic());
      case "canonical-json" -> body(CanonicalJson.codec());
      case "naive-json" -> new NaiveJsonSide();
      case "java-serialization" -> new JavaSerializationSide();
      case "platform-text" -> new TextSide(Charset.defaultCharset());
      case "utf8-text" -> new TextSide(StandardCharsets.UTF_8);
      case "thrift-binary" ->
          thrift(
              dev.crossgrade.compat.thrift.Sample.class,
              dev.crossgrade.compat.thrift.Sample::new,
              ThriftProtocol.BINARY,
              SAMPLE);
      case "thrift-compact" ->
          thrift(
              dev.crossgrade.compat.thrift.Sample.class,
              dev.crossgrade.compat.thrift.Sample::new,
              ThriftProtocol.COMPACT,
              SAMPLE);
      default -> throw new IllegalArgumentException("no side named " + name);
    };
  }

  static Layout layout(String type) {
    for (Layout layout : ACCOUNT_LAYOUTS) {
      if (layout.type().equals(type)) {
        return layout;
      }
    }
    throw new IllegalArgumentException("no sample layout " + type);
  }

  private static Layout with(Layout base, String type, String field, Layout.FieldKind kind) {
    LinkedHashMap<String, Layout.FieldKind> fields = new LinkedHashMap<>(base.fields());
    fields.put(field, kind);
    return new Layout(type, fields);
  }

  private static Layout without(Layout base, String type, String field) {
    LinkedHashMap<String, Layout.FieldKind> fields = new LinkedHashMap<>(base.fields());
    fields.remove(field);
    return new Layout(type, fields);
  }

  private static Layout renamed(Layout base, String type, String from, String to) {
    LinkedHashMap<String, Layout.FieldKind> fields = new LinkedHashMap<>();
    base.fields().forEach((name, kind) -> fields.put(name.equals(from) ? to : name, kind));
    return new Layout(type, fields);
  }

  private static Layout widened(Layout base, String type, String field) {
    LinkedHashMap<String, Layout.FieldKind> fields = new LinkedHashMap<>(base.fields());
    fields.put(field, Layout.FieldKind.LONG);
    return new Layout(type, fields);
  }

  // ---------------------------------------------------------------------------------------------
  // Generic-model sides

  static byte[] encode(Codec<Object> codec, Object value) {
    PayloadBuffer out = new PayloadBuffer(256, LIMITS.maxPayloadSize());
    codec.encode(value, out, LIMITS);
    return out.toByteArray();
  }

  private static Side body(Codec<Object> codec) {
    return new Side() {
      @Override
      public byte[] write(Object value) {
        return encode(codec, value);
      }

      @Override
      public @Nullable Object read(byte[] bytes) {
        return codec.decode(bytes, 0, bytes.length, LIMITS);
      }
    };
  }

  private static Side registry(CodecRegistry<Object> registry) {
    return new Side() {
      @Override
      public byte[] write(Object value) {
        return registry.encode(value);
      }

      @Override
      public @Nullable Object read(byte[] bytes) {
        return registry.decode(bytes);
      }
    };
  }

  /** JSON as a program writes it without thinking: Jackson's defaults, in the map's own order. */
  static final class NaiveJsonSide implements Side {
    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public byte[] write(Object value) throws Exception {
      return mapper.writeValueAsBytes(value);
    }

    @Override
    public @Nullable Object read(byte[] bytes) throws Exception {
      return mapper.readValue(bytes, Object.class);
    }
  }

  /** {@code ObjectOutputStream} writes; the allow-listed {@link JavaSerializationReader} reads. */
  static final class JavaSerializationSide implements Side {
    private final JavaSerializationReader<Object> reader =
        JavaSerializationReader.newBuilder(Object.class).build();

    @Override
    public byte[] write(Object value) throws Exception {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
        out.writeObject(value);
      }
      return bytes.toByteArray();
    }

    @Override
    public @Nullable Object read(byte[] bytes) {
      return reader.decode(bytes, 0, bytes.length, LIMITS);
    }
  }

  /** A string as bytes in one charset, as {@code String.getBytes()} and {@code new String}. */
  static final class TextSide implements Side {
    private final Charset charset;

    TextSide(Charset charset) {
      this.charset = charset;
    }

    @Override
    public byte[] write(Object value) {
      return ((String) value).getBytes(charset);
    }

    @Override
    public Object read(byte[] bytes) {
      return new String(bytes, charset);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Struct sides

  private static Side schemaSide(String codec, Layout layout) {
    String type = layout.type();
    return switch (codec) {
      case "kryo5-compatible", "kryo5-tagged", "kryo4-compatible", "kryo4-tagged" ->
          kryo(codec, kryoClass(type), layout);
      case "msgpack-record" -> msgpackRecord(recordClass(type), layout);
      case "json-record" -> jsonRecord(recordClass(type), layout);
      case "thrift-binary" -> thriftAccount(type, ThriftProtocol.BINARY, layout);
      case "thrift-compact" -> thriftAccount(type, ThriftProtocol.COMPACT, layout);
      default -> throw new IllegalArgumentException("no schema codec " + codec);
    };
  }

  private static Class<?> kryoClass(String type) {
    for (Class<?> c : KryoAccounts.class.getClasses()) {
      if (c.getSimpleName().equals(type)) {
        return c;
      }
    }
    throw new IllegalArgumentException(type);
  }

  private static Class<?> recordClass(String type) {
    for (Class<?> c : RecordAccounts.class.getClasses()) {
      if (c.getSimpleName().equals(type)) {
        return c;
      }
    }
    throw new IllegalArgumentException(type);
  }

  private static <T> Side kryo(String codec, Class<T> type, Layout layout) {
    KryoEvolution evolution =
        codec.endsWith("tagged") ? KryoEvolution.TAGGED : KryoEvolution.COMPATIBLE;
    Codec<T> built =
        codec.startsWith("kryo5")
            ? Kryo5Codec.newBuilder(type)
                .register(type, 30)
                .register(ArrayList.class, 31)
                .evolution(evolution)
                .build()
            : Kryo4Codec.newBuilder(type)
                .register(type, 30)
                .register(ArrayList.class, 31)
                .evolution(evolution)
                .build();
    Map<String, @Nullable Object> defaults =
        Reflect.toStruct(Reflect.newInstance(type), layout).fields();
    return typed(built, layout, defaults);
  }

  private static <T> Side msgpackRecord(Class<T> type, Layout layout) {
    @SuppressWarnings("unchecked") // every sample record class is a Record
    Class<? extends Record> record = (Class<? extends Record>) type;
    MessagePackCodec.Builder<T> builder = MessagePackCodec.newBuilder(type);
    LinkedHashMap<String, @Nullable Object> defaults = new LinkedHashMap<>();
    for (Map.Entry<String, Layout.FieldKind> field : layout.fields().entrySet()) {
      switch (field.getValue()) {
        case STRING -> {
          builder.defaultValue(record, field.getKey(), null);
          defaults.put(field.getKey(), null);
        }
        case STRING_LIST -> defaults.put(field.getKey(), List.of());
        case INT -> defaults.put(field.getKey(), 0);
        default -> defaults.put(field.getKey(), 0L);
      }
    }
    return typed(builder.build(), layout, defaults);
  }

  private static <T> Side jsonRecord(Class<T> type, Layout layout) {
    LinkedHashMap<String, @Nullable Object> defaults = new LinkedHashMap<>();
    for (Map.Entry<String, Layout.FieldKind> field : layout.fields().entrySet()) {
      defaults.put(
          field.getKey(),
          switch (field.getValue()) {
            case INT -> 0;
            case LONG -> 0L;
            default -> null;
          });
    }
    return typed(JsonCodec.newBuilder(type).build(), layout, defaults);
  }

  private static Side thriftAccount(String type, ThriftProtocol protocol, Layout layout) {
    return switch (type) {
      case "Account" ->
          thrift(
              dev.crossgrade.compat.thrift.Account.class,
              dev.crossgrade.compat.thrift.Account::new,
              protocol,
              layout);
      case "AccountAdded" ->
          thrift(
              dev.crossgrade.compat.thrift.AccountAdded.class,
              dev.crossgrade.compat.thrift.AccountAdded::new,
              protocol,
              layout);
      case "AccountRemoved" ->
          thrift(
              dev.crossgrade.compat.thrift.AccountRemoved.class,
              dev.crossgrade.compat.thrift.AccountRemoved::new,
              protocol,
              layout);
      case "AccountRenamed" ->
          thrift(
              dev.crossgrade.compat.thrift.AccountRenamed.class,
              dev.crossgrade.compat.thrift.AccountRenamed::new,
              protocol,
              layout);
      case "AccountWidened" ->
          thrift(
              dev.crossgrade.compat.thrift.AccountWidened.class,
              dev.crossgrade.compat.thrift.AccountWidened::new,
              protocol,
              layout);
      default -> throw new IllegalArgumentException(type);
    };
  }

  private static <T extends TBase<?, ?>> Side thrift(
      Class<T> type, Supplier<T> factory, ThriftProtocol protocol, Layout layout) {
    Codec<T> codec = ThriftCodec.newBuilder(type, factory).protocol(protocol).build();
    Map<String, @Nullable Object> defaults = ThriftStructs.toStruct(factory.get(), layout).fields();
    return new Side() {
      @Override
      public byte[] write(Object value) {
        T object = factory.get();
        ThriftStructs.fill(object, (Struct) value);
        PayloadBuffer out = new PayloadBuffer(256, LIMITS.maxPayloadSize());
        codec.encode(object, out, LIMITS);
        return out.toByteArray();
      }

      @Override
      public Object read(byte[] bytes) {
        return ThriftStructs.toStruct(codec.decode(bytes, 0, bytes.length, LIMITS), layout);
      }

      @Override
      public Map<String, @Nullable Object> defaults() {
        return defaults;
      }
    };
  }

  private static <T> Side typed(
      Codec<T> codec, Layout layout, Map<String, @Nullable Object> defaults) {
    Class<T> type = codec.valueType();
    return new Side() {
      @Override
      public byte[] write(Object value) throws Exception {
        T object = Reflect.fromStruct(type, (Struct) value);
        PayloadBuffer out = new PayloadBuffer(256, LIMITS.maxPayloadSize());
        codec.encode(object, out, LIMITS);
        return out.toByteArray();
      }

      @Override
      public Object read(byte[] bytes) throws Exception {
        return Reflect.toStruct(codec.decode(bytes, 0, bytes.length, LIMITS), layout);
      }

      @Override
      public Map<String, @Nullable Object> defaults() {
        return defaults;
      }
    };
  }

  /** Struct to and from Thrift-generated objects, by field name through Thrift's metadata. */
  static final class ThriftStructs {
    private ThriftStructs() {}

    @SuppressWarnings({"unchecked", "rawtypes"}) // TBase's field enum is a wildcard here
    static void fill(TBase<?, ?> object, Struct struct) {
      for (TFieldIdEnum field : fields(object)) {
        Object value = struct.fields().get(field.getFieldName());
        if (value != null) {
          ((TBase) object).setFieldValue(field, value);
        }
      }
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // TBase's field enum is a wildcard here
    static Struct toStruct(TBase<?, ?> object, Layout layout) {
      LinkedHashMap<String, @Nullable Object> fields = new LinkedHashMap<>();
      Map<String, TFieldIdEnum> byName = new LinkedHashMap<>();
      for (TFieldIdEnum field : fields(object)) {
        byName.put(field.getFieldName(), field);
      }
      for (String name : layout.fields().keySet()) {
        TFieldIdEnum field = byName.get(name);
        Object value = ((TBase) object).getFieldValue(field);
        if (value instanceof java.nio.ByteBuffer buffer) {
          byte[] bytes = new byte[buffer.remaining()];
          buffer.duplicate().get(bytes);
          value = bytes;
        } else if (value instanceof List<?> list) {
          value = new ArrayList<>(list);
        } else if (value instanceof Map<?, ?> map) {
          value = new LinkedHashMap<>(map);
        }
        fields.put(name, value);
      }
      return new Struct(layout.type(), fields);
    }

    private static List<TFieldIdEnum> fields(TBase<?, ?> object) {
      try {
        Field meta = object.getClass().getField("metaDataMap");
        Map<?, ?> map = (Map<?, ?>) meta.get(null);
        List<TFieldIdEnum> fields = new ArrayList<>();
        for (Object key : map.keySet()) {
          fields.add((TFieldIdEnum) key);
        }
        return fields;
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("not a Thrift-generated struct: " + object.getClass(), e);
      }
    }
  }

  /** Struct to and from plain classes (by field) and records (by component), reflectively. */
  static final class Reflect {
    private Reflect() {}

    static Object newInstance(Class<?> type) {
      try {
        Constructor<?> constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalArgumentException(type.getName() + " has no usable no-arg constructor", e);
      }
    }

    static <T> T fromStruct(Class<T> type, Struct struct) throws ReflectiveOperationException {
      if (type.isRecord()) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
          types[i] = components[i].getType();
          args[i] = struct.fields().get(components[i].getName());
        }
        Constructor<T> constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
        return constructor.newInstance(args);
      }
      T object = type.cast(newInstance(type));
      for (Field field : instanceFields(type)) {
        if (struct.fields().containsKey(field.getName())) {
          Object value = struct.fields().get(field.getName());
          if (value instanceof List<?> list && field.getType() == ArrayList.class) {
            value = new ArrayList<>(list);
          }
          field.set(object, value);
        }
      }
      return object;
    }

    static Struct toStruct(Object object, Layout layout) {
      LinkedHashMap<String, @Nullable Object> fields = new LinkedHashMap<>();
      try {
        if (object instanceof Record) {
          for (RecordComponent component : object.getClass().getRecordComponents()) {
            var accessor = component.getAccessor();
            accessor.setAccessible(true);
            fields.put(component.getName(), normalize(accessor.invoke(object)));
          }
        } else {
          for (Field field : instanceFields(object.getClass())) {
            fields.put(field.getName(), normalize(field.get(object)));
          }
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read the fields of " + object.getClass(), e);
      }
      LinkedHashMap<String, @Nullable Object> ordered = new LinkedHashMap<>();
      for (String name : layout.fields().keySet()) {
        ordered.put(name, fields.get(name));
      }
      return new Struct(layout.type(), ordered);
    }

    private static @Nullable Object normalize(@Nullable Object value) {
      if (value instanceof List<?> list) {
        return new ArrayList<>(list);
      }
      return value;
    }

    static List<Field> instanceFields(Class<?> type) {
      List<Field> fields = new ArrayList<>();
      for (Field field : type.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (!Modifier.isStatic(modifiers)
            && !Modifier.isTransient(modifiers)
            && !field.isSynthetic()) {
          field.setAccessible(true);
          fields.add(field);
        }
      }
      return fields;
    }
  }
}
