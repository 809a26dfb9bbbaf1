package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.CorruptPayloadException;
import dev.crossgrade.codec.Limits;
import dev.crossgrade.codec.PayloadHeader;
import dev.crossgrade.codec.WellKnownCodecs;
import dev.crossgrade.codec.jackson.JsonCodec;
import dev.crossgrade.codec.javalegacy.JavaSerializationReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trap 5: Java serialization and {@code serialVersionUID}. Two builds of {@code com.acme.Cart} are
 * compiled from the guide's own sources and loaded side by side, as two runtimes would.
 */
class JavaSerializationTrapTest {
  static final Path SOURCES = Path.of("src/test/resources/serial");

  @TempDir Path dir;

  @Test
  void aMethodAddedWithoutASerialVersionUidMakesOldEntriesUnreadable() throws Exception {
    // tag::serial-version-uid[]
    Class<?> oldCart = build("v1"); // com.acme.Cart as the old build has it
    Class<?> newCart = build("v2"); // the same fields, one method more
    byte[] cached = javaSerialize(oldCart.getConstructor().newInstance());

    // Without a declared serialVersionUID the JVM derives one from the class's members:
    assertThat(ObjectStreamClass.lookup(newCart).getSerialVersionUID())
        .isNotEqualTo(ObjectStreamClass.lookup(oldCart).getSerialVersionUID());

    JavaSerializationReader<Object> newBuild =
        JavaSerializationReader.newBuilder(Object.class).allowClass(newCart).build();
    assertThatThrownBy(() -> newBuild.read(cached, 0, cached.length, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("class com.acme.Cart changed incompatibly");
    // end::serial-version-uid[]
  }

  @Test
  void aDeclaredSerialVersionUidKeepsOldEntriesReadableAndAddedFieldsAreNull() throws Exception {
    // tag::serial-version-uid-fixed[]
    Class<?> oldCart = build("v1-fixed");
    Class<?> newCart = build("v2-fixed"); // a field and a method added, the same UID
    Object written = oldCart.getConstructor().newInstance();
    oldCart.getField("id").set(written, "c1");
    byte[] cached = javaSerialize(written);

    Object read =
        JavaSerializationReader.newBuilder(Object.class)
            .allowClass(newCart)
            .build()
            .read(cached, 0, cached.length, Limits.defaults());
    assertThat(newCart.getField("id").get(read)).isEqualTo("c1");
    // Deserialization runs no constructor or field initializer of a Serializable class:
    assertThat(newCart.getField("note").get(read)).isNull();
    // end::serial-version-uid-fixed[]
  }

  @Test
  void aClassNotOnTheAllowListIsRefusedBeforeItIsLoaded() throws Exception {
    // tag::allow-list[]
    Class<?> cart = build("v1-fixed");
    byte[] cached = javaSerialize(cart.getConstructor().newInstance());

    // The JDK core only (String, boxes, collections, java.time, ...): com.acme.Cart is refused,
    // and the message names the builder call that would allow it.
    JavaSerializationReader<Object> coreOnly =
        JavaSerializationReader.newBuilder(Object.class).build();
    assertThatThrownBy(() -> coreOnly.read(cached, 0, cached.length, Limits.defaults()))
        .isInstanceOf(CorruptPayloadException.class)
        .hasMessageContaining("is not on the allow-list")
        .hasMessageContaining("allowClass(com.acme.Cart.class)");
    // end::allow-list[]
  }

  /** The cached type of the migration example, as both builds have it. */
  record Cart(String id, long totalCents) implements Serializable {}

  @Test
  void aRegistryWithTheReaderAsLegacyReaderReadsOldEntriesAndWritesTheNewCodec()
      throws IOException {
    // tag::legacy-migration[]
    CodecRegistry<Cart> carts =
        CodecRegistry.newBuilder(Cart.class)
            .legacyReader(
                JavaSerializationReader.newBuilder(Cart.class).allowClass(Cart.class).build())
            .writer(JsonCodec.newBuilder(Cart.class).build())
            .build();

    byte[] cachedBefore = javaSerialize(new Cart("c1", 250)); // no envelope
    assertThat(carts.decode(cachedBefore)).isEqualTo(new Cart("c1", 250));

    byte[] cachedNow = carts.encode(new Cart("c1", 250));
    assertThat(PayloadHeader.read(cachedNow).codec()).contains(WellKnownCodecs.JSON);
    assertThat(carts.decode(cachedNow)).isEqualTo(new Cart("c1", 250));
    // end::legacy-migration[]
  }

  static byte[] javaSerialize(Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    return bytes.toByteArray();
  }

  /** Compiles one build of com.acme.Cart and loads it in a class loader of its own. */
  Class<?> build(String version) throws IOException, ClassNotFoundException {
    Path classes = Files.createDirectories(dir.resolve(version));
    List<String> args =
        new ArrayList<>(List.of("-d", classes.toString(), "--release", "17", "-proc:none"));
    try (Stream<Path> files = Files.walk(SOURCES.resolve(version))) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac.run(null, null, null, args.toArray(new String[0]))).isZero();
    @SuppressWarnings("resource") // the classes must stay loadable for the rest of the test
    URLClassLoader loader = new URLClassLoader(version, new URL[] {classes.toUri().toURL()}, null);
    return loader.loadClass("com.acme.Cart");
  }
}
