package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import org.jspecify.annotations.Nullable;

/**
 * Kryo 4's byte-array input, checking every length header against the limits and the bytes that
 * remain before Kryo allocates for it. It also reads ASCII strings without Kryo 4's trick of
 * flipping a bit of the caller's array for a moment, so that two threads may decode one array.
 */
final class BoundedInput4 extends Input implements BoundedReader {
  private final Bounds bounds;

  BoundedInput4(Bounds bounds) {
    this.bounds = bounds;
  }

  @Override
  public int window(int bytes) {
    return require(bytes);
  }

  @Override
  public int peek(int index) {
    return buffer[position + index];
  }

  @Override
  public long remainingUpperBound() {
    return limit - position;
  }

  @Override
  public @Nullable String readString() {
    require(1);
    if ((buffer[position] & 0x80) == 0) {
      return readAscii();
    }
    bounds.checkStringHeader(this, chars);
    return super.readString();
  }

  @Override
  public @Nullable StringBuilder readStringBuilder() {
    String value = readString();
    return value == null ? null : new StringBuilder(value);
  }

  /** Reads an ASCII string, whose last char has the high bit set, without writing to the array. */
  private String readAscii() {
    int start = position;
    int end = start;
    while (true) {
      if (end == limit) {
        throw new KryoException("Buffer underflow.");
      }
      if ((buffer[end++] & 0x80) != 0) {
        break;
      }
    }
    int count = end - start;
    bounds.limits().checkStringLength(count, Bounds.PATH);
    char[] chars = new char[count];
    for (int i = 0; i < count; i++) {
      chars[i] = (char) (buffer[start + i] & 0x7F);
    }
    position = end;
    return new String(chars);
  }

  @Override
  public byte[] readBytes(int length) {
    bounds.checkClaimedLength(this, length);
    return super.readBytes(length);
  }

  @Override
  public int[] readInts(int length) {
    bounds.checkClaimedElements(this, length, 4);
    return super.readInts(length);
  }

  @Override
  public int[] readInts(int length, boolean optimizePositive) {
    bounds.checkClaimedElements(this, length, 1);
    return super.readInts(length, optimizePositive);
  }

  @Override
  public long[] readLongs(int length) {
    bounds.checkClaimedElements(this, length, 8);
    return super.readLongs(length);
  }

  @Override
  public long[] readLongs(int length, boolean optimizePositive) {
    bounds.checkClaimedElements(this, length, 1);
    return super.readLongs(length, optimizePositive);
  }

  @Override
  public float[] readFloats(int length) {
    bounds.checkClaimedElements(this, length, 4);
    return super.readFloats(length);
  }

  @Override
  public double[] readDoubles(int length) {
    bounds.checkClaimedElements(this, length, 8);
    return super.readDoubles(length);
  }

  @Override
  public short[] readShorts(int length) {
    bounds.checkClaimedElements(this, length, 2);
    return super.readShorts(length);
  }

  @Override
  public char[] readChars(int length) {
    bounds.checkClaimedElements(this, length, 2);
    return super.readChars(length);
  }
}
