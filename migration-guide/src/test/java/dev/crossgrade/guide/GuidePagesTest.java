package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.guide.GuidePages.Block;
import dev.crossgrade.guide.GuidePages.Link;
import dev.crossgrade.router.RolloutConfig;
import dev.crossgrade.router.ValidationResult;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the guide from rotting: every Java block is a tagged region of a compiled, tested source,
 * every YAML block is a valid rollout config, every link resolves (to a test method that exists,
 * where it names one), and every page is in the index.
 *
 * <p>After changing an example, refresh the pages with {@code ./mvnw -pl migration-guide test
 * -Dguide.update=true}, then review the diff.
 */
class GuidePagesTest {
  /** A test method named in inline code: {@code someLongMethodName} or {@code SomeTest.method}. */
  static final Pattern TEST_METHOD =
      Pattern.compile("(\\w+Test\\.)?((?=\\w{20,})[a-z][a-z0-9]*[A-Z]\\w*)");

  static final Pattern JAVA_MEMBER = Pattern.compile("(\\w+)(?:[.#](\\w+))?(?:\\(\\))?");

  @BeforeAll
  static void updateWhenAsked() {
    if (Boolean.getBoolean("guide.update")) {
      GuidePages.pages().forEach(GuidePages::update);
    }
  }

  @Test
  void theGuideHasItsPages() {
    assertThat(GuidePages.pages())
        .extracting(p -> p.getFileName().toString())
        .contains("README.md", "playbook.md", "traps.md");
  }

  @Test
  void everyMarkedBlockShowsExactlyItsSourceRegion() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path page : GuidePages.pages()) {
      for (Block block : GuidePages.blocks(page)) {
        String expected;
        try {
          expected = GuidePages.expected(block);
        } catch (IllegalArgumentException e) {
          problems.add(block.where() + ": " + e.getMessage());
          continue;
        }
        if (expected == null) {
          continue;
        }
        checked++;
        if (!expected.equals(block.text())) {
          String origin =
              block.source() != null
                  ? block.source() + (block.tag() == null ? "" : "#" + block.tag())
                  : "the validation of " + block.validated();
          problems.add(
              block.where() + ": differs from " + origin + firstDifference(expected, block.text()));
        }
      }
    }
    assertThat(problems)
        .as("run ./mvnw -pl migration-guide test -Dguide.update=true and review the diff")
        .isEmpty();
    assertThat(checked).isGreaterThanOrEqualTo(20);
  }

  @Test
  void everyJavaBlockComesFromASource() {
    List<String> unmarked = new ArrayList<>();
    for (Path page : GuidePages.pages()) {
      for (Block block : GuidePages.blocks(page)) {
        if (block.language().equals("java") && block.source() == null) {
          unmarked.add(block.where() + ": java block without <!-- code: PATH#TAG --> before it");
        }
      }
    }
    assertThat(unmarked).isEmpty();
  }

  @Test
  void everyTaggedRegionIsShownInTheGuide() {
    Set<String> shown = new LinkedHashSet<>();
    List<Path> pages = new ArrayList<>(GuidePages.pages());
    pages.add(GuidePages.MODULE.resolve("../README.md").normalize()); // ReadmeExampleTest's region
    pages.add(
        GuidePages.MODULE.resolve("../keyspace-router/README.md").normalize()); // the router's
    for (Path page : pages) {
      for (Block block : GuidePages.blocks(page)) {
        if (block.source() != null && block.tag() != null) {
          shown.add(block.source() + "#" + block.tag());
        }
      }
    }
    assertThat(GuidePages.allTags())
        .isNotEmpty()
        .allSatisfy(tag -> assertThat(shown).contains(tag));
  }

  @Test
  void everyYamlBlockIsAValidRolloutConfigUnlessItsFileSaysInvalid() {
    int valid = 0;
    int invalid = 0;
    for (Path page : GuidePages.pages()) {
      for (Block block : GuidePages.blocks(page)) {
        if (!block.language().equals("yaml")) {
          continue;
        }
        ValidationResult result = RolloutConfig.validate(block.text() + "\n", block.where());
        if (block.source() != null && block.source().contains("/invalid-")) {
          invalid++;
          assertThat(result.valid()).as("%s is meant to be invalid", block.where()).isFalse();
        } else {
          valid++;
          assertThat(result.valid()).as("%s\n%s", block.where(), result.errorReport()).isTrue();
        }
      }
    }
    assertThat(valid).isGreaterThanOrEqualTo(7);
    assertThat(invalid).isGreaterThanOrEqualTo(1);
  }

  @Test
  void everyLinkResolvesAndEveryLinkedTestMethodExists() throws Exception {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : GuidePages.pages()) {
      for (Link link : GuidePages.links(page)) {
        String target = link.target();
        if (target.startsWith("https://") || target.startsWith("http://")) {
          continue;
        }
        checked++;
        String path = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
        String anchor = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
        Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
        if (!Files.exists(file)) {
          broken.add(link.where() + ": " + target + " does not exist");
          continue;
        }
        if (anchor != null && file.toString().endsWith(".md")) {
          if (!GuidePages.anchors(file).contains(anchor)) {
            broken.add(link.where() + ": no heading #" + anchor + " in " + path);
          }
        }
        String text = link.text().replace("`", "");
        Matcher member = JAVA_MEMBER.matcher(text);
        if (file.toString().endsWith(".java") && member.matches()) {
          String stem = file.getFileName().toString().replace(".java", "");
          String method = member.group(2);
          if (method == null && Character.isLowerCase(member.group(1).charAt(0))) {
            method = member.group(1); // a method of the linked class, named alone
          } else if (!member.group(1).equals(stem)) {
            broken.add(link.where() + ": link text " + text + " names another class than " + path);
          }
          if (method != null
              && !Pattern.compile("\\b" + method + "\\s*\\(")
                  .matcher(Files.readString(file))
                  .find()) {
            broken.add(link.where() + ": " + path + " has no method " + method);
          }
        }
      }
    }
    assertThat(broken).isEmpty();
    assertThat(checked).isGreaterThanOrEqualTo(20);
  }

  @Test
  void everyTestMethodNamedInCodeExistsInTheRepository() throws IOException {
    Set<String> declared = new HashSet<>(); // "method" and "Class.method"
    Pattern method = Pattern.compile("\\bvoid\\s+(\\w+)\\s*\\(");
    for (Path file : testSources(GuidePages.MODULE.getParent())) {
      String stem = file.getFileName().toString().replace(".java", "");
      Matcher m = method.matcher(Files.readString(file));
      while (m.find()) {
        declared.add(m.group(1));
        declared.add(stem + "." + m.group(1));
      }
    }
    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Path page : GuidePages.pages()) {
      for (Link span : GuidePages.inlineCode(page)) {
        Matcher name = TEST_METHOD.matcher(span.text());
        if (name.matches()) {
          checked++;
          if (!declared.contains(span.text())) {
            missing.add(span.where() + ": no test method " + span.text() + " in the repository");
          }
        }
      }
    }
    assertThat(missing).isEmpty();
    assertThat(checked).isGreaterThanOrEqualTo(5);
  }

  @Test
  void theIndexLinksEveryPage() {
    Set<String> linked = new LinkedHashSet<>();
    Path index = GuidePages.MODULE.resolve("README.md");
    for (Link link : GuidePages.links(index)) {
      linked.add(link.target().replaceFirst("#.*", ""));
    }
    for (Path page : GuidePages.pages()) {
      String name = page.getFileName().toString();
      if (!name.equals("README.md")) {
        assertThat(linked).as("README.md links %s", name).contains(name);
      }
    }
  }

  /**
   * The Java test sources of every module of the repository, skipping build output, which other
   * builds may be changing meanwhile.
   */
  static List<Path> testSources(Path root) throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
            return name.equals("target") || name.startsWith(".")
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            String path = file.toString().replace('\\', '/');
            if (path.endsWith(".java") && path.contains("/src/test/")) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    return found;
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String left = i < e.length ? e[i] : "<end>";
      String right = i < a.length ? a[i] : "<end>";
      if (!left.equals(right)) {
        return " at line "
            + (i + 1)
            + " of the block: source has ["
            + left
            + "], page has ["
            + right
            + "]";
      }
    }
    return "";
  }
}
