package dev.crossgrade.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The comparison by meaning, case by case: what counts as the same value and what is a loss. */
class MeaningTest {
  enum Status {
    NEW,
    PAID
  }

  record Named(String id, String name) {}

  record Renamed(String id, String displayName) {}

  record Holder(Collection<String> tags, Object amount, List<Long> ids) {}

  static @Nullable String diff(@Nullable Object written, @Nullable Object read, Type readerType) {
    return new Meaning(Map.of(), Set.of()).difference(written, read, readerType);
  }

  @Test
  void aFloatWidenedToADoubleIsTheSameNumber_aDoubleNarrowedToAFloatIsNot() {
    assertThat(diff(-5.82f, (double) -5.82f, double.class)).isNull();
    assertThat(diff(-5.82f, -5.82, double.class)).isNull();
    assertThat(diff(0.1234567891, (float) 0.1234567891, float.class))
        .contains("read back as 0.12345679f");
    assertThat(diff(1, 1L, long.class)).isNull();
    assertThat(diff(3_000_000_000L, -1_294_967_296, int.class)).contains("expected 3000000000L");
  }

  @Test
  void aDecimalReadAsTheDoubleThatPrintsItKeepsItsValue_moreDigitsDoNot() {
    assertThat(diff(new BigDecimal("1.005"), 1.005, double.class)).isNull();
    assertThat(diff(new BigDecimal("1.50"), new BigDecimal("1.5"), BigDecimal.class)).isNull();
    assertThat(
            diff(new BigDecimal("0.123456789012345678901"), 0.123456789012345678901, double.class))
        .contains("read back as");
  }

  @Test
  void aBigDecimalReadAsADoubleUnderObjectIsASilentCoercion() throws Exception {
    Type amount = Holder.class.getRecordComponents()[1].getGenericType();
    assertThat(diff(new BigDecimal("2.5"), 2.5, amount))
        .contains("silent coercion", "java.math.BigDecimal", "java.lang.Double");
  }

  @Test
  void aSetReadAsAListUnderCollectionIsASilentCoercion_underListItIsTheSameElements() {
    Type tags = Holder.class.getRecordComponents()[0].getGenericType();
    Set<String> written = new LinkedHashSet<>(List.of("a", "b"));
    assertThat(diff(written, new ArrayList<>(List.of("a", "b")), tags))
        .contains("silent coercion", "java.util.ArrayList");
    assertThat(diff(written, List.of("b", "a"), List.class)).isNull();
    assertThat(diff(List.of("a", "a", "b"), Set.of("a", "b"), Set.class)).isNull();
    assertThat(diff(written, Set.of("a"), Set.class)).contains("lost the element \"b\"");
  }

  @Test
  void anElementThatErasedGenericsLetThroughIsCaught() {
    Type ids = Holder.class.getRecordComponents()[2].getGenericType();
    List<Object> polluted = new ArrayList<>(List.of(7));
    assertThat(diff(List.of(7L), polluted, ids))
        .contains("$[0] holds a java.lang.Integer", "java.lang.Long", "erased generics");
  }

  @Test
  void enumsCompareByName_arraysByContent_optionalsByWhatTheyHold() {
    assertThat(diff(Status.PAID, "PAID", String.class)).isNull();
    assertThat(diff(Status.PAID, Status.NEW, Status.class))
        .isEqualTo("$ read back as NEW, expected PAID");
    assertThat(diff(new char[] {'a', 'b'}, new char[] {'a', 'b'}, char[].class)).isNull();
    assertThat(diff(new char[] {'a'}, new char[] {'b'}, char[].class)).contains("$[0]");
    assertThat(diff(null, Optional.empty(), Optional.class)).isNull();
    assertThat(diff("x", Optional.of("x"), Optional.class)).isNull();
  }

  @Test
  void aNullThatBecameFalseIsALoss_andValuesThatPrintAlikeShowTheirTypes() {
    assertThat(diff(null, false, boolean.class)).isEqualTo("$ read back as false, expected null");
    assertThat(diff(5, "5", String.class))
        .isEqualTo("$ read back as \"5\" (java.lang.String), expected 5 (java.lang.Integer)");
  }

  @Test
  void aRenameWithoutAnAliasNamesBothFields_aDeclaredRenameCarriesTheValue() {
    String rename = diff(new Named("1", "Ada"), new Renamed("1", null), Renamed.class);
    assertThat(rename)
        .startsWith("$: `name` is dropped and `displayName` gets null (written \"Ada\")")
        .contains("declare the rename, e.g. @JsonAlias(\"name\")", "or a removal");
    Meaning declared = new Meaning(Map.of("name", "displayName"), Set.of());
    assertThat(declared.difference(new Named("1", "Ada"), new Renamed("1", "Ada"), Renamed.class))
        .isNull();
    assertThat(declared.difference(new Named("1", "Ada"), new Renamed("1", null), Renamed.class))
        .contains("did not carry the value");
    Meaning removed = new Meaning(Map.of(), Set.of("name"));
    assertThat(removed.difference(new Named("1", "Ada"), new Renamed("1", null), Renamed.class))
        .isNull();
    assertThat(removed.dropped()).containsExactly("Named.name");
    assertThat(removed.defaulted()).containsExactly("Renamed.displayName");
  }
}
