package dev.crossgrade.codec.kryo;

import com.esotericsoftware.kryo.kryo5.io.Output;
import org.jspecify.annotations.Nullable;

/**
 * Kryo 5's byte-array output, refusing strings and arrays that the reader would refuse, so that a
 * codec never writes what it cannot read back.
 */
final class BoundedOutput5 extends Output implements BoundedWriter {
  private final Bounds bounds;

  BoundedOutput5(Bounds bounds) {
    this.bounds = bounds;
  }

  @Override
  public void writeString(@Nullable String value) {
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
  public void writeInts(int[] array, int offset, int count) {
    bounds.checkWrittenSize(count);
    super.writeInts(array, offset, count);
  }

  @Override
  public void writeInts(int[] array, int offset, int count, boolean optimizePositive) {
    bounds.checkWrittenSize(count);
    super.writeInts(array, offset, count, optimizePositive);
  }

  @Override
  public void writeLongs(long[] array, int offset, int count) {
    bounds.checkWrittenSize(count);
    super.writeLongs(array, offset, count);
  }

  @Override
  public void writeLongs(long[] array, int offset, int count, boolean optimizePositive) {
    bounds.checkWrittenSize(count);
    super.writeLongs(array, offset, count, optimizePositive);
  }

  @Override
  public void writeFloats(float[] array, int offset, int count) {
    bounds.checkWrittenSize(count);
    super.writeFloats(array, offset, count);
  }

  @Override
  public void writeDoubles(double[] array, int offset, int count) {
    bounds.checkWrittenSize(count);
    super.writeDoubles(array, offset, count);
  }

  @Override
  public void writeShorts(short[] array, int offset, int count) {
    bounds.checkWrittenSize(count);
    super.writeShorts(array, offset, count);
  }

  @Override
  public void writeChars(char[] array, int offset, int count) {
    bounds.checkWrittenSize(count);
    super.writeChars(array, offset, count);
  }

  @Override
  public void writeBooleans(boolean[] array, int offset, int count) {
    bounds.checkWrittenSize(count);
    super.writeBooleans(array, offset, count);
  }
}
