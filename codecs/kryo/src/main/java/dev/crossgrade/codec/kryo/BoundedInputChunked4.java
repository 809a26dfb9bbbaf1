package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.InputChunked;
import org.jspecify.annotations.Nullable;

/**
 * Kryo 4's chunked input, which its field serializers read each field through, checking every
 * length header like {@link BoundedInput4}. What can remain is what its buffer holds plus what can
 * remain in the input it reads from.
 */
final class BoundedInputChunked4 extends InputChunked implements BoundedSource {
  private static final int BUFFER_SIZE = 1024;
  private final Input parent;
  private final Bounds bounds;

  BoundedInputChunked4(Input parent, Bounds bounds) {
    super(parent, BUFFER_SIZE);
    this.parent = parent;
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
    return (limit - position) + bounds.remaining(parent);
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
}
