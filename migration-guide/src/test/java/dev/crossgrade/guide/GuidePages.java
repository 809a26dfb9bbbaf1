package dev.crossgrade.guide;

import dev.crossgrade.router.RolloutConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Reads the guide's Markdown pages: their fenced code blocks (each Java block names the source it
 * shows in a {@code <!-- code: PATH#TAG -->} comment on the line before it), links and inline code,
 * and the tagged regions of the example sources ({@code // tag::NAME[]} to {@code // end::NAME[]},
 * or {@code <!-- tag::NAME[] -->} in XML).
 */
final class GuidePages {
  /** The module directory, where the pages are; tests run with it as the working directory. */
  static final Path MODULE = Path.of("").toAbsolutePath();

  /** The directory of the example sources, which code markers' paths are relative to. */
  static final Path SOURCES = MODULE;

  private static final Pattern MARKER = Pattern.compile("<!-- code: ([^#\\s]+)(?:#(\\S+))? -->");
  private static final Pattern VALIDATE = Pattern.compile("<!-- validate: (\\S+) as (\\S+) -->");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");
  private static final Pattern INLINE_CODE = Pattern.compile("`([^`\\n]+)`");
  private static final Pattern TAG =
      Pattern.compile("^\\s*(?://|#|<!--) (tag|end)::([\\w.-]+)\\[\\](?:\\s*-->)?\\s*$");

  private GuidePages() {}

  /**
   * A fenced code block of a page.
   *
   * @param page the page
   * @param line the 1-based line of its opening fence
   * @param language the fence's info string, such as {@code java}
   * @param source the path the code marker names, relative to the module, or null
   * @param tag the tag the code marker names, or null for the whole file
   * @param validated the config file whose validation output the block shows, or null
   * @param shownAs the name the validated file has in that output
   * @param body the lines between the fences
   */
  record Block(
      Path page,
      int line,
      String language,
      @Nullable String source,
      @Nullable String tag,
      @Nullable String validated,
      @Nullable String shownAs,
      List<String> body) {
    String where() {
      return MODULE.relativize(page) + ":" + line;
    }

    String text() {
      return String.join("\n", body);
    }
  }

  /**
   * A link of a page.
   *
   * @param page the page
   * @param line its 1-based line
   * @param text the link text
   * @param target the target as written
   */
  record Link(Path page, int line, String text, String target) {
    String where() {
      return MODULE.relativize(page) + ":" + line;
    }
  }

  /** Every page of the guide: the Markdown files of the module directory. */
  static List<Path> pages() {
    try (Stream<Path> files = Files.list(MODULE)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fenced code blocks of a page, in order. */
  static List<Block> blocks(Path page) {
    List<String> lines = lines(page);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.startsWith("```")) {
        continue;
      }
      String language = line.substring(3).trim();
      int end = i + 1;
      while (end < lines.size() && !lines.get(end).equals("```")) {
        end++;
      }
      if (end == lines.size()) {
        throw new IllegalStateException(
            MODULE.relativize(page) + ":" + (i + 1) + ": code block is not closed");
      }
      String before = i > 0 ? lines.get(i - 1).trim() : "";
      String source = null;
      String tag = null;
      String validated = null;
      String shownAs = null;
      Matcher marker = MARKER.matcher(before);
      Matcher validate = VALIDATE.matcher(before);
      if (marker.matches()) {
        source = marker.group(1);
        tag = marker.group(2);
      } else if (validate.matches()) {
        validated = validate.group(1);
        shownAs = validate.group(2);
      }
      blocks.add(
          new Block(
              page,
              i + 1,
              language,
              source,
              tag,
              validated,
              shownAs,
              List.copyOf(lines.subList(i + 1, end))));
      i = end;
    }
    return blocks;
  }

  /** The links of a page outside code blocks. */
  static List<Link> links(Path page) {
    List<Link> links = new ArrayList<>();
    forEachProseLine(
        page,
        (number, line) -> {
          Matcher m = LINK.matcher(line);
          while (m.find()) {
            links.add(new Link(page, number, m.group(1), m.group(2)));
          }
        });
    return links;
  }

  /** The inline code spans of a page outside code blocks, each with its 1-based line. */
  static List<Link> inlineCode(Path page) {
    List<Link> spans = new ArrayList<>();
    forEachProseLine(
        page,
        (number, line) -> {
          Matcher m = INLINE_CODE.matcher(line);
          while (m.find()) {
            spans.add(new Link(page, number, m.group(1), ""));
          }
        });
    return spans;
  }

  /** The headings of a page as GitHub anchors them. */
  static List<String> anchors(Path page) {
    List<String> anchors = new ArrayList<>();
    forEachProseLine(
        page,
        (number, line) -> {
          if (line.startsWith("#")) {
            String title = line.replaceFirst("^#+\\s*", "").trim();
            anchors.add(
                title
                    .toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-'));
          }
        });
    return anchors;
  }

  private interface LineVisitor {
    void visit(int number, String line);
  }

  private static void forEachProseLine(Path page, LineVisitor visitor) {
    boolean inCode = false;
    List<String> lines = lines(page);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      if (!inCode) {
        visitor.visit(i + 1, line);
      }
    }
  }

  /**
   * The code a marker names: the whole file, or the lines of every region with the tag (regions of
   * one tag are joined), without tag lines of any tag, dedented, blank lines trimmed at both ends
   * and runs of blank lines made one.
   *
   * @throws IllegalArgumentException if the file or the tag does not exist, or a region is open
   */
  static String region(String source, @Nullable String tag) {
    Path file = SOURCES.resolve(source);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no file " + source);
    }
    List<String> selected = new ArrayList<>();
    boolean found = false;
    boolean inside = tag == null;
    for (String line : lines(file)) {
      Matcher m = TAG.matcher(line);
      if (m.matches()) {
        if (m.group(2).equals(tag)) {
          if (m.group(1).equals("tag")) {
            found = true;
            inside = true;
          } else {
            inside = false;
          }
        }
        continue;
      }
      if (inside) {
        selected.add(line);
      }
    }
    if (tag != null && !found) {
      throw new IllegalArgumentException("no tag '" + tag + "' in " + source);
    }
    if (tag != null && inside) {
      throw new IllegalArgumentException("tag '" + tag + "' in " + source + " is never ended");
    }
    return trimBlankEnds(dedent(selected)).replaceAll("\n{3,}", "\n\n");
  }

  /** Every tag of the example sources, as {@code PATH#TAG}. */
  static List<String> allTags() {
    List<String> tags = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES.resolve("src/test"))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        for (String line : lines(file)) {
          Matcher m = TAG.matcher(line);
          if (m.matches() && m.group(1).equals("tag")) {
            String id = MODULE.relativize(file).toString().replace('\\', '/') + "#" + m.group(2);
            if (!tags.contains(id)) {
              tags.add(id);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tags;
  }

  private static List<String> dedent(List<String> lines) {
    int indent = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      out.add(line.isBlank() ? "" : line.substring(indent));
    }
    return out;
  }

  private static String trimBlankEnds(List<String> lines) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isEmpty()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isEmpty()) {
      to--;
    }
    return String.join("\n", lines.subList(from, to));
  }

  /**
   * What a marked block must show: the code its marker names, or what {@code crossgrade rollout
   * validate} prints for the file (the summary of a valid file, the errors of another); null for a
   * block without a marker.
   */
  static @Nullable String expected(Block block) {
    if (block.source() != null) {
      return region(block.source(), block.tag());
    }
    if (block.validated() != null) {
      String yaml = String.join("\n", lines(SOURCES.resolve(block.validated()))) + "\n";
      return RolloutConfig.validate(yaml, Objects.requireNonNull(block.shownAs()))
          .summary()
          .strip();
    }
    return null;
  }

  /**
   * The marked code blocks of {@code page} that differ from their source regions, as {@code
   * page:line} each; empty when the page shows exactly what its sources hold.
   */
  static List<String> drifted(Path page) {
    List<String> drifted = new ArrayList<>();
    for (Block block : blocks(page)) {
      if (block.source() != null && !block.text().equals(expected(block))) {
        drifted.add(block.where());
      }
    }
    return drifted;
  }

  /** Rewrites a page with every marked block's body replaced by what it must show. */
  static void update(Path page) {
    List<String> lines = new ArrayList<>(lines(page));
    List<Block> blocks = blocks(page);
    for (int b = blocks.size() - 1; b >= 0; b--) {
      Block block = blocks.get(b);
      String code = expected(block);
      if (code == null) {
        continue;
      }
      int first = block.line();
      for (int i = 0; i < block.body().size(); i++) {
        lines.remove(first);
      }
      lines.addAll(first, code.isEmpty() ? List.of() : List.of(code.split("\n", -1)));
    }
    try {
      Files.writeString(page, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
