package dev.crossgrade.router;

import dev.crossgrade.codec.CrossgradeException;

/**
 * A value that the server would refuse as too large for an item, refused by the transport before
 * anything was sent: memcached's item size ({@code item_size_max}) counts the key and an item
 * header too; a Redis transport has a configured largest value. A transport's write future fails
 * with it; nothing is stored.
 */
public final class ItemTooLargeException extends CrossgradeException {
  private static final long serialVersionUID = 1L;

  private final int valueBytes;
  private final int maxValueBytes;

  /**
   * A refusal, for a transport to fail a write future with before it sends anything.
   *
   * @param key the key of the value
   * @param valueBytes the size of the value
   * @param maxValueBytes the largest value the server stores under that key
   * @param limit where that limit comes from and the knob that sets it
   */
  public ItemTooLargeException(String key, int valueBytes, int maxValueBytes, String limit) {
    super(
        ("value of %s is %s bytes, over the %s bytes the server "
                + "stores under this key (%s); nothing was sent")
            .formatted(key, valueBytes, maxValueBytes, limit));
    this.valueBytes = valueBytes;
    this.maxValueBytes = maxValueBytes;
  }

  /** The size of the value refused. */
  public int valueBytes() {
    return valueBytes;
  }

  /** The largest value the server stores under that key. */
  public int maxValueBytes() {
    return maxValueBytes;
  }
}
