package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV2;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Arbitrary keys, including memcached command text, CR/LF and non-ASCII, go through a real server
 * with both clients: each key stores and reads back its own value, and no key disturbs another.
 */
class KeyInjectionTest {
  private static TwoRuntimes spy;
  private static TwoRuntimes xmem;

  @BeforeContainer
  static void start() {
    spy = TwoRuntimes.on(Backend.SPYMEMCACHED, Phase.SPLIT, 100);
    xmem = TwoRuntimes.on(Backend.XMEMCACHED, Phase.SPLIT, 100);
  }

  @AfterContainer
  static void stop() {
    if (spy != null) {
      spy.close();
    }
    if (xmem != null) {
      xmem.close();
    }
  }

  @Provide
  Arbitrary<String> hostileKeys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300),
        Arbitraries.strings().withChars(" \r\n\t\u0000abc").ofMinLength(1).ofMaxLength(30),
        Arbitraries.of(
            "k\r\nflush_all\r\n",
            "k 0 0 1\r\nx",
            "delete victim",
            "victim\r\nset victim 0 0 5\r\nevil!"));
  }

  private static String escape(String key) {
    StringBuilder out = new StringBuilder();
    key.chars()
        .forEach(
            c ->
                out.append(
                    c >= 0x20 && c < 0x7f
                        ? String.valueOf((char) c)
                        : String.format("\\u%04x", c)));
    return out.toString();
  }

  @Property(tries = 60)
  void everyKeyRoundTripsWithoutTouchingAnother(@ForAll("hostileKeys") String key) {
    for (TwoRuntimes t : List.of(spy, xmem)) {
      t.neu.set("victim", TwoRuntimes.v2("victim", 1, "safe"));
      ItemV2 value = TwoRuntimes.v2("id" + key.hashCode(), 2, "value");
      t.neu.set(key, value);

      assertThat(t.neu.get(key)).as("%s: %s", t, escape(key)).contains(value);
      Map<String, ItemV2> both = t.neu.getAll(List.of(key, "victim"));
      assertThat(both).containsEntry(key, value);
      if (!key.equals("victim")) {
        assertThat(both).containsEntry("victim", TwoRuntimes.v2("victim", 1, "safe"));
      }
      assertThat(t.neu.delete(key)).isTrue();
      assertThat(t.neu.get(key)).isEmpty();
    }
  }
}
