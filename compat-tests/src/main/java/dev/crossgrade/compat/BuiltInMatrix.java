package dev.crossgrade.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** The cells of the built-in matrix, the project's own cross-runtime regression suite. */
final class BuiltInMatrix {
  static final String KRYO4_TO_KRYO5 =
      "Kryo 5 cannot read Kryo 4 bytes (the wire formats differ, and nothing in a body says which"
          + " generation wrote it); without a Kryo 4 reader the Kryo 5 runtime refuses them";
  static final String KRYO5_TO_KRYO4 =
      "a runtime still on Kryo 4 cannot read what a Kryo 5 runtime writes";
  static final String STR8 =
      "the current MessagePack spec writes strings of 32 to 255 bytes as str8 (0xd9), and binary"
          + " as bin, which old-spec readers such as msgpack-java 0.6.7 reject";
  static final String NAIVE_JSON =
      "Jackson's defaults write doubles with Double.toString, whose shortest form changed in JDK 19"
          + " (2e23 is 1.9999999999999998E23 on JDK 17, 2.0E23 on JDK 25), and maps in iteration"
          + " order, which for Map.of differs between JVMs";
  static final String PLATFORM_CHARSET =
      "String.getBytes() uses the default charset: US-ASCII on JDK 17 under a non-UTF-8 (C)"
          + " locale, UTF-8 on JDK 18+ (JEP 400), so text beyond ASCII is garbled";
  static final String RENAME_BY_NAME =
      "this codec matches fields by name, so a renamed field is one removed and one added: its"
          + " value is lost";
  static final String RENAME_OLD_READER =
      "@JsonAlias lets the new build read the old name, but the old build does not know the new"
          + " name";
  static final String KRYO5_TYPE_CHECK =
      "Kryo 5's compatible field serializer checks each field's written type and refuses a"
          + " changed one (int -> long), where Kryo 4's reads the varint into the long";
  static final String THRIFT_TYPE_CHANGE =
      "Thrift skips a field whose wire type changed under the same id (i32 -> i64), so the value"
          + " is lost: a widened field needs a new id";
  static final String NARROWING =
      "the old build's int cannot hold the new build's long values above 2^31 - 1";

  private BuiltInMatrix() {}

  /** What the cells run on: the harness JVM and one worker per JDK (null when missing). */
  record Hosts(
      Host local, @Nullable Host jdk17, @Nullable Host jdk25, String missing17, String missing25) {}

  static List<Cell> cells(Hosts hosts) {
    List<Cell> cells = new ArrayList<>();
    jdkCells(hosts, cells);
    jsonBytesCells(hosts, cells);
    charsetCells(hosts, cells);
    generationCells(hosts, cells);
    schemaCells(hosts, cells);
    return cells;
  }

  private record Codec(String side, String label, Domain domain, Equivalence equivalence) {}

  /** Every feature of the generic model; the other generic domains are projections of it. */
  static final Domain WIDEST = Domain.generic("widest", true, true, true, "any");

  static final Domain KRYO = Domain.generic("kryo", true, true, true, "any");
  static final Domain MSGPACK = Domain.generic("msgpack", false, true, true, "uint64");
  static final Domain MSGPACK_OLD = Domain.generic("msgpack-old", false, true, false, "uint64");
  static final Domain JSON = Domain.generic("json", false, false, false, "");
  static final Domain JAVA = Domain.generic("java", true, true, true, "any");
  static final Domain TEXT = Domain.text("text");
  static final Domain SAMPLE = Domain.struct(Sides.SAMPLE, true);

  private static void jdkCells(Hosts hosts, List<Cell> cells) {
    List<Codec> codecs =
        List.of(
            new Codec("kryo5", "kryo5", KRYO, Equivalence.STRUCTURAL),
            new Codec("kryo4", "kryo4", KRYO, Equivalence.STRUCTURAL),
            new Codec("msgpack", "msgpack", MSGPACK, Equivalence.STRUCTURAL),
            new Codec("msgpack-oldspec", "msgpack-oldspec", MSGPACK_OLD, Equivalence.STRUCTURAL),
            new Codec("thrift-binary", "thrift-binary (Sample)", SAMPLE, Equivalence.STRUCTURAL),
            new Codec("thrift-compact", "thrift-compact (Sample)", SAMPLE, Equivalence.STRUCTURAL),
            new Codec("json", "json", JSON, Equivalence.JSON),
            new Codec("canonical-json", "canonical-json", JSON, Equivalence.JSON),
            new Codec("naive-json", "naive JSON (Jackson defaults)", JSON, Equivalence.JSON),
            new Codec(
                "java-serialization",
                "java-serialization (ObjectOutputStream -> allow-listed reader)",
                JAVA,
                Equivalence.STRUCTURAL));
    for (Codec codec : codecs) {
      for (boolean up : new boolean[] {true, false}) {
        cells.add(
            jdkCell(
                hosts,
                "jdk",
                codec.label(),
                up,
                codec.side(),
                codec.domain(),
                Cell.Mode.ROUND_TRIP,
                codec.equivalence(),
                null));
      }
    }
  }

  /** A cell that JDK 17 writes and JDK 25 reads with the same side, and what must fail. */
  private record JdkRow(String codec, String side, @Nullable String expectedFailure) {}

  private static void jsonBytesCells(Hosts hosts, List<Cell> cells) {
    List<JdkRow> rows =
        List.of(
            new JdkRow("naive JSON (Jackson defaults), bytes", "naive-json", NAIVE_JSON),
            new JdkRow("json (sorted, Schubfach), bytes", "json", null),
            new JdkRow("canonical-json (RFC 8785), bytes", "canonical-json", null));
    for (JdkRow row : rows) {
      cells.add(
          jdkCell(
              hosts,
              "json-bytes",
              row.codec(),
              true,
              row.side(),
              JSON,
              Cell.Mode.SAME_BYTES,
              Equivalence.STRUCTURAL,
              row.expectedFailure()));
    }
  }

  private static void charsetCells(Hosts hosts, List<Cell> cells) {
    List<JdkRow> rows =
        List.of(
            new JdkRow(
                "text, platform default charset (LANG=C)", "platform-text", PLATFORM_CHARSET),
            new JdkRow("text, explicit UTF-8", "utf8-text", null));
    for (JdkRow row : rows) {
      cells.add(
          jdkCell(
              hosts,
              "charset",
              row.codec(),
              true,
              row.side(),
              TEXT,
              Cell.Mode.ROUND_TRIP,
              Equivalence.STRUCTURAL,
              row.expectedFailure()));
    }
  }

  /** A cell run across the two JDK workers, both ends with the codec side {@code side}. */
  private static Cell jdkCell(
      Hosts hosts,
      String group,
      String codec,
      boolean seventeenWrites,
      String side,
      Domain domain,
      Cell.Mode mode,
      Equivalence equivalence,
      @Nullable String expectedFailure) {
    Host writer = seventeenWrites ? hosts.jdk17() : hosts.jdk25();
    Host reader = seventeenWrites ? hosts.jdk25() : hosts.jdk17();
    String notRun = null;
    if (hosts.jdk17() == null || hosts.jdk25() == null) {
      notRun = hosts.jdk17() == null ? hosts.missing17() : hosts.missing25();
    }
    return new Cell(
        group,
        codec,
        seventeenWrites ? "JDK 17" : "JDK 25",
        seventeenWrites ? "JDK 25" : "JDK 17",
        writer,
        side,
        reader,
        side,
        domain,
        mode,
        equivalence,
        UnaryOperator.identity(),
        expectedFailure,
        notRun);
  }

  /** One end of a cell run in the harness JVM: its label in the report and its codec side. */
  private record End(String label, String side) {}

  /** A group of the matrix: its name, the codec its rows name, and the values it writes. */
  private record Group(String name, String codec, Domain domain) {}

  /** A writer and a reader of {@code group} in the harness JVM, and what must fail between them. */
  private record LocalPair(Group group, End writer, End reader, @Nullable String expectedFailure) {}

  private static Cell local(
      Hosts hosts,
      String group,
      String codec,
      End writer,
      End reader,
      Domain domain,
      UnaryOperator<Object> expected,
      @Nullable String expectedFailure) {
    return new Cell(
        group,
        codec,
        writer.label(),
        reader.label(),
        hosts.local(),
        writer.side(),
        hosts.local(),
        reader.side(),
        domain,
        Cell.Mode.ROUND_TRIP,
        Equivalence.STRUCTURAL,
        expected,
        expectedFailure,
        null);
  }

  /** The kryo and msgpack generation cells: each reads back the value written, unchanged. */
  private static void generationCells(Hosts hosts, List<Cell> cells) {
    Group kryo = new Group("kryo", "kryo (generic model)", KRYO);
    End kryo4 = new End("Kryo 4 runtime", "kryo4-registry");
    End kryo5 = new End("Kryo 5 runtime", "kryo5-registry");
    End kryo5ReadsKryo4 = new End("Kryo 5 runtime + Kryo 4 reader", "kryo5-registry+kryo4-reader");
    Group msgpack = new Group("msgpack", "msgpack (generic model)", MSGPACK_OLD);
    End currentWriter = new End("current-spec writer", "msgpack");
    End oldWriter = new End("old-spec writer", "msgpack-oldspec");
    End msgpackJava = new End("msgpack-java 0.6.7 (old spec)", "msgpack-java-0.6.7");
    End currentReader = new End("current-spec reader", "msgpack");
    End oldReader = new End("old-spec reader (Crossgrade)", "msgpack-oldspec");
    List<LocalPair> pairs =
        List.of(
            new LocalPair(kryo, kryo4, kryo5, KRYO4_TO_KRYO5),
            new LocalPair(kryo, kryo4, kryo5ReadsKryo4, null),
            new LocalPair(kryo, kryo5, kryo4, KRYO5_TO_KRYO4),
            new LocalPair(kryo, kryo5, kryo5ReadsKryo4, null),
            new LocalPair(msgpack, currentWriter, msgpackJava, STR8),
            new LocalPair(msgpack, oldWriter, msgpackJava, null),
            new LocalPair(msgpack, msgpackJava, currentReader, null),
            new LocalPair(msgpack, currentWriter, oldReader, null));
    for (LocalPair pair : pairs) {
      Group group = pair.group();
      cells.add(
          local(
              hosts,
              group.name(),
              group.codec(),
              pair.writer(),
              pair.reader(),
              group.domain(),
              UnaryOperator.identity(),
              pair.expectedFailure()));
    }
  }

  /** The schema codecs and their evolution settings. */
  static final Map<String, String> SCHEMA_CODECS = new LinkedHashMap<>();

  static {
    SCHEMA_CODECS.put("kryo5-compatible", "kryo5 (compatible field serializer)");
    SCHEMA_CODECS.put("kryo5-tagged", "kryo5 (tagged field serializer)");
    SCHEMA_CODECS.put("kryo4-compatible", "kryo4 (compatible field serializer)");
    SCHEMA_CODECS.put("kryo4-tagged", "kryo4 (tagged, annexed)");
    SCHEMA_CODECS.put("msgpack-record", "msgpack record (defaults declared)");
    SCHEMA_CODECS.put("json-record", "json record (@JsonAlias on renames)");
    SCHEMA_CODECS.put("thrift-binary", "thrift-binary (by field id)");
    SCHEMA_CODECS.put("thrift-compact", "thrift-compact (by field id)");
  }

  private static final Map<String, String> CHANGES =
      Map.of(
          "AccountAdded", "field added",
          "AccountRemoved", "field removed",
          "AccountRenamed", "field renamed",
          "AccountWidened", "field widened");

  private static void schemaCells(Hosts hosts, List<Cell> cells) {
    for (Map.Entry<String, String> codec : SCHEMA_CODECS.entrySet()) {
      for (Layout v2 : Sides.ACCOUNT_LAYOUTS.subList(1, Sides.ACCOUNT_LAYOUTS.size())) {
        for (boolean forward : new boolean[] {true, false}) {
          Layout from = forward ? Sides.ACCOUNT : v2;
          Layout to = forward ? v2 : Sides.ACCOUNT;
          String readerSide = "schema:" + codec.getKey() + ":" + to.type();
          Map<String, @Nullable Object> defaults = Sides.create(readerSide).defaults();
          cells.add(
              local(
                  hosts,
                  "schema",
                  codec.getValue(),
                  new End(label(from), "schema:" + codec.getKey() + ":" + from.type()),
                  new End(label(to), readerSide),
                  Domain.struct(from, false),
                  value -> Evolution.expected((Struct) value, to, defaults),
                  schemaExpectation(codec.getKey(), v2.type(), forward)));
        }
      }
    }
  }

  private static String label(Layout layout) {
    return layout == Sides.ACCOUNT
        ? "Account v1"
        : "Account v2 (" + CHANGES.get(layout.type()) + ")";
  }

  /** The documented incompatibilities of schema evolution, per codec, change and direction. */
  static @Nullable String schemaExpectation(String codec, String change, boolean forward) {
    switch (change) {
      case "AccountRenamed":
        if (codec.endsWith("-compatible") || codec.equals("msgpack-record")) {
          return RENAME_BY_NAME;
        }
        if (codec.equals("json-record") && !forward) {
          return RENAME_OLD_READER;
        }
        return null;
      case "AccountWidened":
        if (!forward) {
          return NARROWING;
        }
        if (codec.equals("kryo5-compatible")) {
          return KRYO5_TYPE_CHECK;
        }
        return codec.startsWith("thrift") ? THRIFT_TYPE_CHANGE : null;
      default:
        return null;
    }
  }
}
