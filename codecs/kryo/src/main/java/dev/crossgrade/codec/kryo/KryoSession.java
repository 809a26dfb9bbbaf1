package dev.crossgrade.codec.kryo;

import dev.crossgrade.codec.PayloadBuffer;

/**
 * One Kryo instance of either generation with its bounded input and output, used by one thread at a
 * time: the narrow binding {@link KryoEngine} drives, so that what does not depend on the Kryo
 * generation (pooling, bounds, error mapping, trailing bytes, the type check) is written once.
 */
abstract class KryoSession {
  final Bounds bounds = new Bounds();

  /** The deepest nesting Kryo may follow. */
  abstract void maxDepth(int depth);

  /**
   * Writes {@code body} with its class into {@code out}, straight into its array: Kryo's output
   * takes the array, may grow it within {@code out}'s limit, and {@code out} adopts the result.
   */
  abstract void write(Object body, PayloadBuffer out);

  /** Reads one value with its class from {@code bytes[offset, offset + length)}. */
  abstract Object read(byte[] bytes, int offset, int length);

  /** Where the last {@link #read} stopped in the array. */
  abstract int readEnd();

  /** Lets go of the caller's array after a write. */
  abstract void releaseOutput();

  /** Lets go of the caller's array after a read. */
  abstract void releaseInput();

  /** Clears Kryo's per-graph state after a failed read. */
  abstract void reset();
}
