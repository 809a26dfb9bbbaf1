package dev.crossgrade.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.junit.RuntimeTestList.Entry;
import dev.crossgrade.junit.RuntimeTestList.Mode;
import dev.crossgrade.junit.RuntimeTestList.Section;
import java.io.ByteArrayInputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The list file: what it reads, what it refuses (file, line, fix), and its text form. */
class RuntimeTestListTest {
  private static final String FILE = "src/test/resources/crossgrade-runtime-tests.txt";

  @Test
  void readsSectionsEntriesCommentsAndStrict() {
    RuntimeTestList list =
        RuntimeTestList.parse(
            """
            # the new runtime
            include on jdk 25
              com.acme.CartTest            # all of it
              com.acme.PriceTest#rounds

            exclude on runtime kryo5 strict
              com.acme.legacy.*
            """,
            FILE);
    assertThat(list.sections()).hasSize(2);
    Section jdk25 = list.section(TestRuntime.jdk(25)).orElseThrow();
    assertThat(jdk25.mode()).isEqualTo(Mode.INCLUDE);
    assertThat(jdk25.strict()).isFalse();
    assertThat(jdk25.line()).isEqualTo(2);
    assertThat(jdk25.entries())
        .containsExactly(
            new Entry("com.acme.CartTest", 3, "all of it"),
            new Entry("com.acme.PriceTest#rounds", 4, ""));
    Section kryo5 = list.section(TestRuntime.named("kryo5")).orElseThrow();
    assertThat(kryo5.mode()).isEqualTo(Mode.EXCLUDE);
    assertThat(kryo5.strict()).isTrue();
    assertThat(list.section(TestRuntime.jdk(17))).isEmpty();
  }

  @Test
  void entriesMatchAClassWithItsNestedClassesAMethodOrAPackage() {
    Entry type = new Entry("com.acme.CartTest", 1, "");
    assertThat(type.matches("com.acme.CartTest", "totals")).isTrue();
    assertThat(type.matches("com.acme.CartTest$Empty", "totals")).isTrue();
    assertThat(type.matches("com.acme.CartTestMore", "totals")).isFalse();
    Entry method = new Entry("com.acme.CartTest#totals", 1, "");
    assertThat(method.matches("com.acme.CartTest", "totals")).isTrue();
    assertThat(method.matches("com.acme.CartTest", "totalsAgain")).isFalse();
    assertThat(method.coversClass("com.acme.CartTest")).isFalse();
    Entry pkg = new Entry("com.acme.*", 1, "");
    assertThat(pkg.matches("com.acme.sub.CartTest", "x")).isTrue();
    assertThat(pkg.matches("com.acmeish.CartTest", "x")).isFalse();
    assertThat(pkg.coversClass("com.acme.CartTest")).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "com.acme.CartTest                  | 1 | comes before any section line | start the list with a"
            + " section line",
        "include on jdk 25\\ncom.acme.Cart Test | 2 | 'com.acme.Cart Test' is not a test name | write a"
            + " class (com.acme.CartTest)",
        "include on jdk 25\\ncom.acme.CartTest#totals() | 2 | is not a test name | a method"
            + " (com.acme.CartTest#totals)",
        "include on jdk twenty-five          | 1 | 'include on jdk twenty-five' is not a section line |"
            + " write a section line such as 'include on jdk 25'",
        "exclude jdk 25                      | 1 | is not a section line | 'exclude on jdk 25 strict'",
        "include on jdk 25 loose             | 1 | is not a section line | include on runtime NAME",
        "include on jdk 3                    | 1 | a JDK feature version is 8 to 999, was 3 | write a"
            + " section line",
        "include on runtime ../x             | 1 | a runtime name is 1 to 64 letters | -Dcrossgrade.runtime=NAME",
        "include on jdk 25\\nexclude on jdk 25 | 2 | a second section for jdk 25 (the first is on line 1) |"
            + " merge the two sections",
        "include on jdk 25\\n  a.B\\n  a.B     | 3 | 'a.B' is listed twice under include on jdk 25 (also"
            + " line 2) | remove one of the two lines",
      })
  void aBadListIsRefusedNamingFileLineProblemAndFix(
      String text, int line, String problem, String fix) {
    assertThatThrownBy(() -> RuntimeTestList.parse(text.replace("\\n", "\n"), FILE))
        .isInstanceOfSatisfying(
            TestListException.class,
            e -> {
              assertThat(e.file()).isEqualTo(FILE);
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.getMessage()).startsWith(FILE + ":" + line + ": ").contains(problem);
              assertThat(e.fix()).contains(fix);
            });
  }

  @Test
  void aListOverOneMebibyteOrNotUtf8IsRefusedBeforeParsing() {
    byte[] big = new byte[RuntimeTestList.MAX_BYTES + 1];
    java.util.Arrays.fill(big, (byte) '#');
    assertThatThrownBy(() -> RuntimeTestList.read(new ByteArrayInputStream(big), FILE))
        .isInstanceOf(TestListException.class)
        .hasMessageContaining("is over 1048576 bytes");
    byte[] latin1 = {'#', ' ', (byte) 0xe9, '\n'};
    assertThatThrownBy(() -> RuntimeTestList.read(new ByteArrayInputStream(latin1), FILE))
        .isInstanceOf(TestListException.class)
        .hasMessageContaining("is not UTF-8 text (fix: save the file as UTF-8)");
  }

  @Test
  void anEmptyFileOrSectionIsAllowed() {
    assertThat(RuntimeTestList.parse("", FILE).sections()).isEmpty();
    assertThat(RuntimeTestList.parse("include on jdk 25\n", FILE).sections().get(0).entries())
        .isEmpty();
  }

  @Provide
  Arbitrary<RuntimeTestList> lists() {
    Arbitrary<String> id =
        Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
    Arbitrary<String> pattern =
        Combinators.combine(id, id, Arbitraries.of("", "#m", ".*"))
            .as(
                (pkg, type, tail) ->
                    pkg + "." + Character.toUpperCase(type.charAt(0)) + type.substring(1) + tail);
    Arbitrary<Entry> entry =
        Combinators.combine(pattern, Arbitraries.of("", "fails on jdk 25"))
            .as((p, c) -> new Entry(p, 0, c));
    Arbitrary<Section> section =
        Combinators.combine(
                Arbitraries.of(
                    TestRuntime.jdk(17), TestRuntime.jdk(25), TestRuntime.named("kryo5")),
                Arbitraries.of(Mode.values()),
                Arbitraries.of(true, false),
                entry.list().ofMaxSize(5).uniqueElements(Entry::pattern))
            .as((runtime, mode, strict, entries) -> new Section(runtime, mode, strict, 0, entries));
    return section
        .list()
        .ofMaxSize(3)
        .uniqueElements(Section::runtime)
        .map(sections -> RuntimeTestList.of("generated", sections));
  }

  @Property(tries = 200)
  void theTextFormReadsBackToTheSameList(@ForAll("lists") RuntimeTestList list) {
    RuntimeTestList read = RuntimeTestList.parse(list.text(), "text");
    assertThat(withoutLines(read)).isEqualTo(withoutLines(list));
  }

  private static List<Section> withoutLines(RuntimeTestList list) {
    return list.sections().stream()
        .map(
            s ->
                new Section(
                    s.runtime(),
                    s.mode(),
                    s.strict(),
                    0,
                    s.entries().stream().map(e -> new Entry(e.pattern(), 0, e.comment())).toList()))
        .toList();
  }
}
