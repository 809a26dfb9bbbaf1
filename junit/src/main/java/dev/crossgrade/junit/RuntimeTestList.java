package dev.crossgrade.junit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A runtime test list: per runtime, the tests that must pass ({@link Mode#INCLUDE}: every other
 * test runs and is reported but does not fail the build) or the tests that may fail ({@link
 * Mode#EXCLUDE}: every other test must pass). Immutable; {@link #parse} reads the text form and
 * {@link #text()} writes it.
 *
 * <pre>
 * # tests that already pass on JDK 25; the others run and are reported
 * include on jdk 25
 *   com.acme.CartTest
 *   com.acme.PriceTest#roundsHalfEven
 *
 * # with -Dcrossgrade.runtime=kryo5 everything must pass but these; strict: a listed test that
 * # passes fails the build, so the list shrinks as fixes land
 * exclude on runtime kryo5 strict
 *   com.acme.legacy.*
 * </pre>
 *
 * An entry is a class (its tests and those of its nested classes), a method (every invocation of
 * it, whatever its parameters) or a package ending in {@code .*} (with its subpackages). A line
 * starting with {@code #}, and anything after a blank and {@code #}, is a comment.
 */
public final class RuntimeTestList {
  /** The list's file name on the test class path: {@value}. */
  public static final String RESOURCE = "crossgrade-runtime-tests.txt";

  /** The largest list file read: 1 MiB. */
  public static final int MAX_BYTES = 1 << 20;

  private static final Pattern HEADER =
      Pattern.compile(
          "(include|exclude)\\s+on\\s+(jdk\\s+(\\d{1,3})|runtime\\s+(\\S+))(\\s+strict)?");
  private static final String ID = "[A-Za-z_$][A-Za-z0-9_$]*";
  private static final Pattern ENTRY =
      Pattern.compile(ID + "(\\." + ID + ")*(\\.\\*|#" + ID + ")?");
  private static final String HEADER_FIX =
      """
      write a section line such as 'include on jdk 25', 'exclude on jdk 25 strict' or 'include on \
      runtime NAME' (NAME as given with -D%s=NAME)"""
          .formatted(TestRuntime.PROPERTY);
  private static final String ENTRY_FIX =
      "write a class (com.acme.CartTest), a method (com.acme.CartTest#totals) or a package"
          + " (com.acme.legacy.*), one per line";

  private final String source;
  private final List<Section> sections;

  private RuntimeTestList(String source, List<Section> sections) {
    this.source = source;
    this.sections = List.copyOf(sections);
  }

  /** Whether the listed tests are the ones that must pass or the ones that may fail. */
  public enum Mode {
    /** The listed tests must pass; the others run and are reported, and never fail the build. */
    INCLUDE,
    /** The listed tests may fail; every other test must pass. */
    EXCLUDE;

    /** As written in a list file. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One line naming tests.
   *
   * @param pattern a class, {@code Class#method} or {@code package.*}
   * @param line its 1-based line in the file, or 0 when not from a file
   * @param comment the text after {@code #} on its line, or empty
   */
  public record Entry(String pattern, int line, String comment) {
    /** Checks the pattern. */
    public Entry {
      Objects.requireNonNull(comment, "comment");
      if (!ENTRY.matcher(Objects.requireNonNull(pattern, "pattern")).matches()) {
        throw new IllegalArgumentException("'" + pattern + "' is not a test name: " + ENTRY_FIX);
      }
      if (comment.contains("\n")) {
        throw new IllegalArgumentException("a comment is one line");
      }
    }

    /** Whether this entry names the test {@code methodName} of class {@code className}. */
    public boolean matches(String className, String methodName) {
      if (pattern.endsWith(".*")) {
        return className.startsWith(pattern.substring(0, pattern.length() - 1));
      }
      int hash = pattern.indexOf('#');
      if (hash >= 0) {
        return pattern.substring(0, hash).equals(className)
            && pattern.substring(hash + 1).equals(methodName);
      }
      return className.equals(pattern) || className.startsWith(pattern + "$");
    }

    /** Whether this entry names every test of {@code className} (the class or its package). */
    public boolean coversClass(String className) {
      return pattern.indexOf('#') < 0 && matches(className, "");
    }
  }

  /**
   * The tests listed for one runtime.
   *
   * @param runtime the runtime it applies to
   * @param mode include or exclude
   * @param strict whether a test whose outcome differs from the list (an excluded test that passes,
   *     or a passing test not on an include list) fails the build, instead of only being reported
   * @param line the 1-based line of the section, or 0 when not from a file
   * @param entries the entries in file order
   */
  public record Section(
      TestRuntime runtime, Mode mode, boolean strict, int line, List<Entry> entries) {
    /** Copies the entries. */
    public Section {
      Objects.requireNonNull(runtime, "runtime");
      Objects.requireNonNull(mode, "mode");
      entries = List.copyOf(entries);
    }

    /** The first entry naming the test, if one does. */
    public Optional<Entry> entryFor(String className, String methodName) {
      return entries.stream().filter(e -> e.matches(className, methodName)).findFirst();
    }

    /** As written in a list file: {@code exclude on jdk 25 strict}. */
    public String header() {
      return mode.word() + " on " + runtime + (strict ? " strict" : "");
    }
  }

  /** A list of the given sections, named {@code source} in messages. */
  public static RuntimeTestList of(String source, List<Section> sections) {
    Map<TestRuntime, Section> seen = new HashMap<>();
    for (Section section : sections) {
      Section before = seen.putIfAbsent(section.runtime(), section);
      if (before != null) {
        throw new IllegalArgumentException("two sections for " + section.runtime());
      }
    }
    return new RuntimeTestList(source, sections);
  }

  /**
   * Reads a list file, at most {@link #MAX_BYTES}, UTF-8.
   *
   * @throws TestListException if the file cannot be read or is not a valid list
   */
  public static RuntimeTestList read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    } catch (IOException e) {
      throw new TestListException(
          file.toString(), 0, "cannot be read: " + e, "check the path and its permissions");
    }
  }

  /**
   * Reads a list from a stream, at most {@link #MAX_BYTES}, UTF-8; {@code source} names it in
   * messages.
   *
   * @throws TestListException if the stream fails, is too large or is not a valid list
   */
  public static RuntimeTestList read(InputStream in, String source) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      throw new TestListException(source, 0, "cannot be read: " + e, "check the file");
    }
    if (bytes.length > MAX_BYTES) {
      throw new TestListException(
          source,
          0,
          "is over " + MAX_BYTES + " bytes",
          "list classes or packages (com.acme.legacy.*) instead of every method");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new TestListException(source, 0, "is not UTF-8 text", "save the file as UTF-8");
    }
    return parse(text, source);
  }

  /**
   * Parses the text form; {@code source} names it in messages.
   *
   * @throws TestListException naming the line, what is wrong and the fix
   */
  public static RuntimeTestList parse(String text, String source) {
    List<Section> sections = new ArrayList<>();
    Map<TestRuntime, Integer> sectionLines = new HashMap<>();
    String[] lines = text.split("\r?\n", -1);
    SectionBuilder current = null;
    for (int i = 0; i < lines.length; i++) {
      int number = i + 1;
      String line = lines[i];
      String comment = "";
      int commentAt = commentStart(line);
      if (commentAt >= 0) {
        comment = line.substring(commentAt + 1).trim();
        line = line.substring(0, commentAt);
      }
      line = line.strip();
      if (line.isEmpty()) {
        continue;
      }
      String first = line.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      if (first.equals("include") || first.equals("exclude")) {
        Matcher m = HEADER.matcher(line);
        if (!m.matches()) {
          throw new TestListException(
              source, number, "'" + line + "' is not a section line", HEADER_FIX);
        }
        TestRuntime runtime;
        try {
          runtime =
              m.group(3) != null
                  ? TestRuntime.jdk(Integer.parseInt(m.group(3)))
                  : TestRuntime.named(m.group(4));
        } catch (IllegalArgumentException e) {
          throw new TestListException(source, number, e.getMessage(), HEADER_FIX);
        }
        Integer before = sectionLines.putIfAbsent(runtime, number);
        if (before != null) {
          throw new TestListException(
              source,
              number,
              "a second section for " + runtime + " (the first is on line " + before + ")",
              "merge the two sections into one");
        }
        if (current != null) {
          sections.add(current.build());
        }
        current =
            new SectionBuilder(
                runtime,
                m.group(1).equals("include") ? Mode.INCLUDE : Mode.EXCLUDE,
                m.group(5) != null,
                number);
        continue;
      }
      if (!ENTRY.matcher(line).matches()) {
        throw new TestListException(source, number, "'" + line + "' is not a test name", ENTRY_FIX);
      }
      if (current == null) {
        throw new TestListException(
            source,
            number,
            "'" + line + "' comes before any section line",
            "start the list with a section line such as 'include on jdk 25'");
      }
      Integer before = current.lines.putIfAbsent(line, number);
      if (before != null) {
        throw new TestListException(
            source,
            number,
            "'%s' is listed twice under %s (also line %s)"
                .formatted(line, current.header(), before),
            "remove one of the two lines");
      }
      current.entries.add(new Entry(line, number, comment));
    }
    if (current != null) {
      sections.add(current.build());
    }
    return new RuntimeTestList(source, sections);
  }

  /** The start of a comment: a {@code #} first on the line or after a blank; -1 for none. */
  private static int commentStart(String line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        return i;
      }
    }
    return -1;
  }

  private static final class SectionBuilder {
    final TestRuntime runtime;
    final Mode mode;
    final boolean strict;
    final int line;
    final List<Entry> entries = new ArrayList<>();
    final Map<String, Integer> lines = new HashMap<>();

    SectionBuilder(TestRuntime runtime, Mode mode, boolean strict, int line) {
      this.runtime = runtime;
      this.mode = mode;
      this.strict = strict;
      this.line = line;
    }

    String header() {
      return mode.word() + " on " + runtime;
    }

    Section build() {
      return new Section(runtime, mode, strict, line, entries);
    }
  }

  /** Where the list came from, as named in messages. */
  public String source() {
    return source;
  }

  /** Every section, in file order. */
  public List<Section> sections() {
    return sections;
  }

  /** The section for {@code runtime}, if there is one. */
  public Optional<Section> section(TestRuntime runtime) {
    return sections.stream().filter(s -> s.runtime().equals(runtime)).findFirst();
  }

  /** The text form, which {@link #parse} reads back to an equal list (line numbers aside). */
  public String text() {
    StringBuilder out = new StringBuilder();
    for (Section section : sections) {
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(section.header()).append('\n');
      for (Entry entry : section.entries()) {
        out.append("  ").append(entry.pattern());
        if (!entry.comment().isEmpty()) {
          out.append("  # ").append(entry.comment());
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "RuntimeTestList{" + source + ", " + sections.size() + " sections}";
  }
}
