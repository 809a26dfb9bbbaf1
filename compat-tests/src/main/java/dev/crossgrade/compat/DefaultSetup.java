package dev.crossgrade.compat;

import com.esotericsoftware.kryo.kryo5.Kryo;
import com.esotericsoftware.kryo.kryo5.KryoException;
import com.esotericsoftware.kryo.kryo5.Serializer;
import com.esotericsoftware.kryo.kryo5.io.Input;
import com.esotericsoftware.kryo.kryo5.io.Output;
import com.esotericsoftware.kryo.kryo5.objenesis.strategy.StdInstantiatorStrategy;
import com.esotericsoftware.kryo.kryo5.serializers.CompatibleFieldSerializer;
import com.esotericsoftware.kryo.kryo5.serializers.DefaultSerializers;
import com.esotericsoftware.kryo.kryo5.util.DefaultInstantiatorStrategy;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.paramnames.ParameterNamesModule;
import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecDescriptor;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadBuffer;
import dev.crossgrade.codec.UnencodableValueException;
import dev.crossgrade.codec.WellKnownCodecs;
import dev.crossgrade.codec.jackson.JsonCodec;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * The codec setup the user-jar check uses when a build ships no {@link CachedTypesProvider}: close
 * to what a typical application configures, and said in the report ({@link #DESCRIPTION}).
 */
final class DefaultSetup {
  static final String DESCRIPTION =
      "setup: default (no CachedTypesProvider): json = Crossgrade JsonCodec (Jackson) with the jdk8,"
          + " jsr310 and parameter-names modules, as Spring Boot registers them; msgpack = Jackson"
          + " over msgpack-java's MessagePackFactory with the same modules, unknown properties"
          + " ignored; kryo5 = Kryo 5 with registration required, every class reachable from the"
          + " type registered under an id derived from its name, CompatibleFieldSerializer for"
          + " classes (fields by name) and records by component name; each in a CodecRegistry"
          + " envelope";

  private DefaultSetup() {}

  static Module[] modules() {
    return new Module[] {new Jdk8Module(), new JavaTimeModule(), new ParameterNamesModule()};
  }

  /**
   * The registry this setup builds for {@code type} with {@code codec}.
   *
   * @param idName the name a class's Kryo id is derived from (the old build's name of a class that
   *     moved), given the class's name in this build
   */
  static <T> CodecRegistry<T> registry(
      UserCodec codec, Class<T> type, UnaryOperator<String> idName) {
    Codec<T> built =
        switch (codec) {
          case JSON -> JsonCodec.newBuilder(type).modules(modules()).build();
          case MSGPACK -> new JacksonMessagePack<>(type);
          case KRYO5 -> new PlainKryo<>(type, idName);
        };
    return CodecRegistry.newBuilder(type).writer(built).build();
  }

  /** MessagePack through Jackson, as {@code new ObjectMapper(new MessagePackFactory())}. */
  static final class JacksonMessagePack<T> implements Codec<T> {
    private final Class<T> type;
    private final ObjectReader reader;
    private final ObjectWriter writer;

    JacksonMessagePack(Class<T> type) {
      this.type = type;
      ObjectMapper mapper =
          new ObjectMapper(new MessagePackFactory())
              .registerModules(modules())
              .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
      this.reader = mapper.readerFor(type);
      this.writer = mapper.writerFor(type);
    }

    @Override
    public CodecDescriptor descriptor() {
      return WellKnownCodecs.MSGPACK;
    }

    @Override
    public Class<T> valueType() {
      return type;
    }

    @Override
    public void encode(T value, PayloadBuffer out, Limits limits) {
      try {
        out.write(writer.writeValueAsBytes(value));
      } catch (java.io.IOException | RuntimeException e) {
        throw new UnencodableValueException(
            "Jackson MessagePack could not write a " + type.getName() + ": " + e.getMessage());
      }
    }

    @Override
    public T decode(byte[] bytes, int offset, int length, Limits limits) {
      try {
        T value = reader.readValue(bytes, offset, length);
        if (value == null) {
          throw new CorruptPayloadException("the body is nil, not a " + type.getSimpleName());
        }
        return value;
      } catch (java.io.IOException | RuntimeException e) {
        if (e instanceof CorruptPayloadException c) {
          throw c;
        }
        throw new CorruptPayloadException(e.getClass().getSimpleName() + ": " + firstLine(e));
      }
    }
  }

  static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Kryo 5 as an application registers it: every reachable class, ids that both builds derive. */
  static final class PlainKryo<T> implements Codec<T> {
    /** JDK classes with a serializer of Kryo's own, in a fixed order from id 10. */
    static final List<String> JDK_CLASSES =
        List.of(
            "java.util.ArrayList",
            "java.util.LinkedList",
            "java.util.HashMap",
            "java.util.LinkedHashMap",
            "java.util.TreeMap",
            "java.util.HashSet",
            "java.util.LinkedHashSet",
            "java.util.TreeSet",
            "java.util.ArrayDeque",
            "java.math.BigDecimal",
            "java.math.BigInteger",
            "java.util.Date",
            "java.util.UUID",
            "java.time.Instant",
            "java.time.LocalDate",
            "java.time.LocalTime",
            "java.time.LocalDateTime",
            "java.time.OffsetDateTime",
            "java.time.OffsetTime",
            "java.time.ZonedDateTime",
            "java.time.Duration",
            "java.time.Period",
            "java.time.Year",
            "java.time.YearMonth",
            "java.time.MonthDay",
            "java.time.ZoneOffset",
            "java.time.ZoneRegion",
            "java.util.Optional",
            "java.util.OptionalInt",
            "java.util.OptionalLong",
            "java.util.OptionalDouble",
            "java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$ListN",
            "java.util.ImmutableCollections$Set12",
            "java.util.ImmutableCollections$SetN",
            "java.util.ImmutableCollections$Map1",
            "java.util.ImmutableCollections$MapN",
            "java.util.Arrays$ArrayList",
            "java.util.RegularEnumSet",
            "java.util.EnumMap",
            "[I",
            "[J",
            "[D",
            "[F",
            "[S",
            "[B",
            "[C",
            "[Z",
            "[Ljava.lang.String;",
            "[Ljava.lang.Object;",
            "java.util.Collections$EmptyList",
            "java.util.Collections$EmptySet",
            "java.util.Collections$EmptyMap",
            "java.util.Collections$SingletonList",
            "java.util.Collections$SingletonSet",
            "java.util.Collections$SingletonMap");

    private final Class<T> type;
    private final List<Class<?>> userClasses;
    private final Map<Class<?>, Integer> ids;
    private final ThreadLocal<Kryo> kryos;

    PlainKryo(Class<T> type, UnaryOperator<String> idName) {
      this.type = type;
      this.userClasses = reachable(type);
      this.ids = new HashMap<>();
      Set<Integer> taken = new java.util.HashSet<>();
      for (Class<?> c : userClasses) {
        int id = 1000 + Math.floorMod(idName.apply(c.getName()).hashCode(), 1 << 20);
        while (!taken.add(id)) {
          id++;
        }
        ids.put(c, id);
      }
      this.kryos = ThreadLocal.withInitial(this::newKryo);
      kryos.get(); // a registration that fails, fails now
    }

    /** The user classes, enums and arrays reachable from {@code root}, in a stable order. */
    static List<Class<?>> reachable(Class<?> root) {
      Map<String, Class<?>> found = new TreeMap<>();
      walk(root, Map.of(), found, new java.util.HashSet<>());
      return List.copyOf(found.values());
    }

    private static void walk(
        Type type,
        Map<TypeVariable<?>, Type> bindings,
        Map<String, Class<?>> found,
        Set<Type> seen) {
      Type resolved = Reflection.resolve(type, bindings);
      if (!seen.add(resolved)) {
        return;
      }
      Class<?> raw = Reflection.raw(resolved);
      if (raw.isArray()) {
        Class<?> component = raw;
        while (component.isArray()) {
          component = component.getComponentType();
        }
        if (!component.isPrimitive() && component != String.class && component != Object.class) {
          found.put(raw.getName(), raw);
        }
        walk(Reflection.component(resolved), bindings, found, seen);
        return;
      }
      if (resolved instanceof java.lang.reflect.ParameterizedType p) {
        for (Type arg : p.getActualTypeArguments()) {
          walk(arg, bindings, found, seen);
        }
      }
      if (raw.isEnum()) {
        found.put(raw.getName(), raw);
        return;
      }
      if (raw.getSuperclass() != null && raw.getSuperclass().isEnum()) {
        found.put(raw.getName(), raw);
        return;
      }
      if (raw.isSealed()) {
        for (Class<?> sub : raw.getPermittedSubclasses()) {
          walk(sub, Map.of(), found, seen);
        }
      }
      if (!Reflection.isUserType(raw)
          || java.lang.reflect.Modifier.isAbstract(raw.getModifiers())) {
        return;
      }
      found.put(raw.getName(), raw);
      Map<TypeVariable<?>, Type> inner = Reflection.bindings(raw, resolved);
      for (Reflection.Member m : Reflection.members(raw)) {
        walk(m.type(), inner, found, seen);
      }
    }

    private Kryo newKryo() {
      Kryo kryo = new Kryo();
      kryo.setRegistrationRequired(true);
      kryo.setOptimizedGenerics(false);
      kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
      int id = 10;
      for (String name : JDK_CLASSES) {
        Class<?> c;
        try {
          c = Class.forName(name);
        } catch (ClassNotFoundException e) {
          id++;
          continue; // not in this JDK: its id stays free
        }
        Serializer<?> special =
            switch (name) {
              case "java.util.UUID" -> new DefaultSerializers.UUIDSerializer();
              case "java.util.Arrays$ArrayList" -> new DefaultSerializers.ArraysAsListSerializer();
              case "java.util.Collections$EmptyList" ->
                  new DefaultSerializers.CollectionsEmptyListSerializer();
              case "java.util.Collections$EmptySet" ->
                  new DefaultSerializers.CollectionsEmptySetSerializer();
              case "java.util.Collections$EmptyMap" ->
                  new DefaultSerializers.CollectionsEmptyMapSerializer();
              case "java.util.Collections$SingletonList" ->
                  new DefaultSerializers.CollectionsSingletonListSerializer();
              case "java.util.Collections$SingletonSet" ->
                  new DefaultSerializers.CollectionsSingletonSetSerializer();
              case "java.util.Collections$SingletonMap" ->
                  new DefaultSerializers.CollectionsSingletonMapSerializer();
              default -> null;
            };
        if (special != null) {
          kryo.register(c, special, id);
        } else {
          kryo.register(c, id);
        }
        id++;
      }
      for (Class<?> c : userClasses) {
        if (c.isRecord()) {
          kryo.register(c, new ByNameRecord<>(c), ids.get(c));
        } else if (Reflection.isUserType(c)) {
          kryo.register(c, new CompatibleFieldSerializer<>(kryo, c), ids.get(c));
        } else {
          kryo.register(c, ids.get(c));
        }
      }
      return kryo;
    }

    @Override
    public CodecDescriptor descriptor() {
      return WellKnownCodecs.KRYO5;
    }

    @Override
    public Class<T> valueType() {
      return type;
    }

    @Override
    public void encode(T value, PayloadBuffer out, Limits limits) {
      Kryo kryo = kryos.get();
      try (Output output = new Output(256, (int) Math.min(limits.maxPayloadSize(), 1 << 24))) {
        kryo.writeClassAndObject(output, value);
        out.write(output.getBuffer(), 0, output.position());
      } catch (RuntimeException | StackOverflowError e) {
        kryos.remove();
        throw new UnencodableValueException("Kryo could not write it: " + firstLine(e));
      }
    }

    @Override
    public T decode(byte[] bytes, int offset, int length, Limits limits) {
      Kryo kryo = kryos.get();
      try (Input input = new Input(bytes, offset, length)) {
        Object value = kryo.readClassAndObject(input);
        if (!type.isInstance(value)) {
          throw new CorruptPayloadException(
              "the body holds %s, not a %s"
                  .formatted(
                      (value == null ? "null" : "a " + value.getClass().getName()),
                      type.getName()));
        }
        return type.cast(value);
      } catch (KryoException
          | IllegalArgumentException
          | ClassCastException
          | StackOverflowError e) {
        kryos.remove();
        throw new CorruptPayloadException(
            "Kryo could not read it: " + e.getClass().getSimpleName() + ": " + firstLine(e));
      }
    }
  }

  /**
   * A record in Kryo by component name, as {@code CompatibleFieldSerializer} writes a class: the
   * names, then each value with its class, so that components may be added, removed and reordered.
   */
  static final class ByNameRecord<R> extends Serializer<R> {
    private final Class<R> type;
    private final RecordComponent[] components;
    private final Constructor<R> constructor;
    private final Map<String, Integer> index = new HashMap<>();

    ByNameRecord(Class<R> type) {
      this.type = type;
      this.components = type.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        types[i] = components[i].getType();
        components[i].getAccessor().setAccessible(true);
        index.put(components[i].getName(), i);
      }
      try {
        this.constructor = type.getDeclaredConstructor(types);
        constructor.setAccessible(true);
      } catch (NoSuchMethodException e) {
        throw new IllegalArgumentException(type.getName() + " has no canonical constructor", e);
      }
    }

    @Override
    public void write(Kryo kryo, Output output, R record) {
      output.writeVarInt(components.length, true);
      for (RecordComponent c : components) {
        output.writeString(c.getName());
        try {
          kryo.writeClassAndObject(output, c.getAccessor().invoke(record));
        } catch (ReflectiveOperationException e) {
          throw new KryoException("cannot read " + type.getName() + "." + c.getName(), e);
        }
      }
    }

    @Override
    public R read(Kryo kryo, Input input, Class<? extends R> ignored) {
      int count = input.readVarInt(true);
      Object[] args = new Object[components.length];
      for (int i = 0; i < components.length; i++) {
        args[i] = Reflection.zero(components[i].getType());
      }
      for (int i = 0; i < count; i++) {
        String name = input.readString();
        Object value = kryo.readClassAndObject(input);
        Integer at = index.get(name);
        if (at != null && (value != null || !components[at].getType().isPrimitive())) {
          args[at] = value;
        }
      }
      try {
        return constructor.newInstance(args);
      } catch (InvocationTargetException e) {
        throw new KryoException(
            type.getSimpleName() + " rejected the values read: " + e.getCause(), e.getCause());
      } catch (IllegalArgumentException e) {
        throw new KryoException(
            "%s's components do not take the values read (%s): %s"
                .formatted(type.getSimpleName(), describe(args), e),
            e);
      } catch (ReflectiveOperationException e) {
        throw new KryoException("cannot create " + type.getName(), e);
      }
    }

    private String describe(Object[] args) {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        parts.add(
            "%s: %s"
                .formatted(
                    components[i].getName(),
                    (args[i] == null ? "null" : args[i].getClass().getSimpleName())));
      }
      return String.join(", ", parts);
    }
  }
}
