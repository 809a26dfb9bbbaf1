package dev.crossgrade.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

/** The logical key text of Spring cache keys: canonical, deterministic, and one text per key. */
class KeyTextTest {
  enum Size {
    SMALL,
    LARGE
  }

  /** The null element of a canonical form. */
  static final String NULL = "<null>";

  @Test
  void scalarsAreTheirCanonicalText() {
    assertThat(KeyText.of("sku-42")).isEqualTo("sku-42");
    assertThat(KeyText.of(42)).isEqualTo("42");
    assertThat(KeyText.of(42L)).isEqualTo("42");
    assertThat(KeyText.of((short) 42)).isEqualTo("42");
    assertThat(KeyText.of(new BigInteger("123456789012345678901234567890")))
        .isEqualTo("123456789012345678901234567890");
    assertThat(KeyText.of(new BigDecimal("1.50"))).isEqualTo("1.50");
    assertThat(KeyText.of(true)).isEqualTo("true");
    assertThat(KeyText.of('x')).isEqualTo("x");
    assertThat(KeyText.of(Size.LARGE)).isEqualTo("LARGE");
    assertThat(KeyText.of(UUID.fromString("6f1c2b7e-0000-4000-8000-00000000002a")))
        .isEqualTo("6f1c2b7e-0000-4000-8000-00000000002a");
    assertThat(KeyText.of(LocalDate.of(2026, 12, 2))).isEqualTo("2026-12-02");
    assertThat(KeyText.of(Duration.ofMinutes(90))).isEqualTo("PT1H30M");
    assertThat(KeyText.of("")).isEqualTo("");
  }

  @Test
  void doubles_getJavasHexadecimalForm_whichNoJdkChanged() {
    assertThat(KeyText.of(3.0)).isEqualTo("0x1.8p1");
    assertThat(KeyText.of(0.1)).isEqualTo("0x1.999999999999ap-4");
    assertThat(KeyText.of(2e23)).isEqualTo("0x1.52d02c7e14af6p77");
    assertThat(KeyText.of(-0.0)).isNotEqualTo(KeyText.of(0.0));
    assertThat(KeyText.of(1.5f)).isEqualTo("0x1.8p0");
  }

  @Test
  void sequencesListTheirElements_escapingTheMarks() {
    assertThat(KeyText.of(SimpleKey.EMPTY)).isEqualTo("[]");
    assertThat(KeyText.of(new SimpleKey("sku-1", 7))).isEqualTo("[sku-1,7]");
    assertThat(KeyText.of(new SimpleKey((Object) null))).isEqualTo("[\\0]");
    assertThat(KeyText.of(new SimpleKey(""))).isEqualTo("[\\e]");
    assertThat(KeyText.of(new SimpleKey("a,b", "[c]", "d\\"))).isEqualTo("[a\\,b,\\[c\\],d\\\\]");
    assertThat(KeyText.of(List.of("a", List.of("b", 2)))).isEqualTo("[a,[b,2]]");
    assertThat(KeyText.of("[not a sequence")).isEqualTo("\\[not a sequence");
    assertThat(KeyText.of("\\x")).isEqualTo("\\\\x");
  }

  @Test
  void simpleKeysWhoseToStringCollide_getDistinctTexts() {
    SimpleKey one = new SimpleKey("a, b");
    SimpleKey two = new SimpleKey("a", "b");
    assertThat(one.toString()).isEqualTo(two.toString()); // Spring's own text cannot tell them

    assertThat(KeyText.of(one)).isNotEqualTo(KeyText.of(two));
  }

  @Test
  void arrayElements_giveTheirContents_likeSimpleKeysEquals() {
    SimpleKey first = new SimpleKey((Object) new int[] {1, 2});
    SimpleKey second = new SimpleKey((Object) new int[] {1, 2});
    assertThat(first).isEqualTo(second);

    assertThat(KeyText.of(first)).isEqualTo("[[1,2]]").isEqualTo(KeyText.of(second));
  }

  @Test
  void simpleKeysElementsAreReadableOnThisSpringVersion() {
    KeyText.requireSimpleKeySupport();
    assertThat(KeyText.of(new SimpleKey("x", 1L, Size.SMALL))).isEqualTo("[x,1,SMALL]");
  }

  @Test
  void aKeyWithoutAStableText_isRefusedNamingItsType() {
    record Order(String id) {}
    assertThatThrownBy(() -> KeyText.of(new SimpleKey("x", new Order("7"))))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining(Order.class.getName())
        .hasMessageContaining("key = \\\"#order.id\\\"".replace("\\\"", "\""));
  }

  @Test
  void sequencesNestedTooDeep_areRefused() {
    Object key = "leaf";
    for (int i = 0; i < 20; i++) {
      key = List.of(key);
    }
    Object deep = key;
    assertThatThrownBy(() -> KeyText.of(deep))
        .isInstanceOf(CacheSetupException.class)
        .hasMessageContaining("deeper than 16");
  }

  /** A generated key and, built alongside it, its canonical form. */
  record Case(@Nullable Object key, Object canonical) {}

  @Property(tries = 2_000)
  void theTextOfAKeyDecodesToItsCanonicalForm_soDistinctKeysGetDistinctTexts(
      @ForAll("keys") Case generated) {
    assertThat(decode(KeyText.of(Objects.requireNonNull(generated.key()))))
        .isEqualTo(generated.canonical());
  }

  @Property(tries = 1_000)
  void twoKeysShareATextExactlyWhenTheirCanonicalFormsAreEqual(
      @ForAll("keys") Case first, @ForAll("keys") Case second) {
    assertThat(
            KeyText.of(Objects.requireNonNull(first.key()))
                .equals(KeyText.of(Objects.requireNonNull(second.key()))))
        .isEqualTo(first.canonical().equals(second.canonical()));
  }

  @Provide
  Arbitrary<Case> keys() {
    return Arbitraries.oneOf(scalar(), sequence(1));
  }

  static Arbitrary<Case> scalar() {
    Arbitrary<String> tricky =
        Arbitraries.strings().withChars("ab,[]\\e0 \u00e9").ofMinLength(0).ofMaxLength(4);
    return Arbitraries.oneOf(
        tricky.map(s -> new Case(s, s)),
        Arbitraries.integers().between(-3, 3).map(i -> new Case(i, Integer.toString(i))),
        Arbitraries.longs().between(-3, 3).map(l -> new Case(l, Long.toString(l))),
        Arbitraries.of(Size.class).map(size -> new Case(size, size.name())),
        Arbitraries.of(true, false).map(b -> new Case(b, Boolean.toString(b))),
        Arbitraries.of(0.5, -0.0, 0.0, 3.0).map(d -> new Case(d, Double.toHexString(d))));
  }

  static Arbitrary<Case> sequence(int depth) {
    Arbitrary<Case> element =
        depth >= 3 ? scalar() : Arbitraries.oneOf(scalar(), scalar(), sequence(depth + 1));
    Arbitrary<Case> orNull =
        Arbitraries.frequencyOf(
            Tuple.of(9, element), Tuple.of(1, Arbitraries.just(new Case(null, NULL))));
    return orNull
        .list()
        .ofMaxSize(3)
        .flatMap(
            cases -> {
              Object[] keys = cases.stream().map(Case::key).toArray();
              List<Object> canonical = cases.stream().map(Case::canonical).toList();
              return Arbitraries.of(
                  new Case(new SimpleKey(keys), canonical),
                  new Case(new ArrayList<>(Arrays.asList(keys)), canonical),
                  new Case(keys.clone(), canonical));
            });
  }

  /** Parses a key text back into a canonical form; the inverse the text promises. */
  static Object decode(String text) {
    if (text.startsWith("[")) {
      int[] at = {0};
      Object sequence = sequenceAt(text, at);
      assertThat(at[0]).as("the sequence ends the text: %s", text).isEqualTo(text.length());
      return sequence;
    }
    return text.startsWith("\\") ? text.substring(1) : text;
  }

  private static List<Object> sequenceAt(String text, int[] at) {
    assertThat(text.charAt(at[0])).isEqualTo('[');
    at[0]++;
    List<Object> elements = new ArrayList<>();
    if (text.charAt(at[0]) == ']') {
      at[0]++;
      return elements;
    }
    while (true) {
      if (text.charAt(at[0]) == '[') {
        elements.add(sequenceAt(text, at));
      } else {
        elements.add(scalarAt(text, at));
      }
      char next = text.charAt(at[0]++);
      if (next == ']') {
        return elements;
      }
      assertThat(next).isEqualTo(',');
    }
  }

  private static Object scalarAt(String text, int[] at) {
    if (text.startsWith("\\0", at[0])) {
      at[0] += 2;
      return NULL;
    }
    if (text.startsWith("\\e", at[0])) {
      at[0] += 2;
      return "";
    }
    StringBuilder out = new StringBuilder();
    while (true) {
      char c = text.charAt(at[0]);
      if (c == ',' || c == ']') {
        return out.toString();
      }
      if (c == '[') {
        throw new AssertionError("unescaped [ inside an element of " + text);
      }
      if (c == '\\') {
        at[0]++;
        c = text.charAt(at[0]);
        assertThat("\\,[]").contains(String.valueOf(c));
      }
      out.append(c);
      at[0]++;
    }
  }
}
