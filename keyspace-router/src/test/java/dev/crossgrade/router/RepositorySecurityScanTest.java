package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security rules checked over the whole repository's main code (every module's {@code
 * src/main/java*}, comments and string contents removed) and over the compiled classes that exist
 * ({@code target/classes}, constant pools): Jackson default typing is never enabled, no class-name
 * polymorphism; {@code ObjectInputStream} is created only by the java-legacy codec, behind its
 * per-stream filter; no serializing memcached transcoder; every memcached client gets our raw
 * transcoder; every Kryo requires registration; no unsafe YAML constructor. The repository is found
 * through {@code CROSSGRADE_REPO_ROOT}, which surefire sets.
 */
class RepositorySecurityScanTest {
  private static final String LEGACY_STREAM =
      "codecs/java-legacy/src/main/java/dev/crossgrade/codec/javalegacy/FilteredObjectInputStream.java";

  private static Path root;
  private static List<Source> sources;

  /** A main source file: its path from the root and its code without comments or strings. */
  record Source(String path, String code) {}

  /** A rule's violation. */
  record Finding(String path, int line, String text) {
    @Override
    public String toString() {
      return path + ":" + line + ": " + text;
    }
  }

  @BeforeAll
  static void scan() throws IOException {
    String env = System.getenv("CROSSGRADE_REPO_ROOT");
    root = Path.of(env != null ? env : "..").toAbsolutePath().normalize();
    assertThat(root.resolve("pom.xml")).as("repository root %s", root).exists();
    sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(RepositorySecurityScanTest::isMainSource).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        sources.add(new Source(root.relativize(file).toString(), strip(text)));
      }
    }
  }

  private static boolean isMainSource(Path file) {
    String path = file.toString().replace('\\', '/');
    return path.endsWith(".java")
        && path.matches(".*/src/main/java[^/]*/.*")
        && !path.contains("/target/")
        && !path.contains("/.git/");
  }

  /** Java source with comments removed and string, text block and char contents blanked. */
  static String strip(String java) {
    StringBuilder out = new StringBuilder(java.length());
    int i = 0;
    int n = java.length();
    while (i < n) {
      char c = java.charAt(i);
      if (c == '/' && i + 1 < n && java.charAt(i + 1) == '/') {
        while (i < n && java.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '/' && i + 1 < n && java.charAt(i + 1) == '*') {
        int end = java.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        for (int j = i; j < end; j++) {
          out.append(java.charAt(j) == '\n' ? '\n' : ' ');
        }
        i = end;
      } else if (java.startsWith("\"\"\"", i)) {
        int end = java.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        out.append("\"\"\"");
        for (int j = i + 3; j < end - 3; j++) {
          out.append(java.charAt(j) == '\n' ? '\n' : ' ');
        }
        out.append("\"\"\"");
        i = end;
      } else if (c == '"' || c == '\'') {
        out.append(c);
        i++;
        while (i < n && java.charAt(i) != c && java.charAt(i) != '\n') {
          if (java.charAt(i) == '\\') {
            i++;
          }
          i++;
        }
        out.append(c);
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static List<Finding> find(Pattern pattern, List<Source> in) {
    List<Finding> findings = new ArrayList<>();
    for (Source source : in) {
      Matcher matcher = pattern.matcher(source.code());
      while (matcher.find()) {
        int line =
            1
                + (int)
                    source
                        .code()
                        .substring(0, matcher.start())
                        .chars()
                        .filter(ch -> ch == '\n')
                        .count();
        findings.add(new Finding(source.path(), line, matcher.group()));
      }
    }
    return findings;
  }

  private static List<Finding> find(String regex) {
    return find(Pattern.compile(regex), sources);
  }

  @Test
  void theScanSeesEveryModuleAndStripsCommentsAndStrings() {
    assertThat(sources).as("main sources found").hasSizeGreaterThan(100);
    Set<String> modules = new HashSet<>();
    sources.forEach(s -> modules.add(s.path().substring(0, s.path().indexOf("/src/main/"))));
    assertThat(modules)
        .contains(
            "codec-api",
            "keyspace-router",
            "codecs/kryo",
            "codecs/jackson",
            "codecs/java-legacy",
            "codecs/msgpack",
            "codecs/thrift");
    String planted =
        """
        class X { // mapper.activateDefaultTyping(ptv)
          String s = "enableDefaultTyping()"; /* new ObjectInputStream(in) */
          void f() { mapper.activateDefaultTyping(ptv); }
        }
        """;
    List<Finding> found =
        find(
            Pattern.compile("\\b(activate|enable)DefaultTyping\\w*\\s*\\("),
            List.of(new Source("X.java", strip(planted))));
    assertThat(found).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(3));
  }

  @Test
  void jacksonDefaultTypingIsNeverEnabled() {
    assertThat(
            find(
                "\\b(activate|enable|set)DefaultTyping\\w*\\s*\\(|\\bDefaultTyping\\.|"
                    + "LaissezFaireSubTypeValidator|\\bId\\s*\\.\\s*(MINIMAL_)?CLASS\\b|"
                    + "use\\s*=\\s*(JsonTypeInfo\\s*\\.\\s*)?Id\\s*\\.\\s*(MINIMAL_)?CLASS"))
        .as("default typing or class-name type ids in main code")
        .isEmpty();
  }

  @Test
  void objectInputStreamIsCreatedOnlyByTheJavaLegacyCodecBehindItsFilter() throws IOException {
    List<Finding> mentions = find("\\bObjectInputStream\\b");
    Pattern hook =
        Pattern.compile(
            "readObject\\s*\\(\\s*(final\\s+)?(java\\s*\\.\\s*io\\s*\\.\\s*)?ObjectInputStream\\s+\\w+\\s*\\)");
    List<Finding> hooks = find(hook, sources);
    List<Finding> others = new ArrayList<>();
    for (Finding mention : mentions) {
      boolean isHook =
          hooks.stream()
              .anyMatch(h -> h.path().equals(mention.path()) && h.line() == mention.line());
      if (!isHook && !mention.path().equals(LEGACY_STREAM)) {
        others.add(mention);
      }
    }
    assertThat(others)
        .as(
            "ObjectInputStream outside java-legacy's FilteredObjectInputStream (other than the"
                + " readObject hooks of generated classes, which only a stream someone else made calls)")
        .isEmpty();
    String stream = strip(Files.readString(root.resolve(LEGACY_STREAM), StandardCharsets.UTF_8));
    assertThat(stream).contains("extends ObjectInputStream").contains("setObjectInputFilter(");
    assertThat(
            find(
                Pattern.compile("FilteredObjectInputStream\\s*\\("),
                List.of(new Source(LEGACY_STREAM, stream))))
        .as("the filtered stream has one constructor (and the call in open)")
        .hasSize(2);
    int constructor = stream.indexOf("private FilteredObjectInputStream(");
    assertThat(constructor).as("the filtered stream's constructor is private").isPositive();
    assertThat(body(stream, constructor))
        .as("the filter is set in the constructor, before any read")
        .contains("setObjectInputFilter(filter)")
        .doesNotContain("readObject");
    assertThat(stream).doesNotContain("setObjectInputFilter(null");
    assertThat(
            find(
                "\\bnew\\s+FilteredObjectInputStream\\b|\\bFilteredObjectInputStream\\s*\\.\\s*open\\s*\\("))
        .extracting(Finding::path)
        .allMatch(path -> path.startsWith("codecs/java-legacy/"));
    assertThat(
            find(
                "\\bXMLDecoder\\b|\\bsetSerialFilter\\s*\\(|\\bsetSerialFilterFactory\\s*\\(|"
                    + "\\benableResolveObject\\s*\\(|\\bObjectInput\\b"))
        .as("other deserializers or JVM-wide filters in main code")
        .isEmpty();
  }

  /** Whether a file belongs to the library users run (not to a benchmark or rehearsal tool). */
  private static boolean isLibrary(String path) {
    return path.startsWith("codec-api/")
        || path.startsWith("codecs/")
        || path.startsWith("keyspace-router/")
        || path.startsWith("cli/");
  }

  /** The block that starts at the first brace after {@code from}. */
  private static String body(String code, int from) {
    int open = code.indexOf('{', from);
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      if (code.charAt(i) == '{') {
        depth++;
      } else if (code.charAt(i) == '}' && --depth == 0) {
        return code.substring(open, i + 1);
      }
    }
    return code.substring(open);
  }

  @Test
  void noSerializingMemcachedTranscoderAndEveryLibraryClientGetsOurs() {
    assertThat(find("\\b\\w*SerializingTranscoder\\b|\\bWhalin\\w*Transcoder\\b"))
        .as("a serializing memcached transcoder in main code")
        .isEmpty();
    List<Finding> clients =
        find(
            "\\bnew\\s+(net\\s*\\.\\s*spy\\s*\\.\\s*memcached\\s*\\.\\s*)?MemcachedClient\\s*\\(|\\bnew\\s+XMemcachedClientBuilder\\s*\\(");
    assertThat(clients).as("memcached clients created in main code").isNotEmpty();
    for (Finding client : clients) {
      if (!isLibrary(client.path())) {
        // Tools (benchmarks, rehearsal) may keep a client's default transcoder as long as they
        // pass their own on every call; the names of the serializing transcoders are banned above.
        continue;
      }
      Source source =
          sources.stream().filter(s -> s.path().equals(client.path())).findFirst().orElseThrow();
      assertThat(
              source.code().contains("setTranscoder(")
                  || source.code().contains("Transcoder<Object> getDefaultTranscoder()"))
          .as("%s sets our transcoder", client)
          .isTrue();
    }
  }

  @Test
  void everyKryoRequiresRegistration() {
    assertThat(find("setRegistrationRequired\\s*\\(\\s*(?!true\\s*\\))"))
        .as("Kryo registration turned off or made configurable")
        .isEmpty();
    List<Finding> kryos = find("\\bnew\\s+Kryo\\s*\\(");
    assertThat(kryos).as("Kryo instances created in main code").isNotEmpty();
    for (Finding kryo : kryos) {
      Source source =
          sources.stream().filter(s -> s.path().equals(kryo.path())).findFirst().orElseThrow();
      assertThat(source.code())
          .as("%s requires registration", kryo)
          .containsPattern("setRegistrationRequired\\s*\\(\\s*true\\s*\\)");
    }
  }

  @Test
  void noUnsafeYamlConstructor() {
    assertThat(find("\\bnew\\s+Yaml\\s*\\(|\\bnew\\s+Constructor\\s*\\(|\\bUnsafeConstructor\\b"))
        .as("SnakeYAML object construction in main code")
        .isEmpty();
  }

  /** A class file's constant pool: class names, and member references as owner.name. */
  record ConstantPool(Set<String> classes, Set<String> members) {}

  static ConstantPool constants(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    data.readUnsignedShort();
    data.readUnsignedShort();
    int count = data.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classIndex = new int[count];
    int[][] refs = new int[count][];
    int[][] nameAndType = new int[count][];
    for (int i = 1; i < count; i++) {
      int tag = data.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = data.readUTF();
        case 7, 8, 16, 19, 20 ->
            classIndex[i] = tag == 7 ? data.readUnsignedShort() : -data.readUnsignedShort();
        case 3, 4 -> data.readInt();
        case 5, 6 -> {
          data.readLong();
          i++;
        }
        case 9, 10, 11 -> refs[i] = new int[] {data.readUnsignedShort(), data.readUnsignedShort()};
        case 12 -> nameAndType[i] = new int[] {data.readUnsignedShort(), data.readUnsignedShort()};
        case 15 -> {
          data.readUnsignedByte();
          data.readUnsignedShort();
        }
        case 17, 18 -> data.readInt();
        default -> throw new IOException("unknown constant tag " + tag);
      }
    }
    Set<String> classes = new HashSet<>();
    Set<String> members = new HashSet<>();
    for (int i = 1; i < count; i++) {
      if (classIndex[i] > 0) {
        classes.add(utf8[classIndex[i]]);
      }
    }
    for (int i = 1; i < count; i++) {
      if (refs[i] != null) {
        String owner = utf8[classIndex[refs[i][0]]];
        String name = utf8[nameAndType[refs[i][1]][0]];
        members.add(owner + "." + name);
      }
    }
    return new ConstantPool(classes, members);
  }

  @Test
  void compiledClassesReferenceNoUnsafeDeserializer() throws IOException {
    List<String> findings = new ArrayList<>();
    Set<String> scannedModules = new HashSet<>();
    List<Path> classDirs;
    try (Stream<Path> dirs = Files.walk(root, 4)) {
      classDirs =
          dirs.filter(d -> d.endsWith(Path.of("target", "classes")) && Files.isDirectory(d))
              .toList();
    }
    int classes = 0;
    for (Path dir : classDirs) {
      String module = root.relativize(dir.getParent().getParent()).toString();
      scannedModules.add(module);
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
          classes++;
          ConstantPool pool;
          try (InputStream in = Files.newInputStream(file)) {
            pool = constants(in);
          } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
          }
          String where = root.relativize(file).toString();
          for (String member : pool.members()) {
            if (member.matches(".*\\.(activate|enable|set)DefaultTyping\\w*")) {
              findings.add(where + " calls " + member);
            }
            if (member.equals("java/io/ObjectInputStream.<init>")
                && !where.endsWith("javalegacy/FilteredObjectInputStream.class")) {
              findings.add(where + " creates an ObjectInputStream");
            }
          }
          for (String type : pool.classes()) {
            if (type.matches(".*/(\\w*SerializingTranscoder|Whalin\\w*Transcoder)")
                || type.equals("java/beans/XMLDecoder")
                || type.contains("LaissezFaireSubTypeValidator")) {
              findings.add(where + " uses " + type);
            }
          }
        }
      }
    }
    assertThat(scannedModules)
        .as("compiled modules scanned")
        .contains("keyspace-router", "codec-api");
    assertThat(classes).isGreaterThan(50);
    assertThat(findings).isEmpty();
  }

  @Test
  void theConstantPoolReaderSeesWhatAClassCalls() throws IOException {
    try (InputStream in =
        RepositorySecurityScanTest.class.getResourceAsStream("RepositorySecurityScanTest.class")) {
      ConstantPool pool = constants(in);
      assertThat(pool.members()).contains("java/nio/file/Files.walk");
      assertThat(pool.classes()).contains("java/io/DataInputStream");
    }
  }
}
