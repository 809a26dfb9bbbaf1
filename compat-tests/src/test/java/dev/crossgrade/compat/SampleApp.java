package dev.crossgrade.compat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles builds of a small sample application into jars, as a user's CI would. */
final class SampleApp {
  private SampleApp() {}

  static final String ORDER_V1 =
      "package com.acme;\n"
          + "import java.util.List;\n"
          + "public record Order(String id, int quantity, List<String> items) {}\n";
  static final String ORDER_V2_TAGS =
      "package com.acme;\n"
          + "import java.util.List;\n"
          + "public record Order(String id, int quantity, List<String> items, List<String> tags) {}\n";

  /** The planted incompatibility: quantity changed from int to String, with no migration. */
  static final String ORDER_V2_QUANTITY_AS_TEXT =
      "package com.acme;\n"
          + "import java.util.List;\n"
          + "public record Order(String id, String quantity, List<String> items) {}\n";

  static final String CUSTOMER_V1 =
      "package com.acme;\n"
          + "public class Customer {\n"
          + "  public String name;\n"
          + "  public long points;\n"
          + "  public Customer() {}\n"
          + "}\n";
  static final String CUSTOMER_V2 =
      "package com.acme;\n"
          + "public class Customer {\n"
          + "  public String name;\n"
          + "  public long points;\n"
          + "  public boolean vip;\n"
          + "  public Customer() {}\n"
          + "}\n";

  /** Compiles {@code sources} (binary class name to source) into {@code dir/name.jar}. */
  static Path build(Path dir, String name, Map<String, String> sources) throws IOException {
    return build(dir, name, sources, Map.of());
  }

  /** As {@link #build(Path, String, Map)}, with resource files (jar path to content) added. */
  static Path build(
      Path dir, String name, Map<String, String> sources, Map<String, String> resources)
      throws IOException {
    return build(dir, name, sources, resources, List.of());
  }

  /** As {@link #build(Path, String, Map, Map)}, compiled against {@code libraries} too. */
  static Path build(
      Path dir,
      String name,
      Map<String, String> sources,
      Map<String, String> resources,
      List<Path> libraries)
      throws IOException {
    StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
    libraries.forEach(l -> classPath.append(java.io.File.pathSeparator).append(l));
    Path src = dir.resolve(name + "-src");
    Path classes = dir.resolve(name + "-classes");
    Files.createDirectories(classes);
    List<String> args =
        new ArrayList<>(
            List.of(
                "-d",
                classes.toString(),
                "--release",
                "17",
                "-proc:none",
                "-parameters",
                "-cp",
                classPath.toString()));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int status = javac.run(null, null, null, args.toArray(new String[0]));
    if (status != 0) {
      throw new IllegalStateException("javac failed with " + status + " for " + name);
    }
    for (Map.Entry<String, String> resource : resources.entrySet()) {
      Path file = classes.resolve(resource.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, resource.getValue(), StandardCharsets.UTF_8);
    }
    Path jar = dir.resolve(name + ".jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
