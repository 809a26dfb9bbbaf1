package dev.crossgrade.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.crossgrade.codec.CodecRegistry;
import dev.crossgrade.codec.kryo.Kryo5Codec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code crossgrade matrix --old --new} on two builds compiled here, and its exit statuses. */
class MatrixUserJarCommandTest {
  @TempDir Path dir;

  Path build(String name, Map<String, String> sources) throws IOException {
    Path classes = Files.createDirectories(dir.resolve(name + "-classes"));
    List<String> args =
        new ArrayList<>(
            List.of("-d", classes.toString(), "--release", "17", "-proc:none", "-parameters"));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = dir.resolve(name + "-src").resolve(source.getKey().replace('.', '/') + ".java");
      Files.createDirectories(file.getParent());
      Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
      args.add(file.toString());
    }
    assertThat(
            ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(new String[0])))
        .isZero();
    Path jar = dir.resolve(name + ".jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  Path v1() throws IOException {
    return build(
        "shop-1",
        Map.of(
            "com.acme.User", "package com.acme;\npublic record User(String id, String name) {}\n"));
  }

  @Test
  void aRenameWithoutAnAliasExitsOneAndPrintsALinePerCell() throws IOException {
    Path v2 =
        build(
            "shop-2",
            Map.of(
                "com.acme.User",
                "package com.acme;\npublic record User(String id, String displayName) {}\n"));
    CliRun run =
        CliRun.of(
            "matrix",
            "--old",
            v1().toString(),
            "--new",
            v2.toString(),
            "--type",
            "com.acme.User",
            "--tries",
            "200");
    assertThat(run.status()).as(run.err()).isEqualTo(1);
    assertThat(run.out())
        .contains("setup: default", "`name` is dropped and `displayName` gets null")
        .contains("FAIL: kryo5, old shop-1.jar -> new shop-2.jar");
    assertThat(run.err().lines().filter(l -> l.matches("matrix \\d+/6 com\\.acme\\.User .*")))
        .hasSize(6);
    assertThat(run.err()).contains("0 PASS, 6 FAIL");
  }

  @Test
  void aCompatibleChangeExitsZero_andCodecAndMovedTypesAreOptions() throws IOException {
    Path v2 =
        build(
            "shop-2",
            Map.of(
                "com.acme.v2.User",
                "package com.acme.v2;\npublic record User(String id, String name, int visits) {}\n"));
    CliRun run =
        CliRun.of(
            "matrix",
            "--old",
            v1().toString(),
            "--new",
            v2.toString(),
            "--old-type",
            "com.acme.User",
            "--new-type",
            "com.acme.v2.User",
            "--codec",
            "json",
            "--codec",
            "kryo5",
            "--mode",
            "quick",
            "--format",
            "json");
    assertThat(run.status()).as(run.err() + run.out()).isZero();
    var report = new ObjectMapper().readTree(run.out());
    assertThat(report.get("cells").size()).isEqualTo(4);
    assertThat(report.get("triesPerCell").asInt()).isEqualTo(500);
    assertThat(report.get("cells").get(0).get("group").asText())
        .isEqualTo("com.acme.User -> com.acme.v2.User");
  }

  @Test
  void badArgumentsExitTwoWithOneLineAndNoStackTrace() throws IOException {
    Path v1 = v1();
    for (String[] args :
        List.of(
            new String[] {
              "--old",
              dir.resolve("missing.jar").toString(),
              "--new",
              v1.toString(),
              "--type",
              "com.acme.User"
            },
            new String[] {
              "--old", v1.toString(), "--new", v1.toString(), "--type", "com.acme.Nope"
            },
            new String[] {
              "--old",
              v1.toString(),
              "--new",
              v1.toString(),
              "--type",
              "com.acme.User",
              "--codec",
              "pickle"
            },
            new String[] {"--old", v1.toString(), "--new", v1.toString()},
            new String[] {"--old", v1.toString(), "--new", v1.toString(), "--old-type", "a.B"})) {
      List<String> full = new ArrayList<>(List.of("matrix"));
      full.addAll(List.of(args));
      CliRun run = CliRun.of(full.toArray(new String[0]));
      assertThat(run.status()).as(run.err()).isEqualTo(2);
      assertThat(run.err().lines().filter(l -> l.startsWith("crossgrade matrix: "))).hasSize(1);
      assertThat(run.err()).doesNotContain("\tat ", "Exception in");
    }
    CliRun unknown =
        CliRun.of(
            "matrix", "--old", v1.toString(), "--new", v1.toString(), "--type", "com.acme.Nope");
    assertThat(unknown.err()).contains("com.acme.Nope is not in ");
  }

  /** A class a Kryo registry writes, which the generic Kryo model cannot read. */
  public static final class Point {
    public int x;

    public Point() {}
  }

  @Test
  void decodingABodyOfApplicationClassesSaysTheGenericCodecCannotReadIt() throws IOException {
    CodecRegistry<Point> points =
        CodecRegistry.newBuilder(Point.class)
            .writer(Kryo5Codec.newBuilder(Point.class).register(Point.class, 100).build())
            .build();
    Point p = new Point();
    p.x = 7;
    Path file = Files.write(dir.resolve("point.bin"), points.encode(p));
    CliRun run = CliRun.of("decode", file.toString());
    assertThat(run.status()).isEqualTo(2);
    var line = new ObjectMapper().readTree(run.out().lines().findFirst().orElseThrow());
    assertThat(line.get("error").asText()).isEqualTo("not-generic");
    assertThat(line.get("reason").asText())
        .contains("the envelope is sound", "application's own CodecRegistry");
  }
}
