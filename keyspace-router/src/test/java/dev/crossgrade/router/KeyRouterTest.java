package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class KeyRouterTest {
  private final KeyRouter router = KeyRouter.withPrefix("shop");

  @Provide
  Arbitrary<String> anyKeys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(400),
        Arbitraries.strings().ascii().ofMaxLength(300),
        Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(260),
        Arbitraries.strings().withChars(" \r\n\t\u007f\u0000#:é€\uD83D\uDE00").ofMaxLength(20),
        Arbitraries.of(
            "", "#", "# ", "a b", "get x\r\nflush_all", "\uD800", "\uDC00", "?", "ключ", "🔑"));
  }

  /** Whether a physical key is one memcached accepts: 1 to 250 bytes of printable ASCII. */
  static boolean validMemcachedKey(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < 1 || bytes.length > KeyRouter.MAX_KEY_BYTES) {
      return false;
    }
    for (byte b : bytes) {
      if (b < 0x21 || b > 0x7E) {
        return false;
      }
    }
    return true;
  }

  @Property(tries = 400)
  void everyPhysicalKeyIsAValidMemcachedKey(
      @ForAll("anyKeys") String key, @ForAll @IntRange(min = 0, max = 65_535) int generation) {
    String physical = router.physicalKey("users", generation, key);

    assertThat(validMemcachedKey(physical)).as("'%s' for '%s'", physical, key).isTrue();
    assertThat(physical).startsWith("shop:users:g" + generation + ":");
    assertThat(router.physicalKey("users", generation, key)).isEqualTo(physical);
  }

  @Property(tries = 300)
  void safeKeysAreKeptAndEverythingElseIsHashed(@ForAll("anyKeys") String key) {
    String tail = router.physicalKey("users", 7, key).substring("shop:users:g7:".length());
    boolean fits = "shop:users:g7:".length() + key.length() <= KeyRouter.MAX_KEY_BYTES;
    if (KeyRouter.isRawSafe(key) && fits) {
      assertThat(tail).isEqualTo(key);
    } else {
      assertThat(tail).startsWith("#").hasSize(44);
    }
  }

  @Property(tries = 300)
  void distinctKeysNeverShareAPhysicalKey(
      @ForAll("anyKeys") String a, @ForAll("anyKeys") String b) {
    if (!a.equals(b)) {
      assertThat(router.physicalKey("users", 1, a)).isNotEqualTo(router.physicalKey("users", 1, b));
    }
  }

  @Example
  void keysThatLookHashedOrDifferOnlyInUnsafeCharactersStayDistinct() {
    Set<String> physical = new HashSet<>();
    String hashedForm = router.physicalKey("users", 1, "a b").substring("shop:users:g1:".length());
    for (String key :
        new String[] {
          "a b", "a\tb", "a\nb", "a\u00a0b", hashedForm, "#" + hashedForm, "\uD800", "\uDC00", "?"
        }) {
      physical.add(router.physicalKey("users", 1, key));
    }
    assertThat(physical).hasSize(9);
  }

  @Example
  void generationsAndKeyspacesSeparateTheSameKey() {
    assertThat(router.physicalKey("users", 1, "k")).isEqualTo("shop:users:g1:k");
    assertThat(router.physicalKey("users", 2, "k")).isEqualTo("shop:users:g2:k");
    assertThat(router.physicalKey("carts", 1, "k")).isEqualTo("shop:carts:g1:k");
  }

  @Example
  void namesThatCouldBreakTheKeyLayoutAreRefused() {
    for (String bad : new String[] {"", "a:b", "a b", "_x", "é", "x".repeat(65)}) {
      assertThatThrownBy(() -> KeyRouter.withPrefix(bad))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> router.physicalKey(bad, 1, "k"))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> router.physicalKey("users", 65_536, "k"))
        .hasMessageContaining("65535");
  }

  @Property(tries = 200)
  void bucketsAreInRangeAndStable(@ForAll("anyKeys") String key) {
    int bucket = KeyRouter.bucketOf(key);
    assertThat(bucket)
        .isBetween(0, 99)
        .isEqualTo(KeyRouter.bucketOf(new String(key.toCharArray())));
  }

  @Example
  void bucketsSpreadEvenly() {
    int[] perDecile = new int[10];
    for (int i = 0; i < 10_000; i++) {
      perDecile[KeyRouter.bucketOf("user-" + i) / 10]++;
    }
    for (int count : perDecile) {
      assertThat(count).isBetween(850, 1150);
    }
  }
}
