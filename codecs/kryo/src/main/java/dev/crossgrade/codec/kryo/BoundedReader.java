package dev.crossgrade.codec.kryo;

/**
 * The bounded byte-array input a codec reads a body through ({@link BoundedInput4}, {@link
 * BoundedInput5}): the methods of Kryo's {@code Input} that {@link KryoSession} calls, which each
 * generation's {@code Input} already has.
 */
interface BoundedReader extends BoundedSource {
  /** Reads {@code bytes[offset, offset + count)} next. */
  void setBuffer(byte[] bytes, int offset, int count);

  /** Where reading stopped in the array. */
  int position();

  /** Forgets the caller's bytes. */
  default void release() {
    setBuffer(Bounds.NO_BYTES, 0, 0);
  }
}
