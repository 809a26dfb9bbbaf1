package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.kryo5.io.Input;
import org.jspecify.annotations.Nullable;

/**
 * Kryo 5's byte-array input, checking every length header against the limits and the bytes that
 * remain before Kryo allocates for it.
 */
final class BoundedInput5 extends Input implements BoundedReader {
  private final Bounds bounds;

  BoundedInput5(Bounds bounds) {
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
    bounds.checkStringHeader(this, chars);
    return bounds.checkReadString(super.readString());
  }

  @Override
  public @Nullable StringBuilder readStringBuilder() {
    String value = readString();
    return value == null ? null : new StringBuilder(value);
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

  @Override
  public boolean[] readBooleans(int length) {
    bounds.checkClaimedElements(this, length, 1);
    return super.readBooleans(length);
  }
}
