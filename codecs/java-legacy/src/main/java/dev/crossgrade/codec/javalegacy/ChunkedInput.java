package dev.crossgrade.codec.javalegacy;

import java.io.ByteArrayInputStream;

/**
 * A byte array input that knows its position and hands out at most {@code chunk} bytes a read: the
 * readers' streams read through it, and their tests set the chunk to one byte, as a network or a
 * slow stream would deliver, to prove no read assumes a full buffer.
 */
final class ChunkedInput extends ByteArrayInputStream {
  /** No bound on a read: the default. */
  static final int WHOLE = Integer.MAX_VALUE;

  private final int start;
  private final int chunk;

  ChunkedInput(byte[] bytes, int offset, int length, int chunk) {
    super(bytes, offset, length);
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be at least 1, was " + chunk);
    }
    this.start = offset;
    this.chunk = chunk;
  }

  @Override
  public synchronized int read(byte[] into, int offset, int length) {
    return super.read(into, offset, Math.min(length, chunk));
  }

  @Override
  public synchronized long skip(long n) {
    return super.skip(Math.min(n, chunk));
  }

  /** How many bytes have been consumed. */
  synchronized long position() {
    return pos - start;
  }
}
