package dev.crossgrade.router;

import dev.crossgrade.codec.CrossgradeException;

/**
 * A value that memcached would refuse as too large for an item, refused by the transport before
 * anything was sent: the server's item size ({@code item_size_max}) counts the key and an item
 * header too. A memcached transport's write future fails with it; nothing is stored.
 */
public final class ItemTooLargeException extends CrossgradeException {
  private static final long serialVersionUID = 1L;

  private final int valueBytes;
  private final int maxValueBytes;

  ItemTooLargeException(String key, int valueBytes, int maxValueBytes, String limit) {
    super(
        "value of "
            + key
            + " is "
            + valueBytes
            + " bytes, over the "
            + maxValueBytes
            + " bytes memcached stores under this key ("
            + limit
            + "); nothing was sent");
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
