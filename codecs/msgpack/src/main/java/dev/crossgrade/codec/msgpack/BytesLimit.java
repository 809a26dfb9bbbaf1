package dev.crossgrade.codec.msgpack;

import dev.crossgrade.codec.LimitExceededException;
import dev.crossgrade.codec.Limits;

/**
 * The bound on binary and extension bodies, read or written: {@link Limits#maxStringLength()}
 * bytes, with a message naming what the bytes are and where.
 */
final class BytesLimit {
  private BytesLimit() {}

  /** Throws if {@code size} bytes of {@code what} at {@code path} are over the limit. */
  static void check(Limits limits, String what, int size, Path path) {
    if (size > limits.maxStringLength()) {
      throw new LimitExceededException(
          "%s of %s bytes at %s is over the limit of %s (Limits.maxStringLength)"
              .formatted(what, size, path.render(), limits.maxStringLength()));
    }
  }
}
