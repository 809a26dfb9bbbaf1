package dev.crossgrade.codec;

/**
 * Reads payloads written before Crossgrade, which have no envelope. A registry hands it every
 * payload that does not start with the envelope's magic.
 *
 * @param <T> the type of value it produces
 */
public interface LegacyReader<T> {
  /** The format it reads, for metrics and error messages. */
  CodecDescriptor descriptor();

  /**
   * Reads a legacy payload.
   *
   * @throws PayloadException if it cannot, typically {@link CorruptPayloadException}
   */
  T read(byte[] bytes, int offset, int length, Limits limits);
}
