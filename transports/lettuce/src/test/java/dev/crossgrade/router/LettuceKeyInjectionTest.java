package dev.crossgrade.router;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crossgrade.router.TestFormats.ItemV2;
import dev.crossgrade.transport.lettuce.RedisStore;
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
 * Arbitrary keys, including Redis command text, hash-tag braces, CR/LF and non-ASCII, go through a
 * real Redis, standalone and Cluster: each key stores and reads back its own value, in every
 * phase's generations, and no key disturbs another.
 */
class LettuceKeyInjectionTest {
  private static TwoRuntimes standalone;
  private static TwoRuntimes cluster;

  @BeforeContainer
  static void start() {
    standalone =
        TwoRuntimes.over(
            RedisStore.STANDALONE.label(), RedisStore.STANDALONE::connect, Phase.DUAL_WRITE, 100);
    cluster =
        TwoRuntimes.over(
            RedisStore.CLUSTER.label(), RedisStore.CLUSTER::connect, Phase.DUAL_WRITE, 100);
  }

  @AfterContainer
  static void stop() {
    for (TwoRuntimes t : new TwoRuntimes[] {standalone, cluster}) {
      if (t != null) {
        t.close();
      }
    }
  }

  @Provide
  Arbitrary<String> hostileKeys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300),
        Arbitraries.strings().withChars(" \r\n\t\u0000{}abc").ofMinLength(1).ofMaxLength(30),
        Arbitraries.of(
            "k\r\nFLUSHALL\r\n",
            "*1\r\n$8\r\nFLUSHALL\r\n",
            "victim\r\nSET victim evil",
            "{victim}",
            "}{",
            "{}",
            "a}b{c",
            "g1:victim"));
  }

  @Property(tries = 60)
  void everyKeyRoundTripsWithoutTouchingAnother(@ForAll("hostileKeys") String key) {
    for (TwoRuntimes t : List.of(standalone, cluster)) {
      t.neu.set("victim", TwoRuntimes.v2("victim", 1, "safe"));
      ItemV2 value = TwoRuntimes.v2("id" + key.hashCode(), 2, "value");
      t.neu.set(key, value);

      assertThat(t.neu.get(key)).as("%s", t).contains(value);
      assertThat(t.old.get(key)).as("%s, old runtime", t).contains(TestFormats.down(value));
      Map<String, ItemV2> both = t.neu.getAll(List.of(key, "victim"));
      assertThat(both).containsEntry(key, value);
      if (!key.equals("victim")) {
        assertThat(both).containsEntry("victim", TwoRuntimes.v2("victim", 1, "safe"));
      }
      assertThat(t.neu.delete(key)).isTrue();
      assertThat(t.neu.get(key)).isEmpty();
      assertThat(t.old.get(key)).isEmpty();
    }
  }
}
