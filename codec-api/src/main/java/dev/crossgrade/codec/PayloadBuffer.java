package dev.crossgrade.codec;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The growable byte buffer a {@link Codec} writes a body into. It refuses to grow past the payload
 * limit it was created with, so a value too large to cache fails while it is being written. Codecs
 * that manage their own buffer may write into {@link #array()} directly and then {@link
 * #adopt(byte[], int)} it, which avoids copying the body.
 */
public final class PayloadBuffer extends OutputStream {
  private final long limit;
  private byte[] array;
  private int size;

  /** A buffer with {@code initialCapacity} bytes that may grow to {@code limit} bytes. */
  public PayloadBuffer(int initialCapacity, long limit) {
    this.limit = limit;
    this.array = new byte[(int) Math.max(16, Math.min(initialCapacity, limit))];
  }

  @Override
  public void write(int b) {
    ensureCapacity(size + 1L);
    array[size++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    ensureCapacity((long) size + length);
    System.arraycopy(bytes, offset, array, size, length);
    size += length;
  }

  /**
   * Makes room for at least {@code capacity} bytes in total.
   *
   * @throws LimitExceededException if {@code capacity} is over the limit
   */
  public void ensureCapacity(long capacity) {
    if (capacity > array.length || capacity > limit) {
      if (capacity > limit) {
        throw new LimitExceededException(
            "encoded payload would be "
                + Limits.formatBytes(capacity)
                + ", over the limit of "
                + Limits.formatBytes(limit)
                + " (Limits.maxPayloadSize)");
      }
      long grown = Math.max(capacity, Math.min(limit, array.length * 2L));
      array = Arrays.copyOf(array, (int) grown);
    }
  }

  /** The bytes written so far. */
  public int size() {
    return size;
  }

  /** The limit this buffer may grow to. */
  public long limit() {
    return limit;
  }

  /** The backing array; bytes at {@code [0, size())} are the content. */
  public byte[] array() {
    return array;
  }

  /**
   * Takes over an array that a codec wrote into directly, typically one it obtained from {@link
   * #array()} and grew; its first {@code size} bytes become the content.
   *
   * @throws LimitExceededException if {@code size} is over the limit
   */
  public void adopt(byte[] newArray, int newSize) {
    if (newSize < 0 || newSize > newArray.length) {
      throw new IllegalArgumentException(
          "size " + newSize + " outside the array of " + newArray.length);
    }
    if (newSize > limit) {
      throw new LimitExceededException(
          "encoded payload is "
              + Limits.formatBytes(newSize)
              + ", over the limit of "
              + Limits.formatBytes(limit)
              + " (Limits.maxPayloadSize)");
    }
    this.array = newArray;
    this.size = newSize;
  }

  /** Discards the content after the first {@code newSize} bytes. */
  void truncate(int newSize) {
    size = newSize;
  }

  /** A copy of the content. */
  public byte[] toByteArray() {
    return Arrays.copyOf(array, size);
  }
}
