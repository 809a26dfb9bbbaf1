package dev.crossgrade.codec.javalegacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.crossgrade.codec.Limits;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.SerializingTranscoder;
import org.junit.jupiter.api.Test;

/**
 * Committed payloads, written once by the JDK's {@code ObjectOutputStream} and by spymemcached's
 * {@code SerializingTranscoder}, read back by the current code. Missing files are written (to be
 * committed) when the tests run with {@code -Dcrossgrade.writeGolden=true}.
 */
class GoldenPayloadsTest {
  private static final String JAVA = "java-serialization";
  private static final String SPYMEMCACHED = "spymemcached";
  private static final Pattern SPYMEMCACHED_FILE =
      Pattern.compile("(?<name>[a-z0-9-]+)\\.flags-0x(?<flags>[0-9a-f]{4})\\.bin");

  private static final JavaSerializationReader<Object> READER = Values.reader();
  private static final SpymemcachedTranscoderReader SPY =
      SpymemcachedTranscoderReader.newBuilder().objects(READER).build();

  /** The values of the golden Java serialization streams, by file name without {@code .ser}. */
  static Map<String, Object> javaValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("string-non-bmp", "Crossgrade \uD83D\uDE80 \uD834\uDD1E İıŞş 漢字 lone \uD800 end");
    values.put("long-min", Long.MIN_VALUE);
    values.put(
        "boxed-numbers",
        new ArrayList<>(
            Arrays.asList(
                Integer.MAX_VALUE,
                (short) -300,
                (byte) 127,
                'ß',
                Float.NaN,
                -0.0,
                1.9999999999999998E23,
                Boolean.TRUE)));
    values.put(
        "big-numbers",
        new ArrayList<>(
            List.of(
                BigInteger.TWO.pow(200).add(BigInteger.ONE).negate(),
                new BigDecimal("-1234567890.123456789E-30"))));
    values.put(
        "java-time",
        new ArrayList<>(
            List.of(
                LocalDate.of(2024, 2, 29),
                LocalTime.of(23, 59, 59, 999_999_999),
                LocalDateTime.of(-9999, 1, 1, 0, 0),
                Instant.ofEpochSecond(1_700_000_000L, 123_456_789),
                ZonedDateTime.of(2021, 3, 28, 2, 30, 0, 0, ZoneId.of("Europe/Istanbul")),
                OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(-3, -30)),
                Duration.ofMillis(-1),
                Period.of(1, -2, 3),
                Year.of(1900),
                YearMonth.of(2030, 12),
                MonthDay.of(2, 29),
                ZoneOffset.MAX,
                DayOfWeek.SUNDAY)));
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", new ArrayList<>(Arrays.asList(1, null, "x")));
    nested.put("linked", new LinkedList<>(List.of(1L, 2L)));
    nested.put("set", new HashSet<>(Set.of("a", "b", "c")));
    nested.put("linked-set", new LinkedHashSet<>(List.of("z", "y")));
    nested.put("tree", new TreeMap<>(Map.of("b", 2, "a", 1)));
    nested.put("tree-set", new TreeSet<>(Set.of(3, 1, 2)));
    nested.put("null", null);
    nested.put("empty", new ArrayList<>());
    values.put("nested-collections", new LinkedHashMap<>(nested));
    values.put(
        "immutable-collections",
        new ArrayList<>(
            List.of(
                List.of(1, 2, 3),
                List.of("one"),
                Set.of("a"),
                Set.of("a", "b", "c"),
                Map.of("k", "v"),
                Map.of("k1", 1, "k2", 2, "k3", 3),
                Collections.emptyList(),
                Collections.emptySet(),
                Collections.emptyMap())));
    values.put(
        "uuid-and-date", new ArrayList<>(List.of(new UUID(1, -2), new Date(1_600_000_000_000L))));
    values.put("sample-account", account());
    values.put("sample-address-record", new SampleAddress("Kordon 1", "İzmir", 35_000));
    values.put("enum", SampleStatus.CLOSED);
    values.put("int-array", new int[] {Integer.MIN_VALUE, 0, 7});
    values.put("string-matrix", new String[][] {{"a", null}, {}, {"\uD83D\uDE80"}});
    return values;
  }

  /** The values of the golden spymemcached entries, by file name before {@code .flags-}. */
  static Map<String, Object> spymemcachedValues() {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("string", "Grüße \uD83D\uDE80");
    values.put("string-empty", "");
    values.put("int-negative", -123_456);
    values.put("int-zero", 0);
    values.put("long-max", Long.MAX_VALUE);
    values.put("long-small", 300L);
    values.put("boolean-true", true);
    values.put("boolean-false", false);
    values.put("date", new Date(1_600_000_000_000L));
    values.put("byte", (byte) -7);
    values.put("float", 3.5f);
    values.put("double", Math.PI);
    values.put("bytes", new byte[] {0, 1, 2, (byte) 255});
    values.put("serialized-account", account());
    values.put("compressed-string", "crossgrade ".repeat(3000));
    List<String> items = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      items.add("item-" + i);
    }
    values.put("compressed-list", items);
    byte[] pattern = new byte[20_000];
    for (int i = 0; i < pattern.length; i++) {
      pattern[i] = (byte) (i % 7);
    }
    values.put("compressed-bytes", pattern);
    return values;
  }

  private static SampleAccount account() {
    return new SampleAccount(
        "acc-42",
        123_456_789L,
        List.of("vip", "eu"),
        LocalDate.of(2019, 5, 1),
        SampleStatus.FROZEN);
  }

  @Test
  void goldenJavaSerializationStreamsAreReadBack() throws IOException {
    for (Map.Entry<String, Object> entry : javaValues().entrySet()) {
      String file = entry.getKey() + ".ser";
      byte[] stream = golden(JAVA, file, () -> Streams.serialize(entry.getValue()));
      if (stream == null) {
        continue;
      }
      Object read = READER.read(stream, 0, stream.length, Limits.defaults());
      assertThat(Objects.deepEquals(entry.getValue(), read))
          .as("golden %s read as %s", file, read)
          .isTrue();
    }
  }

  @Test
  void goldenSpymemcachedEntriesAreReadBackWithTheFlagsInTheirNames() throws IOException {
    Map<String, Path> files = spymemcachedFiles();
    for (Map.Entry<String, Object> entry : spymemcachedValues().entrySet()) {
      CachedData today = new SerializingTranscoder().encode(entry.getValue());
      Path file = files.get(entry.getKey());
      String name =
          file != null
              ? file.getFileName().toString()
              : String.format(Locale.ROOT, "%s.flags-0x%04x.bin", entry.getKey(), today.getFlags());
      byte[] data = golden(SPYMEMCACHED, name, today::getData);
      if (data == null) {
        continue;
      }
      Matcher matcher = SPYMEMCACHED_FILE.matcher(name);
      assertThat(matcher.matches()).as("golden file name %s", name).isTrue();
      int flags = Integer.parseInt(matcher.group("flags"), 16);
      assertThat(flags).as("flags spymemcached gives %s today", name).isEqualTo(today.getFlags());

      Object read = SPY.read(data, flags);
      assertThat(Objects.deepEquals(entry.getValue(), read))
          .as("golden %s read as %s", name, read)
          .isTrue();
    }
  }

  @Test
  void everyCodecGenerationHasGoldenDataAndEveryFileAnExpectedValue() throws IOException {
    Path java = directory(JAVA);
    List<String> javaFiles = names(java);
    assertThat(javaFiles).as("golden Java serialization streams in %s", java).isNotEmpty();
    assertThat(javaFiles)
        .containsExactlyInAnyOrderElementsOf(
            javaValues().keySet().stream().map(name -> name + ".ser").toList());

    Map<String, Path> spymemcached = spymemcachedFiles();
    assertThat(spymemcached).as("golden spymemcached entries").isNotEmpty();
    assertThat(spymemcached.keySet())
        .containsExactlyInAnyOrderElementsOf(spymemcachedValues().keySet());
  }

  private static Map<String, Path> spymemcachedFiles() throws IOException {
    Path directory = directory(SPYMEMCACHED);
    Map<String, Path> files = new LinkedHashMap<>();
    for (String name : names(directory)) {
      Matcher matcher = SPYMEMCACHED_FILE.matcher(name);
      if (!matcher.matches()) {
        fail("golden file " + name + " is not named <value>.flags-0x<4 hex digits>.bin");
      }
      if (files.put(matcher.group("name"), directory.resolve(name)) != null) {
        fail("two golden files for " + matcher.group("name"));
      }
    }
    return files;
  }

  private static List<String> names(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.map(file -> file.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  /** The committed golden directory, as copied to the test class path. */
  private static Path directory(String codec) {
    URL root = GoldenPayloadsTest.class.getResource("/golden");
    if (root == null) {
      return Path.of("src/test/resources/golden", codec);
    }
    try {
      return Path.of(root.toURI()).resolve(codec);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Writer {
    byte[] bytes();
  }

  /** The golden file's bytes; null if it was missing and has just been written. */
  private static byte[] golden(String codec, String name, Writer writer) throws IOException {
    Path file = directory(codec).resolve(name);
    if (Files.exists(file)) {
      return Files.readAllBytes(file);
    }
    if (Boolean.getBoolean("crossgrade.writeGolden")) {
      Path source = Path.of("src/test/resources/golden", codec, name);
      Files.createDirectories(source.getParent());
      Files.write(source, writer.bytes());
      return null;
    }
    fail(
        "no golden payload "
            + codec
            + "/"
            + name
            + "; write the missing ones with -Dcrossgrade.writeGolden=true and commit them");
    return null;
  }
}
