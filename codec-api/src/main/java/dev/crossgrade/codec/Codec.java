package dev.crossgrade.codec;

/**
 * A wire format for values of one type: the SPI that every codec implements. A codec writes and
 * reads bodies only; the {@link CodecRegistry} wraps them in the envelope.
 *
 * <p>Implementations must be thread-safe and must fail only with {@link PayloadException}s: a body
 * that cannot be read becomes a {@link CorruptPayloadException} or a {@link
 * LimitExceededException}, never a library exception, an {@link OutOfMemoryError} or a {@link
 * StackOverflowError}.
 *
 * @param <T> the type of value this codec reads and writes
 */
public interface Codec<T> {
  /** The wire format's identity, whose id is written in every envelope. */
  CodecDescriptor descriptor();

  /** The type of value this codec reads and writes. */
  Class<T> valueType();

  /**
   * Writes {@code value} as a body at the end of {@code out}.
   *
   * @throws UnencodableValueException if the value cannot be represented in this format
   * @throws LimitExceededException if the value is over one of the {@code limits}
   */
  void encode(T value, PayloadBuffer out, Limits limits);

  /**
   * Reads the body at {@code bytes[offset, offset + length)}, which must be consumed entirely.
   *
   * @throws CorruptPayloadException if the bytes are not a valid body, or have bytes left over
   * @throws LimitExceededException if the value is over one of the {@code limits}
   */
  T decode(byte[] bytes, int offset, int length, Limits limits);
}
