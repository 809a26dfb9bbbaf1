package dev.crossgrade.router;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Maps a keyspace, a generation and a logical key to a physical memcached key {@code
 * prefix:keyspace:g<generation>:key}. Every physical key is at most {@value #MAX_KEY_BYTES} bytes
 * of printable ASCII without spaces, so no caller input can inject a memcached command.
 *
 * <p>A logical key is used as is when it is printable ASCII ({@code !} to {@code ~}), does not
 * start with {@code #} and fits; any other key (spaces, CR, LF, tab, DEL, control or non-ASCII
 * characters, or too long) is replaced by {@code #} and the base64url SHA-256 of its UTF-16 code
 * units. Raw keys never start with {@code #}, so a raw key cannot collide with a hashed one, and
 * distinct logical keys map to distinct physical keys unless SHA-256 collides. Immutable and
 * thread-safe.
 */
public final class KeyRouter {
  /** The longest key memcached accepts, in bytes. */
  public static final int MAX_KEY_BYTES = 250;

  /** The highest generation a runtime may own. */
  public static final int MAX_GENERATION = 65_535;

  /** A prefix, keyspace or runtime name: letters, digits, {@code _ . -}, starting alphanumeric. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

  private static final char HASHED = '#';

  private final String prefix;
  // Heads built lately, one slot per generation modulo 4: a keyspace's calls use at most two
  // generations. A slot is replaced whole, and a racy miss only rebuilds an identical head.
  private final AtomicReferenceArray<@Nullable Head> heads = new AtomicReferenceArray<>(4);

  private KeyRouter(String prefix) {
    this.prefix = prefix;
  }

  /**
   * A router whose keys start with {@code prefix:}.
   *
   * @throws IllegalArgumentException if the prefix is not 1 to 64 letters, digits, {@code _ . -}
   *     starting with a letter or digit
   */
  public static KeyRouter withPrefix(String prefix) {
    requireName(prefix, "prefix");
    return new KeyRouter(prefix);
  }

  /** The prefix every key starts with. */
  public String prefix() {
    return prefix;
  }

  /**
   * The physical key of {@code logicalKey} in {@code generation} of {@code keyspace}.
   *
   * @throws IllegalArgumentException if the keyspace is not a valid name or the generation is not 0
   *     to 65535
   */
  public String physicalKey(String keyspace, int generation, String logicalKey) {
    String head = head(keyspace, generation);
    Objects.requireNonNull(logicalKey, "logicalKey");
    if (head.length() + logicalKey.length() <= MAX_KEY_BYTES && isRawSafe(logicalKey)) {
      return head.concat(logicalKey);
    }
    return head + HASHED + hash(logicalKey);
  }

  /**
   * {@code prefix:keyspace:g<generation>:}, validated and built once per keyspace and generation:
   * every cache call builds a physical key, so the hot path only scans the logical key.
   */
  private String head(String keyspace, int generation) {
    int slot = generation & 3;
    Head last = heads.get(slot);
    if (last != null && last.generation == generation && last.keyspace.equals(keyspace)) {
      return last.head;
    }
    requireName(keyspace, "keyspace");
    if (generation < 0 || generation > MAX_GENERATION) {
      throw new IllegalArgumentException(
          "generation must be 0 to " + MAX_GENERATION + ", was " + generation);
    }
    Head head = new Head(keyspace, generation, prefix + ':' + keyspace + ":g" + generation + ':');
    heads.set(slot, head);
    return head.head;
  }

  /** A validated key head; replaced whole, so readers never see a torn one. */
  private record Head(String keyspace, int generation, String head) {}

  /** Whether {@code logicalKey} is used as is (given room), rather than hashed. */
  public static boolean isRawSafe(String logicalKey) {
    if (logicalKey.isEmpty() || logicalKey.charAt(0) == HASHED) {
      return false;
    }
    for (int i = 0; i < logicalKey.length(); i++) {
      char c = logicalKey.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  /**
   * The part of a physical key that decides which server holds it: the key without its {@code
   * g<generation>:} segment, so that every generation of a logical key lives on the same server.
   * Operations on one key's generations then travel one connection in order (a server processes a
   * connection's commands in the order sent), which the rollout's "old generation first" rule
   * relies on, and a batch of them is one round trip. Keys of another shape are their own placement
   * key.
   */
  public static String placementKey(String physicalKey) {
    int first = physicalKey.indexOf(':');
    int second = first < 0 ? -1 : physicalKey.indexOf(':', first + 1);
    if (second < 0 || second + 2 >= physicalKey.length() || physicalKey.charAt(second + 1) != 'g') {
      return physicalKey;
    }
    int end = second + 2;
    while (end < physicalKey.length() && isDigit(physicalKey.charAt(end))) {
      end++;
    }
    if (end == second + 2 || end >= physicalKey.length() || physicalKey.charAt(end) != ':') {
      return physicalKey;
    }
    return physicalKey.substring(0, second + 1).concat(physicalKey.substring(end + 1));
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The key under which a runtime publishes which formats it reads for a keyspace (its capability
   * record), for operators who look at the cache directly.
   */
  public String capabilityKey(String keyspace, String runtime) {
    return prefix + ":_cg:caps:" + keyspace + ':' + runtime;
  }

  /**
   * Whether a prefix, keyspace, runtime or cohort name is valid: 1 to 64 letters, digits, {@code _
   * . -}, starting with a letter or digit.
   */
  public static boolean isValidName(String name) {
    return NAME.matcher(name).matches();
  }

  static void requireName(String name, String what) {
    if (!isValidName(name)) {
      throw new IllegalArgumentException(
          ("%s must be 1 to 64 letters, digits, '_', '.' or '-' "
                  + "starting with a letter or digit, was '%s'")
              .formatted(what, name));
    }
  }

  private static String hash(String key) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    byte[] units = new byte[2 * key.length()];
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      units[2 * i] = (byte) (c >>> 8);
      units[2 * i + 1] = (byte) c;
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest(units));
  }

  /**
   * The rollout bucket 0 to 99 of a logical key: stable across runtimes, JVMs and releases, so that
   * a key's writer format does not flip between writers.
   */
  public static int bucketOf(String logicalKey) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < logicalKey.length(); i++) {
      hash ^= logicalKey.charAt(i);
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    return (int) Long.remainderUnsigned(hash, 100);
  }

  @Override
  public String toString() {
    return "KeyRouter{" + prefix + "}";
  }
}
