package dev.crossgrade.codec.kryo;

/**
 * The bounded byte-array output a codec writes a body through ({@link BoundedOutput4}, {@link
 * BoundedOutput5}): the methods of Kryo's {@code Output} that {@link KryoSession} calls, which each
 * generation's {@code Output} already has.
 */
interface BoundedWriter {
  /** Writes into {@code buffer}, which may grow up to {@code maxBufferSize} bytes. */
  void setBuffer(byte[] buffer, int maxBufferSize);

  /** Moves the write position. */
  void setPosition(int position);

  /** The buffer written, which may be a grown copy of the one set. */
  byte[] getBuffer();

  /** How many bytes of the buffer are written. */
  int position();

  /** Forgets the caller's buffer. */
  default void release() {
    setBuffer(Bounds.NO_BYTES, 0);
  }
}
