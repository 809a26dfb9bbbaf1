package dev.crossgrade.transport.lettuce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Compare-and-swap on Redis, which has no cas token: {@code gets} returns as token the first 64
 * bits of the SHA-1 of the value read, and {@code cas} is a Lua script that replaces the value only
 * if the SHA-1 of the value stored now starts with the same 64 bits ({@code redis.sha1hex}), all in
 * one atomic step on the server.
 *
 * <p>Why a script and not {@code WATCH}/{@code MULTI}/{@code EXEC}: a {@code WATCH} belongs to the
 * connection, so on the one connection that every thread of a Lettuce client shares, another
 * thread's commands would run inside the transaction or reset the watch; it would need a connection
 * of its own per cas (a pool, a blocking borrow) and three round trips, and in a Cluster every node
 * a pool. The script is one command: atomic, pipelined on the shared connection, one round trip,
 * routed by its single key in a Cluster.
 *
 * <p>What differs from memcached's cas: a token names the value, not the write, so a value
 * rewritten with the same bytes keeps its token (memcached would refuse the cas). The router's cas
 * replaces its own placeholder or lease, which holds 16 random bytes written by no one else, so
 * this cannot happen there; for equal bytes it is the same value anyway. Two different values share
 * a token with a chance of 2<sup>-64</sup>.
 */
final class ValueDigest {
  /**
   * KEYS[1] the key; ARGV[1] the token as 16 lower-case hex digits, ARGV[2] the new value, ARGV[3]
   * the expiry in milliseconds, 0 for none. Returns 1 when stored, 0 otherwise.
   */
  static final String CAS_SCRIPT =
      """
      local v = redis.call('GET', KEYS[1])
      if v == false or string.sub(redis.sha1hex(v), 1, 16) ~= ARGV[1] then return 0 end
      if ARGV[3] == '0' then redis.call('SET', KEYS[1], ARGV[2])
      else redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) end
      return 1
      """;

  private ValueDigest() {}

  /** The token of {@code value}: the first 64 bits of its SHA-1, big-endian. */
  static long token(byte[] value) {
    byte[] sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1").digest(value);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-1", e);
    }
    long token = 0;
    for (int i = 0; i < 8; i++) {
      token = (token << 8) | (sha1[i] & 0xFF);
    }
    return token;
  }

  /** {@code token} as the script compares it: 16 lower-case hex digits. */
  static byte[] hex(long token) {
    return HexFormat.of().toHexDigits(token).getBytes(StandardCharsets.US_ASCII);
  }
}
