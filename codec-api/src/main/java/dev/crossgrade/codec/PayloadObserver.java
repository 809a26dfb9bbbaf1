package dev.crossgrade.codec;

/**
 * Receives an event for every payload a {@link CodecRegistry} writes or reads, for metrics.
 * Implementations must be thread-safe and fast; an exception they throw is ignored.
 */
public interface PayloadObserver {
  /** An observer that does nothing. */
  PayloadObserver NONE = new PayloadObserver() {};

  /** A payload was written. */
  default void encoded(CodecDescriptor codec, int schemaVersion, int payloadBytes, long nanos) {}

  /**
   * A payload was read.
   *
   * @param upcastSteps how many upcasters were applied, 0 if it was current
   */
  default void decoded(
      CodecDescriptor codec, int schemaVersion, int upcastSteps, int payloadBytes, long nanos) {}

  /** A payload could not be read. */
  default void decodeFailed(PayloadException failure, int payloadBytes) {}
}
