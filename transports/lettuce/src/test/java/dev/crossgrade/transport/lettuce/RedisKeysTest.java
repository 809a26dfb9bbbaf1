package dev.crossgrade.transport.lettuce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crossgrade.router.KeyRouter;
import io.lettuce.core.cluster.SlotHash;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Redis keys: one slot for every generation of a logical key, whatever the logical key holds. */
class RedisKeysTest {
  private static final KeyRouter ROUTER = KeyRouter.withPrefix("shop");

  @Provide
  Arbitrary<String> logicalKeys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(300),
        Arbitraries.strings().withChars("{}:g0123abc").ofMinLength(1).ofMaxLength(20),
        Arbitraries.of("{", "}", "{}", "}{", "{g1}", "a}b{c}", "g2:x", ":g1:", "#hash"));
  }

  @Property(tries = 500)
  void everyGenerationOfALogicalKeyIsInOneSlot(
      @ForAll("logicalKeys") String logical,
      @ForAll @IntRange(max = 65_535) int one,
      @ForAll @IntRange(max = 65_535) int other) {
    String a = RedisKeys.of(ROUTER.physicalKey("carts", one, logical));
    String b = RedisKeys.of(ROUTER.physicalKey("carts", other, logical));
    assertThat(SlotHash.getSlot(a)).isEqualTo(SlotHash.getSlot(b));
    assertThat(a.length()).isLessThanOrEqualTo(KeyRouter.MAX_KEY_BYTES + 10);
  }

  @Property(tries = 300)
  void distinctCacheKeysAreDistinctRedisKeys(
      @ForAll("logicalKeys") String x, @ForAll("logicalKeys") String y) {
    String kx = ROUTER.physicalKey("carts", 2, x);
    String ky = ROUTER.physicalKey("carts", 2, y);
    assertThat(RedisKeys.of(kx).equals(RedisKeys.of(ky))).isEqualTo(kx.equals(ky));
  }

  @Example
  void theTagComesFirst_andIsTheCrcOfThePlacementKey() {
    String key = RedisKeys.of("shop:carts:g2:{42}");
    assertThat(key).endsWith("}shop:carts:g2:{42}").hasSize(10 + 18).startsWith("{");
    assertThat(key.substring(0, 10)).isEqualTo(RedisKeys.of("shop:carts:g1:{42}").substring(0, 10));
    assertThat(key.substring(1, 9)).matches("[0-9a-f]{8}");
  }

  @Example
  void keysSpreadOverManySlots() {
    Set<Integer> slots = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      slots.add(SlotHash.getSlot(RedisKeys.of(ROUTER.physicalKey("carts", 1, "k" + i))));
    }
    assertThat(slots).hasSizeGreaterThan(900);
  }

  @Example
  void aKeyNoKeyRouterMakesIsRefused() {
    assertThatThrownBy(() -> RedisKeys.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisKeys.of("a b")).hasMessageContaining("U+0020");
    assertThatThrownBy(() -> RedisKeys.of("x".repeat(251))).hasMessageContaining("251");
  }
}
