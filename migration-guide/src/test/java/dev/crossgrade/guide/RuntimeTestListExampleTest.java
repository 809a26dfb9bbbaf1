package dev.crossgrade.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.junit.RuntimeTestList;
import dev.crossgrade.junit.TestListException;
import dev.crossgrade.junit.TestRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The playbook's runtime test list: the file it shows is valid, and says what the playbook says it
 * says; a list with a typo is refused with the line and the fix.
 */
class RuntimeTestListExampleTest {
  static final Path LIST = Path.of("src/test/resources/runtime-tests/crossgrade-runtime-tests.txt");

  @Test
  void theListShownInThePlaybookAllowsTwoFailuresOnJdk25AndNamesTheKryo5Tests() {
    // tag::runtime-test-list[]
    RuntimeTestList list = RuntimeTestList.read(LIST);
    RuntimeTestList.Section jdk25 = list.section(TestRuntime.jdk(25)).orElseThrow();
    boolean mayFail =
        jdk25.entryFor("com.acme.cart.ReceiptTest", "printsTheEuroSign").isPresent(); // listed
    // end::runtime-test-list[]
    assertThat(mayFail).isTrue();
    assertThat(jdk25.mode()).isEqualTo(RuntimeTestList.Mode.EXCLUDE);
    assertThat(jdk25.strict()).isTrue();
    assertThat(jdk25.entryFor("com.acme.cart.PriceLabelTest", "formatsZero")).isEmpty();
    assertThat(list.section(TestRuntime.jdk(17))).isEmpty();
    RuntimeTestList.Section kryo5 = list.section(TestRuntime.named("kryo5")).orElseThrow();
    assertThat(kryo5.mode()).isEqualTo(RuntimeTestList.Mode.INCLUDE);
    assertThat(kryo5.entries()).hasSize(2);
  }

  @Test
  void aListWithATypoIsRefusedWithItsLineAndTheFix() {
    assertThatThrownBy(
            () -> RuntimeTestList.parse("exclude on jdk25\n  com.acme.cart.ReceiptTest\n", "list"))
        .isInstanceOf(TestListException.class)
        .hasMessage(
            "list:1: 'exclude on jdk25' is not a section line (fix: write a section line such as"
                + " 'include on jdk 25', 'exclude on jdk 25 strict' or 'include on runtime NAME'"
                + " (NAME as given with -Dcrossgrade.runtime=NAME))");
  }
}
