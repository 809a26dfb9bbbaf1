package dev.crossgrade.transport.lettuce;

import dev.crossgrade.router.KeyRouter;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The Redis key of a cache key: {@code {tag}key}, where the hash tag {@code tag} is the 8 hex
 * digits of the CRC-32 of the key's {@link KeyRouter#placementKey placement key} (the key without
 * its {@code g<generation>:} segment). A Redis Cluster places a key by its hash tag alone, so every
 * generation of a logical key is in one slot, on one node, reached over one connection in the order
 * the commands were sent: the rollout's "old generation first" rule and the back-fill's re-check
 * rely on that, as they do on memcached. The tag comes first, so braces in a logical key cannot
 * move a key to another slot. The same key is used on a standalone server, so a key reads the same
 * on either.
 *
 * <p>A cache key is at most {@value KeyRouter#MAX_KEY_BYTES} printable ASCII characters without
 * spaces ({@link KeyRouter} makes only such keys); any other is refused, so a Redis key is at most
 * 260 bytes.
 */
final class RedisKeys {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private RedisKeys() {}

  /**
   * The Redis key of {@code key}.
   *
   * @throws IllegalArgumentException if {@code key} is empty, longer than 250 characters, or has a
   *     character that is not printable ASCII
   */
  static String of(String key) {
    if (key.isEmpty() || key.length() > KeyRouter.MAX_KEY_BYTES) {
      throw new IllegalArgumentException(
          "a cache key is 1 to " + KeyRouter.MAX_KEY_BYTES + " characters, was " + key.length());
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new IllegalArgumentException(
            ("a cache key is printable ASCII without spaces; "
                    + "character %s is U+%s (KeyRouter makes valid keys)")
                .formatted(i, String.format(java.util.Locale.ROOT, "%04X", (int) c)));
      }
    }
    CRC32 crc = new CRC32();
    crc.update(KeyRouter.placementKey(key).getBytes(StandardCharsets.US_ASCII));
    long tag = crc.getValue();
    char[] redisKey = new char[key.length() + 10];
    redisKey[0] = '{';
    for (int i = 0; i < 8; i++) {
      redisKey[1 + i] = HEX[(int) (tag >>> (28 - 4 * i)) & 0xF];
    }
    redisKey[9] = '}';
    key.getChars(0, key.length(), redisKey, 10);
    return new String(redisKey);
  }
}
