package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.io.Output;
import org.jspecify.annotations.Nullable;

/**
 * Kryo 4's byte-array output, refusing strings and arrays that the reader would refuse, so that a
 * codec never writes what it cannot read back.
 */
final class BoundedOutput4 extends Output implements BoundedWriter {
  private final Bounds bounds;

  BoundedOutput4(Bounds bounds) {
    this.bounds = bounds;
  }

  @Override
  public void writeString(@Nullable String value) {
    bounds.checkWrittenText(value);
    super.writeString(value);
  }

  @Override
  public void writeString(@Nullable CharSequence value) {
    bounds.checkWrittenText(value);
    super.writeString(value);
  }

  @Override
  public void writeAscii(@Nullable String value) {
    bounds.checkWrittenText(value);
    super.writeAscii(value);
  }

  @Override
  public void writeBytes(byte[] bytes) {
    bounds.checkWrittenLength(bytes.length);
    super.writeBytes(bytes);
  }

  @Override
  public void writeInts(int[] array, boolean optimizePositive) {
    bounds.checkWrittenSize(array.length);
    super.writeInts(array, optimizePositive);
  }

  @Override
  public void writeInts(int[] array) {
    bounds.checkWrittenSize(array.length);
    super.writeInts(array);
  }

  @Override
  public void writeLongs(long[] array, boolean optimizePositive) {
    bounds.checkWrittenSize(array.length);
    super.writeLongs(array, optimizePositive);
  }

  @Override
  public void writeLongs(long[] array) {
    bounds.checkWrittenSize(array.length);
    super.writeLongs(array);
  }

  @Override
  public void writeFloats(float[] array) {
    bounds.checkWrittenSize(array.length);
    super.writeFloats(array);
  }

  @Override
  public void writeDoubles(double[] array) {
    bounds.checkWrittenSize(array.length);
    super.writeDoubles(array);
  }

  @Override
  public void writeShorts(short[] array) {
    bounds.checkWrittenSize(array.length);
    super.writeShorts(array);
  }

  @Override
  public void writeChars(char[] array) {
    bounds.checkWrittenSize(array.length);
    super.writeChars(array);
  }
}
