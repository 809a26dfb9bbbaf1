package dev.crossgrade.modules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.codec.Codec;
import dev.crossgrade.codec.CodecProvider;
import dev.crossgrade.router.CacheTransportProvider;
import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every library module's jar on the module path, as an application on the module path would have
 * it: each has a descriptor of its own, exports its API package only, resolves from its {@code
 * requires} alone, and finds the codecs and the transports through its {@code uses} and {@code
 * provides} clauses (on the module path, {@code META-INF/services} files of explicit modules are
 * ignored, so a forgotten {@code provides} loses a provider). The other tests run on the class
 * path, where a descriptor is never read.
 */
class ModulePathTest {
  /** Each library module, with the one package it exports. */
  private static final Map<String, String> LIBRARIES =
      Map.ofEntries(
          Map.entry("dev.crossgrade.codec", "dev.crossgrade.codec"),
          Map.entry("dev.crossgrade.codec.tck", "dev.crossgrade.codec.tck"),
          Map.entry("dev.crossgrade.codec.jackson", "dev.crossgrade.codec.jackson"),
          Map.entry("dev.crossgrade.codec.javalegacy", "dev.crossgrade.codec.javalegacy"),
          Map.entry("dev.crossgrade.codec.kryo", "dev.crossgrade.codec.kryo"),
          Map.entry("dev.crossgrade.codec.msgpack", "dev.crossgrade.codec.msgpack"),
          Map.entry("dev.crossgrade.codec.thrift", "dev.crossgrade.codec.thrift"),
          Map.entry("dev.crossgrade.router", "dev.crossgrade.router"),
          Map.entry("dev.crossgrade.transport.memcached", "dev.crossgrade.transport.memcached"),
          Map.entry(
              "dev.crossgrade.transport.spymemcached", "dev.crossgrade.transport.spymemcached"),
          Map.entry("dev.crossgrade.transport.xmemcached", "dev.crossgrade.transport.xmemcached"),
          Map.entry("dev.crossgrade.transport.lettuce", "dev.crossgrade.transport.lettuce"),
          Map.entry("dev.crossgrade.spring", "dev.crossgrade.spring"),
          Map.entry("dev.crossgrade.junit", "dev.crossgrade.junit"));

  private static Map<String, ModuleReference> onClassPath;
  private static ModuleLayer layer;

  @BeforeAll
  static void layOutTheModulePath() {
    onClassPath = modulesOnClassPath();
    ModuleFinder finder = ModuleFinder.of(neededBy(LIBRARIES.keySet()).toArray(Path[]::new));
    Configuration configuration =
        ModuleLayer.boot()
            .configuration()
            .resolveAndBind(finder, ModuleFinder.of(), LIBRARIES.keySet());
    layer =
        ModuleLayer.boot()
            .defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void everyLibraryModuleHasADescriptor_exportingItsApiPackageOnly() {
    for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
      ModuleReference module = onClassPath.get(library.getKey());
      assertThat(module)
          .as("a jar of module %s on the test class path", library.getKey())
          .isNotNull();
      ModuleDescriptor descriptor = module.descriptor();
      assertThat(descriptor.isAutomatic()).as("%s is automatic", library.getKey()).isFalse();
      List<String> exported = new ArrayList<>();
      descriptor.exports().forEach(export -> exported.add(export.source()));
      assertThat(exported)
          .as("what %s exports", library.getKey())
          .containsExactly(library.getValue());
    }
  }

  @Test
  void theRoutersConfigReadingAndEngine_areConcealed_andItsApiWorksOverThem() throws Exception {
    Module router = layer.findModule("dev.crossgrade.router").orElseThrow();
    List<String> internal =
        List.of("dev.crossgrade.router.internal.config", "dev.crossgrade.router.internal.cache");
    assertThat(router.getDescriptor().packages()).containsAll(internal);
    for (String name : internal) {
      assertThat(router.isExported(name)).as("%s exported", name).isFalse();
    }
    // RolloutConfig reads through the concealed ConfigReader, inside its own module.
    Class<?> config = load("dev.crossgrade.router", "dev.crossgrade.router.RolloutConfig");
    String yaml =
        """
        version: 1
        prefix: shop
        runtimes: [{name: shop-v1, generation: 1}, {name: shop-v2, generation: 2}]
        keyspaces:
          - {name: users, from: shop-v1, to: shop-v2, phase: READ_FALLBACK, ttl: 10m}
        """;
    Object result =
        inLayer(
            () ->
                config
                    .getMethod("validate", String.class, String.class)
                    .invoke(null, yaml, "inline.yaml"));
    assertThat(result.getClass().getMethod("valid").invoke(result)).isEqualTo(true);
  }

  @Test
  void onTheModulePath_theCodecProvidersAreFound_asOnTheClassPath() throws Exception {
    Set<String> onTheClassPath = new TreeSet<>();
    for (Codec<Object> codec : CodecProvider.all()) {
      onTheClassPath.add(codec.descriptor().name());
    }
    Set<String> onTheModulePath = new TreeSet<>();
    Class<?> provider = load("dev.crossgrade.codec", "dev.crossgrade.codec.CodecProvider");
    List<?> codecs = inLayer(() -> (List<?>) provider.getMethod("all").invoke(null));
    // Through the API types: the implementations are not exported.
    Method descriptorOf =
        load("dev.crossgrade.codec", "dev.crossgrade.codec.Codec").getMethod("descriptor");
    Method nameOf =
        load("dev.crossgrade.codec", "dev.crossgrade.codec.CodecDescriptor").getMethod("name");
    for (Object codec : codecs) {
      onTheModulePath.add((String) nameOf.invoke(descriptorOf.invoke(codec)));
    }

    assertThat(onTheClassPath).isNotEmpty();
    assertThat(onTheModulePath).isEqualTo(onTheClassPath);
  }

  @Test
  void onTheModulePath_everyTransportModulesClientIsFound() throws Exception {
    Class<?> provider =
        load("dev.crossgrade.router", "dev.crossgrade.router.CacheTransportProvider");
    List<String> names = new ArrayList<>();
    for (Object name : inLayer(() -> (List<?>) provider.getMethod("names").invoke(null))) {
      names.add((String) name);
    }

    assertThat(names)
        .containsExactlyInAnyOrder(
            "embedded", "spymemcached", "xmemcached", "lettuce", "lettuce-cluster")
        .containsExactlyInAnyOrderElementsOf(CacheTransportProvider.names());
  }

  private static Class<?> load(String module, String type) throws ClassNotFoundException {
    return layer.findLoader(module).loadClass(type);
  }

  /** Runs {@code body} with the layer's loader as the context loader ServiceLoader uses. */
  private static <T> T inLayer(Callable<T> body) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(layer.findLoader("dev.crossgrade.router"));
    try {
      return body.call();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  /** The module of every jar on the test class path (automatic ones named as the JDK would). */
  private static Map<String, ModuleReference> modulesOnClassPath() {
    Map<String, ModuleReference> modules = new LinkedHashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (!entry.endsWith(".jar") || !Files.isRegularFile(path)) {
        continue;
      }
      try {
        for (ModuleReference module : ModuleFinder.of(path).findAll()) {
          modules.putIfAbsent(module.descriptor().name(), module);
        }
      } catch (FindException e) {
        // a jar with no valid module name is no module an application could require
      }
    }
    return modules;
  }

  /**
   * The jars of {@code roots} and of every module they require, transitively, and of every module
   * that provides a service one of them uses, and every automatic module (a plain jar) on the class
   * path: what an application's module path would hold, without the other explicit modules of the
   * test class path.
   */
  private static List<Path> neededBy(Set<String> roots) {
    Set<String> needed = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    Set<String> used = new HashSet<>();
    while (!todo.isEmpty()) {
      String name = todo.pop();
      ModuleReference module = onClassPath.get(name);
      if (module == null || !needed.add(name)) {
        continue; // a JDK module, or already taken
      }
      for (ModuleDescriptor.Requires requires : module.descriptor().requires()) {
        if (!requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC)) {
          todo.push(requires.name());
        }
      }
      used.addAll(module.descriptor().uses());
      if (todo.isEmpty()) {
        for (ModuleReference candidate : onClassPath.values()) {
          if (!candidate.descriptor().isAutomatic()
              && candidate.descriptor().provides().stream()
                  .anyMatch(provides -> used.contains(provides.service()))
              && !needed.contains(candidate.descriptor().name())) {
            todo.push(candidate.descriptor().name());
          }
        }
      }
    }
    // An automatic module declares no requirements, so the jars it needs at run time (Kryo 4's
    // objenesis, say) are not in the closure: an application's module path would have them all.
    for (ModuleReference module : onClassPath.values()) {
      if (module.descriptor().isAutomatic()) {
        needed.add(module.descriptor().name());
      }
    }
    List<Path> paths = new ArrayList<>();
    for (String name : needed) {
      paths.add(Path.of(onClassPath.get(name).location().orElseThrow()));
    }
    return paths;
  }
}
