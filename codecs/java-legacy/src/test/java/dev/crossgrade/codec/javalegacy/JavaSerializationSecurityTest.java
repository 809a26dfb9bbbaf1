package dev.crossgrade.codec.javalegacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The allow-list holds: classes not on it are never loaded, initialized or instantiated. */
class JavaSerializationSecurityTest {
  private static final String STATIC_INIT_GADGET =
      "dev.crossgrade.codec.javalegacy.StaticInitGadget";

  private final JavaSerializationReader<Object> reader = Values.reader();

  @BeforeEach
  void resetFlags() {
    Gadgets.READ_OBJECT_RAN.set(false);
    Gadgets.COMPARE_RAN.set(false);
    Gadgets.TO_STRING_RAN.set(false);
  }

  @Test
  void aClassNotAllowedIsRejectedBeforeItsReadObjectRuns() {
    byte[] stream = Streams.serialize(new Gadgets.ReadObjectGadget("rm -rf /"));

    assertThatThrownBy(() -> read(reader, stream))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("class " + Gadgets.ReadObjectGadget.class.getName())
        .hasMessageContaining(
            "JavaSerializationReader.Builder.allowClass("
                + Gadgets.ReadObjectGadget.class.getCanonicalName()
                + ".class)");
    assertThat(Gadgets.READ_OBJECT_RAN).isFalse();

    // The same bytes are live: allowing the class lets its readObject run.
    JavaSerializationReader<Object> trusting =
        JavaSerializationReader.newBuilder(Object.class)
            .allowClass(Gadgets.ReadObjectGadget.class)
            .build();
    assertThat(read(trusting, stream)).isInstanceOf(Gadgets.ReadObjectGadget.class);
    assertThat(Gadgets.READ_OBJECT_RAN).isTrue();
  }

  @Test
  void aClassNotAllowedIsNeverInitialized() {
    byte[] stream =
        Streams.renameClass(
            Streams.serialize(new Gadgets.StaticInitTemplate()),
            Gadgets.StaticInitTemplate.class.getName(),
            STATIC_INIT_GADGET);

    assertThatThrownBy(() -> read(reader, stream))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("class " + STATIC_INIT_GADGET + " at byte")
        .hasMessageContaining("allowClass(" + STATIC_INIT_GADGET + ".class)");
    // Nested inside allowed collections too.
    byte[] nested =
        Streams.renameClass(
            Streams.serialize(
                new HashMap<>(
                    Map.of("key", new ArrayList<>(List.of(new Gadgets.StaticInitTemplate()))))),
            Gadgets.StaticInitTemplate.class.getName(),
            STATIC_INIT_GADGET);
    assertThatThrownBy(() -> read(reader, nested))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining(STATIC_INIT_GADGET);
    assertThat(Gadgets.STATIC_INIT_RAN).as("static initializer ran").isFalse();
  }

  @Test
  void aGadgetChainRootedInAClassNotAllowedIsRejectedAtItsRoot() {
    // ysoserial CommonsCollections5's root: BadAttributeValueExpException.readObject calls
    // toString() on its val field.
    byte[] stream =
        Streams.renameClass(
            Streams.serialize(
                new Gadgets.BadAttributeValueExpTemplate(new Gadgets.ToStringGadget())),
            Gadgets.BadAttributeValueExpTemplate.class.getName(),
            "javax.management.BadAttributeValueExpException");

    assertThatThrownBy(() -> read(reader, stream))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("class javax.management.BadAttributeValueExpException at byte")
        .hasMessageContaining("allowClass(javax.management.BadAttributeValueExpException.class)");
    assertThat(Gadgets.TO_STRING_RAN).isFalse();
  }

  @Test
  void aPriorityQueueChainIsRejectedAtEachLinkNotAllowed() {
    // ysoserial CommonsCollections2/4 and CommonsBeanutils1: PriorityQueue.readObject sorts its
    // elements with a comparator from the stream.
    PriorityQueue<Object> queue = new PriorityQueue<>(new Gadgets.ComparingGadget());
    queue.add("a");
    queue.add("b");
    Gadgets.COMPARE_RAN.set(false);
    byte[] stream = Streams.serialize(new HashMap<>(Map.of("cached", queue)));

    assertThatThrownBy(() -> read(reader, stream))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("class java.util.PriorityQueue")
        .hasMessageContaining("allowClass(java.util.PriorityQueue.class)");
    JavaSerializationReader<Object> queues =
        JavaSerializationReader.newBuilder(Object.class).allowClass(PriorityQueue.class).build();
    assertThatThrownBy(() -> read(queues, stream))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("class " + Gadgets.ComparingGadget.class.getName());
    assertThat(Gadgets.COMPARE_RAN).isFalse();

    // The chain is live once every link is allowed.
    JavaSerializationReader<Object> everything =
        JavaSerializationReader.newBuilder(Object.class)
            .allowClasses(PriorityQueue.class, Gadgets.ComparingGadget.class)
            .build();
    assertThat(read(everything, stream)).isInstanceOf(HashMap.class);
    assertThat(Gadgets.COMPARE_RAN).isTrue();
  }

  @Test
  void theFilterRejectsAReplacementFromReadResolveThatIsNotAllowed() {
    JavaSerializationReader<Object> resolving =
        JavaSerializationReader.newBuilder(Object.class)
            .allowClass(Gadgets.ResolvesToGadget.class)
            .build();
    byte[] stream = Streams.serialize(new Gadgets.ResolvesToGadget());

    assertThatThrownBy(() -> read(resolving, stream))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("class " + Gadgets.ToStringGadget.class.getName())
        .hasMessageContaining("allowClass(");
  }

  @Test
  void theFilterAloneEnforcesTheListAndTheBounds() {
    AllowList allowList = AllowList.of(List.of(SampleAddress.class));
    StreamFilter filter =
        new StreamFilter(
            allowList,
            ReadBounds.of(Limits.defaults(), Long.MAX_VALUE, 10, 1000, 50, 1000),
            10_000);
    assertThat(filter.checkInput(new Info(SampleAddress.class, -1, 1, 1, 10)))
        .isEqualTo(ObjectInputFilter.Status.ALLOWED);
    assertThat(filter.checkInput(new Info(String[].class, 50, 1, 1, 10)))
        .isEqualTo(ObjectInputFilter.Status.ALLOWED);
    assertThat(filter.checkInput(new Info(null, -1, 10, 1000, 9_000)))
        .isEqualTo(ObjectInputFilter.Status.ALLOWED);
    assertThat(filter.failure(new IOException("none"))).isNull();

    assertThat(filter.checkInput(new Info(Thread.State.class, -1, 1, 1, 10)))
        .isEqualTo(ObjectInputFilter.Status.REJECTED);
    assertThat(filter.failure(new IOException("first")))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("allowClass(java.lang.Thread.State.class)");
    for (Info over :
        List.of(
            new Info(int[].class, 51, 1, 1, 10),
            new Info(long[].class, 2000, 1, 1, 10), // 16,000 bytes claimed, 9,990 left
            new Info(Thread.class.arrayType(), 1, 1, 1, 10),
            new Info(null, -1, 11, 1, 10),
            new Info(null, -1, 1, 1001, 10))) {
      StreamFilter fresh =
          new StreamFilter(
              allowList,
              ReadBounds.of(Limits.defaults(), Long.MAX_VALUE, 10, 1000, 50, 1000),
              10_000);
      assertThat(fresh.checkInput(over))
          .as("%s", over)
          .isEqualTo(ObjectInputFilter.Status.REJECTED);
      assertThat(fresh.failure(new IOException("rejected"))).as("%s", over).isNotNull();
    }
  }

  /** The values a stream passes its filter. */
  private record Info(
      @org.jspecify.annotations.Nullable Class<?> serialClass,
      long arrayLength,
      long depth,
      long references,
      long streamBytes)
      implements ObjectInputFilter.FilterInfo {}

  @Test
  void dynamicProxiesAreNeverAllowed() {
    Object proxy =
        Proxy.newProxyInstance(
            getClass().getClassLoader(), new Class<?>[] {Comparator.class}, new Handler());
    byte[] stream = Streams.serialize(new ArrayList<>(List.of(proxy)));

    assertThatThrownBy(() -> read(reader, stream))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("dynamic proxy class implementing java.util.Comparator");
  }

  @Test
  void aChangedSerialVersionUidIsATypedFailureThatSaysSo() {
    SampleAccount account =
        new SampleAccount(
            "acc-1", 1250, List.of("vip"), LocalDate.of(2020, 2, 29), SampleStatus.OPEN);
    byte[] stream =
        Streams.withSerialVersionUid(Streams.serialize(account), SampleAccount.class.getName(), 2L);

    assertThatThrownBy(() -> read(reader, stream))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining(SampleAccount.class.getName())
        .hasMessageContaining("serialVersionUID")
        .hasMessageContaining("changed incompatibly");
  }

  @Test
  void theCoreExcludesTheRestOfJavaAndEnumsNeedTheirOwnEntry() {
    for (Object notCore :
        List.of(
            new java.util.Hashtable<>(Map.of("a", "b")),
            new java.util.Vector<>(List.of("a")),
            new java.util.concurrent.ConcurrentHashMap<>(Map.of("a", "b")),
            new java.util.Properties(),
            java.util.Collections.unmodifiableList(new ArrayList<>(List.of("a"))),
            java.net.URI.create("https://example.com/"),
            new java.io.File("/etc/passwd"))) {
      byte[] stream = Streams.serialize(notCore);
      assertThatThrownBy(() -> read(reader, stream))
          .as(notCore.getClass().getName())
          .isInstanceOf(CorruptPayloadException.class)
          .hasMessageContaining("is not on the allow-list");
    }
    JavaSerializationReader<Object> coreOnly =
        JavaSerializationReader.newBuilder(Object.class).build();
    byte[] status = Streams.serialize(SampleStatus.FROZEN);
    assertThatThrownBy(() -> read(coreOnly, status))
        .hasMessageContaining("allowClass(" + SampleStatus.class.getCanonicalName() + ".class)");
    assertThat(read(reader, status)).isEqualTo(SampleStatus.FROZEN);
  }

  @Test
  void eachStreamHasItsOwnFilterAndTheJvmWideOneIsUntouched() throws IOException {
    ObjectInputFilter before = ObjectInputFilter.Config.getSerialFilter();
    read(reader, Streams.serialize(new ArrayList<>(List.of(1, 2))));
    assertThat(ObjectInputFilter.Config.getSerialFilter()).isSameAs(before);

    byte[] stream = Streams.serialize("x");
    AllowList allowList = AllowList.of(List.of());
    StreamFilter filter =
        new StreamFilter(
            allowList,
            ReadBounds.of(Limits.defaults(), Long.MAX_VALUE, Integer.MAX_VALUE, 10, 10, 10),
            stream.length);
    try (FilteredObjectInputStream in =
        FilteredObjectInputStream.open(
            stream, 0, stream.length, allowList, filter, ChunkedInput.WHOLE)) {
      assertThat(in.getObjectInputFilter()).isSameAs(filter);
    }
  }

  @Test
  void objectInputStreamIsOnlyOpenedBehindTheFilter() throws IOException {
    Path sources = Path.of("src/main/java");
    assertThat(sources).isDirectory();
    List<Path> users;
    try (Stream<Path> files = Files.walk(sources)) {
      users =
          files
              .filter(file -> file.toString().endsWith(".java"))
              .filter(file -> mentionsOpening(file))
              .toList();
    }
    assertThat(users)
        .extracting(file -> file.getFileName().toString())
        .containsExactly("FilteredObjectInputStream.java");
    String source = Files.readString(users.get(0), StandardCharsets.UTF_8);
    int constructor = source.indexOf("super(input);");
    assertThat(constructor).isPositive();
    assertThat(source.indexOf("setObjectInputFilter(filter);", constructor))
        .as("the filter is set in the constructor, before any object can be read")
        .isPositive();
    assertThat(source).doesNotContain("ObjectInputFilter.Config.setSerialFilter");
  }

  private static boolean mentionsOpening(Path file) {
    try {
      String source = Files.readString(file, StandardCharsets.UTF_8);
      return source.contains("new ObjectInputStream")
          || source.contains("extends ObjectInputStream");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theBuilderRefusesWhatCanNeverBeSafe() {
    JavaSerializationReader.Builder<Object> builder =
        JavaSerializationReader.newBuilder(Object.class);
    assertThatThrownBy(() -> builder.allowClass(Comparator.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("interface");
    assertThatThrownBy(() -> builder.allowClass(String[].class))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.allowClass(Thread.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Serializable");
    Class<?> proxyClass =
        Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Comparator.class, Serializable.class},
                new Handler())
            .getClass();
    assertThatThrownBy(() -> builder.allowClass(proxyClass))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("proxy");
    builder.maxDepth(5);
    assertThatThrownBy(() -> builder.maxDepth(6)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void builderBoundsApplyAndNameTheirSetting() {
    byte[] manyNulls = Streams.serialize(new ArrayList<>(java.util.Collections.nCopies(200, null)));
    JavaSerializationReader<Object> fewReferences =
        JavaSerializationReader.newBuilder(Object.class).maxReferences(100).build();
    assertThatThrownBy(() -> read(fewReferences, manyNulls))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("JavaSerializationReader.Builder.maxReferences");

    byte[] list = Streams.serialize(new ArrayList<>(java.util.Collections.nCopies(20, "x")));
    JavaSerializationReader<Object> shortArrays =
        JavaSerializationReader.newBuilder(Object.class).maxArrayLength(10).build();
    assertThatThrownBy(() -> read(shortArrays, list))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("array Object[] of 20 elements")
        .hasMessageContaining("JavaSerializationReader.Builder.maxArrayLength");

    byte[] nested = Streams.nestedArrayLists(5);
    JavaSerializationReader<Object> shallow =
        JavaSerializationReader.newBuilder(Object.class).maxDepth(3).build();
    assertThatThrownBy(() -> read(shallow, nested))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("JavaSerializationReader.Builder.maxDepth");
    Limits shallowLimits = Limits.newBuilder().maxDepth(3).build();
    assertThatThrownBy(() -> reader.read(nested, 0, nested.length, shallowLimits))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("Limits.maxDepth");

    JavaSerializationReader<Object> tiny =
        JavaSerializationReader.newBuilder(Object.class).maxBytes(64).build();
    assertThatThrownBy(() -> read(tiny, list))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("JavaSerializationReader.Builder.maxBytes");

    List<String> shared = new ArrayList<>(java.util.Collections.nCopies(100, "x"));
    byte[] sharing = Streams.serialize(new ArrayList<>(java.util.Collections.nCopies(200, shared)));
    assertThat(read(reader, sharing)).isInstanceOf(ArrayList.class); // 20,000 expanded: fine
    JavaSerializationReader<Object> unshared =
        JavaSerializationReader.newBuilder(Object.class).maxExpandedSize(10_000).build();
    assertThatThrownBy(() -> read(unshared, sharing))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("JavaSerializationReader.Builder.maxExpandedSize");
  }

  private static Object read(JavaSerializationReader<Object> reader, byte[] stream) {
    return reader.read(stream, 0, stream.length, Limits.defaults());
  }

  /** A serializable invocation handler, as proxy-based gadget chains use. */
  private static final class Handler implements InvocationHandler, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      return 0;
    }
  }
}
