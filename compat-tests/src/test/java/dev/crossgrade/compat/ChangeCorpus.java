package dev.crossgrade.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real-world changes to cached types, each an old and a new version with the verdict expected per
 * codec and direction and a one-line reason. Each change lives in its own package ({@code c01},
 * ...) so that all old versions compile into one jar and all new versions into another. Verdicts
 * are written as two letters per codec, forward (old writes, new reads) then backward (new writes,
 * old reads): {@code P} safe, {@code F} breaking.
 */
final class ChangeCorpus {
  private ChangeCorpus() {}

  /** One change. */
  record Change(
      String id,
      String oldRoot,
      String newRoot,
      Map<String, String> oldSources,
      Map<String, String> newSources,
      Map<String, String> expected,
      String reason) {
    /** The expected verdict of a codec in one direction. */
    Verdict expected(String codec, boolean forward) {
      String pair = expected.get(codec);
      return pair.charAt(forward ? 0 : 1) == 'P' ? Verdict.PASS : Verdict.FAIL;
    }
  }

  private static final String IMPORTS =
      "import java.util.*;\nimport java.math.*;\nimport java.time.*;\n"
          + "import com.fasterxml.jackson.annotation.*;\n";

  static final List<Change> CHANGES = new ArrayList<>();

  private static void change(
      String id, String expected, String reason, String oldBody, String newBody) {
    change(id, "T", "T", expected, reason, Map.of("T", oldBody), Map.of("T", newBody));
  }

  private static void change(
      String id,
      String oldRoot,
      String newRoot,
      String expected,
      String reason,
      Map<String, String> oldBodies,
      Map<String, String> newBodies) {
    String[] parts = expected.split(" ");
    Map<String, String> verdicts = new LinkedHashMap<>();
    verdicts.put("json", parts[0]);
    verdicts.put("msgpack", parts[1]);
    verdicts.put("kryo5", parts[2]);
    CHANGES.add(
        new Change(
            id,
            id + "." + oldRoot,
            id + "." + newRoot,
            sources(id, oldBodies),
            sources(id, newBodies),
            verdicts,
            reason));
  }

  private static Map<String, String> sources(String id, Map<String, String> bodies) {
    Map<String, String> out = new LinkedHashMap<>();
    bodies.forEach(
        (name, body) -> {
          String pkg =
              name.contains(".") ? id + "." + name.substring(0, name.lastIndexOf('.')) : id;
          String simple = name.substring(name.lastIndexOf('.') + 1);
          out.put(pkg + "." + simple, "package " + pkg + ";\n" + IMPORTS + body + "\n");
        });
    return out;
  }

  static {
    change(
        "c01",
        "PP PP PP",
        "a record gains a field: the old payload has none and the new reader leaves it null",
        "public record T(String id, int qty) {}",
        "public record T(String id, int qty, String note) {}");
    change(
        "c02",
        "PP PP PP",
        "a record loses a field: readers ignore what they do not know",
        "public record T(String id, int qty, String note) {}",
        "public record T(String id, int qty) {}");
    change(
        "c03",
        "FF FF FF",
        "a field renamed without an alias: its value is lost both ways",
        "public record T(String id, String name) {}",
        "public record T(String id, String displayName) {}");
    change(
        "c04",
        "PF PF FF",
        "a rename with @JsonAlias: Jackson reads the old name; the old build cannot read the new"
            + " name, and Kryo ignores Jackson's annotations",
        "public record T(String id, String name) {}",
        "public record T(String id, @JsonAlias(\"name\") String displayName) {}");
    change(
        "c05",
        "PF PF FF",
        "int widened to long: new reads every int; old cannot hold a long beyond int; Kryo does"
            + " not support a field whose type changed",
        "public class T { public String id; public int count; }",
        "public class T { public String id; public long count; }");
    change(
        "c06",
        "FP FP FP",
        "long narrowed to int: old longs overflow the new int; a new int widens into the old long"
            + " (Kryo passes record components through the canonical constructor, which widens)",
        "public record T(String id, long count) {}",
        "public record T(String id, int count) {}");
    change(
        "c07",
        "PF PF PF",
        "float widened to double keeps the value; a double narrowed back to float loses digits",
        "public record T(String id, float ratio) {}",
        "public record T(String id, double ratio) {}");
    change(
        "c08",
        "FF FF FF",
        "int became String: a number read as text is another kind of value, text is no number",
        "public record T(String id, int quantity) {}",
        "public record T(String id, String quantity) {}");
    change(
        "c09",
        "FP FP FP",
        "a nullable field becomes required: the new invariant rejects the old nulls",
        "public record T(String id, String email) {}",
        "public record T(String id, String email) {\n"
            + "  public T { Objects.requireNonNull(email, \"email is required\"); }\n}");
    change(
        "c10",
        "FP FP FP",
        "Boolean became boolean: a null silently becomes false; a boolean fits the old Boolean",
        "public class T { public String id; public Boolean active; }",
        "public class T { public String id; public boolean active; }");
    change(
        "c11",
        "PF PF PF",
        "an enum gains a constant: the old build does not know it",
        "public record T(String id, S status) { public enum S { NEW, PAID } }",
        "public record T(String id, S status) { public enum S { NEW, PAID, SHIPPED } }");
    change(
        "c12",
        "PP PP FF",
        "an enum reordered: names survive, Kryo writes ordinals (PAID read as SHIPPED)",
        "public record T(String id, S status) { public enum S { NEW, PAID, SHIPPED } }",
        "public record T(String id, S status) { public enum S { NEW, SHIPPED, PAID } }");
    change(
        "c13",
        "FP FP FP",
        "an enum loses a constant: old payloads holding it cannot be read",
        "public record T(String id, S status) { public enum S { NEW, PAID, LEGACY } }",
        "public record T(String id, S status) { public enum S { NEW, PAID } }");
    change(
        "c14",
        "PP PP PP",
        "a nested record gains a field",
        "public record T(String id, Address address) {\n"
            + "  public record Address(String city) {} }",
        "public record T(String id, Address address) {\n"
            + "  public record Address(String city, String zip) {} }");
    change(
        "c15",
        "FF FF FF",
        "a nested record's field renamed without an alias",
        "public record T(String id, Address address) {\n"
            + "  public record Address(String city) {} }",
        "public record T(String id, Address address) {\n"
            + "  public record Address(String town) {} }");
    change(
        "c16",
        "PP PP FF",
        "List became Set: the elements survive as a set; Kryo cannot change a field's type",
        "public class T { public String id; public List<String> tags; }",
        "public class T { public String id; public Set<String> tags; }");
    change(
        "c17",
        "PP PP FF",
        "Set became List: the elements survive in a list; Kryo cannot change a field's type",
        "public record T(String id, Set<String> tags) {}",
        "public record T(String id, List<String> tags) {}");
    change(
        "c18",
        "PP PP PP",
        "no change at all, over many kinds of field: nothing may fail",
        "public record T(String id, K kind, Optional<String> nick, Date created, Instant seen,"
            + " LocalDate day, BigDecimal price, BigInteger big, UUID ref, Map<K, Integer> counts,"
            + " char[] code, Set<Long> ids, Integer boxed, double[] weights) {\n"
            + "  public enum K { A, B, C } }",
        "public record T(String id, K kind, Optional<String> nick, Date created, Instant seen,"
            + " LocalDate day, BigDecimal price, BigInteger big, UUID ref, Map<K, Integer> counts,"
            + " char[] code, Set<Long> ids, Integer boxed, double[] weights) {\n"
            + "  public enum K { A, B, C } }");
    change(
        "c19",
        "FP FP FF",
        "BigDecimal became double: a null becomes 0.0 and digits beyond a double are lost; a"
            + " double reads back as the decimal it prints",
        "public record T(String id, BigDecimal price) {}",
        "public record T(String id, double price) {}");
    change(
        "c20",
        "PP PP FF",
        "String became Optional<String>: null is empty, a value is present",
        "public record T(String id, String nickname) {}",
        "public record T(String id, Optional<String> nickname) {}");
    change(
        "c21",
        "FF FF FF",
        "Date became Instant: epoch milliseconds read as another kind of value",
        "public record T(String id, Date created) {}",
        "public record T(String id, Instant created) {}");
    change(
        "c22",
        "PP PP PP",
        "a class gains a field with an initializer",
        "public class T { public String id; public int qty; }",
        "public class T { public String id; public int qty;"
            + " public List<String> tags = new ArrayList<>(); }");
    change(
        "c23",
        "PP PP PP",
        "a class loses a field",
        "public class T { public String id; public int qty; public String note; }",
        "public class T { public String id; public int qty; }");
    change(
        "c24",
        "FF FF FF",
        "a class's field renamed without an alias",
        "public class T { public String id; public String title; }",
        "public class T { public String id; public String heading; }");
    change(
        "c25",
        "T",
        "T",
        "PP PP PP",
        "a superclass gains a field: inherited fields evolve like the class's own",
        Map.of(
            "Base", "public class Base { public String id; }",
            "T", "public class T extends Base { public int qty; }"),
        Map.of(
            "Base", "public class Base { public String id; public String tenant; }",
            "T", "public class T extends Base { public int qty; }"));
    change(
        "c26",
        "T",
        "T",
        "PF PF FF",
        "a generic argument widened, Box<Integer> to Box<Long>: Kryo erases it and lets an"
            + " Integer into the Box<Long>",
        Map.of(
            "Box", "public class Box<V> { public V value; }",
            "T", "public class T { public String id; public Box<Integer> count; }"),
        Map.of(
            "Box", "public class Box<V> { public V value; }",
            "T", "public class T { public String id; public Box<Long> count; }"));
    change(
        "c27",
        "PF PF FF",
        "List<Integer> became List<Long>: Kryo's erased generics keep Integers in it",
        "public class T { public String id; public List<Integer> ids; }",
        "public class T { public String id; public List<Long> ids; }");
    change(
        "c28",
        "FP FP FF",
        "a map's keys became an enum: old keys are not its constants",
        "public record T(String id, Map<String, Integer> counts) {}",
        "public record T(String id, Map<K, Integer> counts) { public enum K { A, B } }");
    change(
        "c29",
        "PF PF FF",
        "a map's values widened from Integer to Long",
        "public record T(String id, Map<String, Integer> counts) {}",
        "public record T(String id, Map<String, Long> counts) {}");
    change(
        "c30",
        "PP PP PP",
        "a record with a char[] gains a field: the array compares by content",
        "public record T(char[] code, String id) {}",
        "public record T(char[] code, String id, int version) {}");
    change(
        "c31",
        "PP PP FF",
        "String[] became List<String>: the same elements in order",
        "public record T(String id, String[] tags) {}",
        "public record T(String id, List<String> tags) {}");
    change(
        "c32",
        "PF PF PF",
        "a required field becomes nullable: the old invariant rejects the new nulls",
        "public record T(String id, String email) {\n"
            + "  public T { Objects.requireNonNull(email, \"email is required\"); }\n}",
        "public record T(String id, String email) {}");
    change(
        "c33",
        "T",
        "T",
        "PP PP FF",
        "a nested class renamed, same fields: JSON and msgpack do not name classes, Kryo"
            + " registers them by name",
        Map.of(
            "T", "public record T(String id, Address address) {}",
            "Address", "public record Address(String city) {}"),
        Map.of(
            "T", "public record T(String id, Location address) {}",
            "Location", "public record Location(String city) {}"));
    change(
        "c34",
        "Order",
        "v2.Order",
        "PP PP PP",
        "the cached class moved to another package, fields unchanged (--old-type/--new-type)",
        Map.of("Order", "public record Order(String id, int qty) {}"),
        Map.of("v2.Order", "public record Order(String id, int qty) {}"));
    change(
        "c35",
        "T",
        "T",
        "PF PF PF",
        "a sealed interface gains a subtype: the old build cannot read it",
        Map.of(
            "T",
            "public record T(String id, Shape shape) {\n"
                + "  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)\n"
                + "  @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = \"circle\"),"
                + " @JsonSubTypes.Type(value = Square.class, name = \"square\")})\n"
                + "  public sealed interface Shape permits Circle, Square {}\n"
                + "  public record Circle(double r) implements Shape {}\n"
                + "  public record Square(double side) implements Shape {} }"),
        Map.of(
            "T",
            "public record T(String id, Shape shape) {\n"
                + "  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)\n"
                + "  @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = \"circle\"),"
                + " @JsonSubTypes.Type(value = Square.class, name = \"square\"),"
                + " @JsonSubTypes.Type(value = Triangle.class, name = \"triangle\")})\n"
                + "  public sealed interface Shape permits Circle, Square, Triangle {}\n"
                + "  public record Circle(double r) implements Shape {}\n"
                + "  public record Square(double side) implements Shape {}\n"
                + "  public record Triangle(double a, double b, double c) implements Shape {} }"));
    change(
        "c36",
        "PP PP PP",
        "record components reordered: every codec here matches them by name",
        "public record T(String a, int b) {}",
        "public record T(int b, String a) {}");
    change(
        "c37",
        "PP PP PP",
        "class fields reordered",
        "public class T { public String a; public int b; public long c; }",
        "public class T { public long c; public String a; public int b; }");
    change(
        "c38",
        "FP FP FP",
        "Integer became int: a null silently becomes 0; an int fits the old Integer (Kryo passes"
            + " record components through the canonical constructor)",
        "public record T(String id, Integer count) {}",
        "public record T(String id, int count) {}");
    change(
        "c39",
        "FP FP FF",
        "String became an enum: free text is not a constant; a constant is fine as text",
        "public record T(String id, String status) {}",
        "public record T(String id, S status) { public enum S { NEW, PAID } }");
    change(
        "c40",
        "FP FP FP",
        "a required field added: old payloads lack it and the new invariant rejects that",
        "public record T(String id) {}",
        "public record T(String id, String region) {\n"
            + "  public T { Objects.requireNonNull(region, \"region is required\"); }\n}");
    change(
        "c41",
        "PP PP PP",
        "the element type of a list gains a field",
        "public record T(String id, List<Item> items) { public record Item(String sku) {} }",
        "public record T(String id, List<Item> items) {"
            + " public record Item(String sku, int qty) {} }");
    change(
        "c42",
        "PP PP PP",
        "a map's value type loses a field",
        "public class T { public String id; public Map<String, Line> lines;\n"
            + "  public static class Line { public String sku; public long cents; } }",
        "public class T { public String id; public Map<String, Line> lines;\n"
            + "  public static class Line { public String sku; } }");
    change(
        "c43",
        "T",
        "T",
        "PP PP PP",
        "no change, a class over a superclass with Optional, java.time, UUID, maps and EnumSet",
        Map.of(
            "Base",
            "public class Base { public UUID ref; public Instant at; }",
            "T",
            "public class T extends Base { public Optional<Long> parent; public LocalDateTime when;"
                + " public ZonedDateTime zoned; public Map<Integer, String> names;"
                + " public EnumSet<K> flags; public BigInteger total; public Short small;"
                + " public enum K { X, Y } }"),
        Map.of(
            "Base",
            "public class Base { public UUID ref; public Instant at; }",
            "T",
            "public class T extends Base { public Optional<Long> parent; public LocalDateTime when;"
                + " public ZonedDateTime zoned; public Map<Integer, String> names;"
                + " public EnumSet<K> flags; public BigInteger total; public Short small;"
                + " public enum K { X, Y } }"));
    change(
        "c44",
        "PF PF PF",
        "boolean became Boolean: the old build turns a new null into false (or, in Kryo, cannot"
            + " pass it to its constructor)",
        "public record T(String id, boolean active) {}",
        "public record T(String id, Boolean active) {}");
    change(
        "c45",
        "PF PF PF",
        "int became double: every int fits a double, a fraction does not fit an int",
        "public record T(String id, int amount) {}",
        "public record T(String id, double amount) {}");
    change(
        "c46",
        "PP PP PP",
        "a class with a Set and a nested list of records gains a field",
        "public class T { public String id; public Set<String> roles; public List<P> parts;\n"
            + "  public record P(String name, BigDecimal share) {} }",
        "public class T { public String id; public Set<String> roles; public List<P> parts;"
            + " public long version;\n"
            + "  public record P(String name, BigDecimal share) {} }");
    change(
        "c47",
        "FF FF FF",
        "LocalDate became LocalDateTime: another kind of value",
        "public record T(String id, LocalDate day) {}",
        "public record T(String id, LocalDateTime day) {}");
    change(
        "c48",
        "PP PP PP",
        "a field made transient: no codec writes it, no reader expects it",
        "public class T { public String id; public String cache; }",
        "public class T { public String id; public transient String cache; }");
  }
}
